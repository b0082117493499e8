// End to end in Chromium: rhythms by tag and a tolerance (issue 17, point 8), by keyboard. A tag
// given "check in every 14 days, at worst 21" in Settings; the contact carrying it shows that
// rhythm and where it came from, is due but not overdue at 20 days, and the dashboard agrees.
// Screenshots in light and dark, axe-clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';
import { expectAxeClean, screenshotBothThemes } from '../helpers/screens';

let s: WebSession;
let ada = '';
beforeAll(async () => {
  s = await openWebSession({
    viewport: { width: 1320, height: 900 },
    seed: async (k) => {
      ada = (await k.call('contacts.create', { displayName: 'Ada Lovelace', circleId: 'circle-colleagues', tags: ['Mentor'] })).id;
      await k.call('interactions.log', { kind: 'call', participantIds: [ada], occurredAt: Date.now() - 20 * 86_400_000 });
      await k.call('contacts.create', { displayName: 'Charles Babbage', tags: ['Book club'] });
    },
  });
});
afterAll(async () => s?.close());

const tagRow = () => s.kith.sqlite.prepare(`SELECT cadence_days, cadence_latest_days FROM tags WHERE name = 'Mentor'`).get();

describe('rhythms by tag and a tolerance', { timeout: 150_000 }, () => {
  it('gives a tag a rhythm by keyboard in Settings and refuses a latest interval below it in place', async () => {
    await s.page.goto(`${s.host.url.split('#')[0]}#/settings`);
    const days = s.page.getByLabel('Tag Mentor: check-in days');
    await days.focus();
    await s.page.keyboard.type('14');
    await s.page.keyboard.press('Enter');
    await expect.poll(tagRow).toEqual({ cadence_days: 14, cadence_latest_days: null });

    const latest = s.page.getByLabel('Tag Mentor: latest check-in days');
    await expect.poll(() => latest.isEnabled()).toBe(true);
    await latest.focus();
    await s.page.keyboard.type('10');
    await s.page.keyboard.press('Enter');
    await s.page.getByText('The latest interval cannot be shorter than the cadence (14 days)').waitFor();
    expect(tagRow()).toEqual({ cadence_days: 14, cadence_latest_days: null });
    await expect.poll(() => latest.inputValue()).toBe('');

    await latest.focus();
    await s.page.keyboard.type('21');
    await s.page.keyboard.press('Enter');
    await expect.poll(tagRow).toEqual({ cadence_days: 14, cadence_latest_days: 21 });
    // a tag without a rhythm has nothing to be at worst
    expect(await s.page.getByLabel('Tag Book club: latest check-in days').isDisabled()).toBe(true);

    // the saved change reloads the list, which may replace the row while it is being scrolled to
    await expect
      .poll(() =>
        s.page
          .getByLabel('Tag Mentor: check-in days')
          .scrollIntoViewIfNeeded({ timeout: 2000 })
          .then(() => true, () => false),
      )
      .toBe(true);
    await expectAxeClean(s, 'settings');
    await screenshotBothThemes(s, 'rhythms-settings');
  });

  it('shows the tag rhythm on the contact: due at 14 days, overdue only from 21, and the dashboard agrees', async () => {
    await s.page.goto(`${s.host.url.split('#')[0]}#/contacts/${ada}`);
    await s.page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await s.page.getByText('Every 14 days, at worst 21 (from the tag Mentor)').waitFor();
    await s.page.getByText(/\(due; overdue from /).waitFor();
    const home = await s.kith.call('health.dashboard', {});
    expect(home.overdue.total).toBe(0);
    expect(home.comingUp.filter((i) => i.kind === 'checkin').map((i) => i.displayName)).toEqual(['Ada Lovelace']);

    await expectAxeClean(s, 'contact');
    await screenshotBothThemes(s, 'rhythms-contact');

    // a tighter latest makes her overdue, on screen too
    await s.kith.call('tags.setCadence', { id: (await s.kith.call('tags.list', {})).find((t) => t.name === 'Mentor')!.id, cadenceDays: 14, cadenceLatestDays: 18 });
    await s.page.getByText(/\(overdue since /).waitFor();
    expect((await s.kith.call('health.dashboard', {})).overdue.items.map((i) => i.displayName)).toEqual(['Ada Lovelace']);
  });
});
