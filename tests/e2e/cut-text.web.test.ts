// No text is cut without an ellipsis and a tooltip (issue 15 point 16): every screen, at 1024 and
// 1440 px, over contacts with very long names, emails, companies, circles, tags and reminders.
// tests/helpers/cut-text.ts finds text wider than its box that is cut silently or has no tooltip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../helpers/backend';
import { openWebSession, type WebSession } from '../helpers/browser';
import { findCutText } from '../helpers/cut-text';

let s: WebSession;
let contactId = '';
const LONG = 'Maximiliana Alexandrina Wolkenstein-Trostberg von Hohenzollern-Sigmaringen';

beforeAll(async () => {
  s = await openWebSession({
    clock: fixedClock('2026-11-20T10:00:00Z', 'Europe/Berlin'),
    seed: async (kith) => {
      const circle = await kith.call('circles.create', { name: 'Climbing partners from the alpine club', color: '#2a7ab0', defaultCadenceDays: 14 });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const c = await kith.call('contacts.create', {
          displayName: `${LONG} ${i}`,
          company: 'Internationale Gesellschaft für Zusammenarbeit und Entwicklungsfinanzierung',
          title: 'Senior Principal Programme Director for Regional Partnerships',
          circleId: i === 2 ? 'circle-clients' : circle.id,
          importance: 'inner',
          cadenceDays: 7,
          methods: [{ kind: 'email', value: `maximiliana.alexandrina.wolkenstein-trostberg${i}@internationale-gesellschaft-zusammenarbeit.example.org` }],
          tags: ['a-rather-long-tag-name-for-testing', 'conference 2025', 'photography', 'volunteering', 'mentor'],
        });
        ids.push(c.id);
      }
      // a likely duplicate of the first: same name and email
      await kith.call('contacts.create', { displayName: `${LONG} 0`, methods: [{ kind: 'email', value: 'maximiliana.alexandrina.wolkenstein-trostberg0@internationale-gesellschaft-zusammenarbeit.example.org' }] });
      await kith.call('interactions.log', { kind: 'call', participantIds: [ids[0]!], occurredAt: Date.parse('2026-06-01T10:00:00Z'), summary: 'A very long summary of a call about the proposal, the budget, the schedule and the people involved in it' });
      await kith.call('reminders.create', { title: `Follow up with ${LONG} on the proposal for the regional partnership programme`, contactId: ids[0]!, dueDate: '2026-11-19' });
      await kith.call('reminders.create', { title: `Send the signed contract and the annex on data processing to ${LONG}`, contactId: ids[1]!, dueDate: '2026-11-25' });
      contactId = ids[0]!;
    },
  });
}, 120_000);
afterAll(async () => s?.close());

const screens: [string, string][] = [
  ['dashboard', '#/'],
  ['contacts list', '#/contacts'],
  ['contact page', '#/contacts/:id'],
  ['reminders', '#/reminders'],
  ['search page', '#/search/Maximiliana'],
  ['clients', '#/clients'],
  ['duplicates', '#/contacts/duplicates'],
  ['settings', '#/settings'],
  ['sync conflicts', '#/sync/conflicts'],
];

describe.each([1024, 1440])('at %i px', (width) => {
  it.each(screens)('%s cuts no text without an ellipsis and a tooltip', async (name, hash) => {
    await s.page.setViewportSize({ width, height: 900 });
    await s.page.evaluate((h) => (window.location.hash = h), hash.replace(':id', contactId));
    await s.page.waitForLoadState('networkidle');
    await s.page.locator('main h1').first().waitFor();
    await s.page.waitForTimeout(300);
    if (width === 1024) await s.screenshot(`cut-text-${name.replace(/ /g, '-')}`);
    expect(await findCutText(s.page)).toEqual([]);
  });

  it('the quick-log and new-contact dialogs cut no text', async () => {
    await s.page.setViewportSize({ width, height: 900 });
    await s.page.evaluate(() => (window.location.hash = '#/contacts'));
    await s.page.getByRole('button', { name: 'New contact' }).click();
    await s.page.getByRole('dialog').waitFor();
    expect(await findCutText(s.page)).toEqual([]);
    await s.page.keyboard.press('Escape');
    await s.page.getByRole('dialog').waitFor({ state: 'detached' });
    await s.page.keyboard.press('Control+l');
    const dialog = s.page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('combobox').first().fill('Maxi').catch(() => dialog.locator('input').first().fill('Maxi'));
    await s.page.waitForTimeout(500);
    expect(await findCutText(s.page)).toEqual([]);
    // the first Escape closes the picker's suggestions, the next the dialog
    for (let i = 0; i < 3 && (await dialog.count()); i++) {
      await s.page.keyboard.press('Escape');
      await s.page.waitForTimeout(200);
    }
    await dialog.waitFor({ state: 'detached' });
  });
});

describe.each([1024, 1440])('at %i px', (width) => {
  describe.each(['light', 'dark'] as const)('%s', (theme) => {
    it('the new-contact form keeps every field inside its edge', async () => {
      await s.page.setViewportSize({ width, height: 900 });
      await s.page.emulateMedia({ colorScheme: theme });
      await s.page.evaluate(() => (window.location.hash = '#/contacts'));
      await s.page.getByRole('button', { name: 'New contact' }).click();
      const dialog = s.page.getByRole('dialog');
      await dialog.waitFor();
      await s.screenshot(`contact-form-${width}-${theme}`);
      // every input, select and text area of the form: its right edge inside the form's and the dialog's
      const past = await dialog.evaluate((d) => {
        const form = d.querySelector('form')!.getBoundingClientRect();
        const box = d.getBoundingClientRect();
        return [...d.querySelectorAll<HTMLElement>('form input:not([type=file]):not(.visually-hidden), form select, form textarea')]
          .map((el) => ({ label: el.getAttribute('aria-label') ?? el.id, right: el.getBoundingClientRect().right }))
          .filter((f) => f.right > Math.min(form.right, box.right) + 0.5)
          .map((f) => `${f.label}: ${Math.round(f.right - Math.min(form.right, box.right))} px past`);
      });
      expect(past).toEqual([]);
      await s.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    });

    it("the dashboard's Needs attention flags stay visible beside a cut name", async () => {
      await s.page.setViewportSize({ width, height: 900 });
      await s.page.emulateMedia({ colorScheme: theme });
      await s.page.evaluate(() => (window.location.hash = '#/'));
      const list = s.page.getByRole('list', { name: 'Needs attention' });
      await list.waitFor();
      await s.screenshot(`attention-${width}-${theme}`);
      const rows = await list.evaluate((ul) =>
        [...ul.querySelectorAll('li')].map((li) => {
          const name = li.querySelector<HTMLElement>('.dash-row-name')!;
          const row = li.querySelector('.dash-row-link')!.getBoundingClientRect();
          const flags = [...li.querySelectorAll('.flag')].map((f) => f.getBoundingClientRect());
          return {
            cut: name.scrollWidth > name.clientWidth,
            flags: flags.length,
            // a flag inside the name's ellipsis would be cut off or outside the row
            visible: flags.every((f) => f.width > 10 && f.left >= name.getBoundingClientRect().right - 0.5 && f.right <= row.right + 0.5),
          };
        }),
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.cut && r.flags > 0)).toBe(true);
      expect(rows.filter((r) => !r.visible)).toEqual([]);
    });
  });
});
