// End to end in Chromium: small things a person relies on every day (issue 15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { openWebSession, type WebSession } from '../helpers/browser';
import { fixedClock, type TestBackend } from '../helpers/backend';

async function seed(kith: TestBackend) {
  await kith.call('contacts.create', { displayName: 'Tagged Tess', tags: ['climbing', 'book club', 'neighbour', 'school parent', 'choir'] });
  await kith.call('contacts.create', { displayName: 'Plain Pat', tags: ['work'] });
}

describe('daily use', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    describe(colorScheme, () => {
      let s: WebSession;
      beforeAll(async () => (s = await openWebSession({ clock: fixedClock('2026-03-10T10:00:00Z'), seed, colorScheme })));
      afterAll(async () => s?.close());

      it('shows three tags in the contacts list and "+N" for the rest, with their names on hover', async () => {
        await s.page.goto(`${s.host.url}#/contacts`);
        const row = s.page.getByRole('listitem').filter({ hasText: 'Tagged Tess' });
        await row.waitFor();
        expect(await row.locator('.tag').allTextContents()).toEqual(['book club', 'choir', 'climbing', '+2']);
        expect(await row.locator('.tag-more').getAttribute('title')).toBe('neighbour, school parent');
        expect(await s.page.getByRole('listitem').filter({ hasText: 'Plain Pat' }).locator('.tag-more').count()).toBe(0);
        await s.screenshot(`daily-contacts-tags-${colorScheme}`);
        const axe = await new AxeBuilder({ page: s.page }).analyze();
        expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      });

      it('sets the catch-up pace in Settings, refusing what is not a whole number from 0 to 200', async () => {
        await s.page.goto(`${s.host.url}#/settings`);
        const pace = s.page.getByLabel(/Catch-up pace/);
        await pace.fill('250');
        await pace.blur();
        await s.page.getByText('A whole number from 0 to 200').waitFor();
        expect((await s.kith.call('settings.get', {})).catchUpWeeklyBudget).toBe(15);
        await pace.fill('30');
        await pace.blur();
        await expect.poll(async () => (await s.kith.call('settings.get', {})).catchUpWeeklyBudget).toBe(30);
        await pace.scrollIntoViewIfNeeded();
        await s.screenshot(`daily-settings-pace-${colorScheme}`);
        const axe = await new AxeBuilder({ page: s.page }).analyze();
        expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      });
    });
  }
});
