// End to end in Chromium (issue 15.7, 15.8, 15.10, 15.15): the shortcuts list, Undo of a tag's
// delete, the quick-log's new person / quick dates / future note, and the theme chosen in Settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { openWebSession, type WebSession } from '../helpers/browser';
import { fixedClock, type TestBackend } from '../helpers/backend';

async function seed(kith: TestBackend) {
  await kith.call('contacts.create', { displayName: 'Ann Archer', tags: ['climbing'] });
  await kith.call('contacts.create', { displayName: 'Ben Baker', tags: ['climbing', 'work'] });
}

// toasts left out: they fade in and out, and axe reads a half-transparent one as low contrast
const violations = async (s: WebSession) =>
  (await new AxeBuilder({ page: s.page }).exclude('[data-sonner-toaster]').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('daily use, second part', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    describe(colorScheme, () => {
      let s: WebSession;
      beforeAll(async () => (s = await openWebSession({ seed, colorScheme })));
      afterAll(async () => s?.close());

      it('"?" lists the keyboard shortcuts', async () => {
        await s.page.goto(`${s.host.url}#/contacts`);
        await s.page.getByRole('heading', { name: 'Contacts' }).first().waitFor();
        await s.page.keyboard.press('?');
        const dialog = s.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
        await dialog.getByText('Open the command palette').waitFor();
        await s.screenshot(`daily2-shortcuts-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
        await s.page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      });

      it('deletes a tag with Undo in the toast, which puts it back on everyone', async () => {
        await s.page.goto(`${s.host.url}#/settings`);
        await s.page.getByRole('button', { name: 'Delete tag climbing' }).click();
        await s.page.getByText('Tag climbing removed from 2 people').waitFor();
        await s.screenshot(`daily2-tag-undo-${colorScheme}`);
        await s.page.getByRole('button', { name: 'Undo' }).click();
        await s.page.getByText('Tag climbing restored').waitFor();
        expect(s.kith.sqlite.prepare(`SELECT count(*) FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = 'climbing'`).pluck().get()).toBe(2);
        await s.page.getByRole('button', { name: 'Delete tag climbing' }).waitFor();
      });

      it('quick-log: adds a person no one matches, and points a future date to a reminder', async () => {
        await s.page.goto(`${s.host.url}#/contacts`);
        await s.page.getByRole('heading', { name: 'Contacts' }).first().waitFor();
        await s.page.keyboard.press('Control+l');
        const dialog = s.page.getByRole('dialog', { name: 'Log an interaction' });
        await dialog.waitFor({ timeout: 5000 }).catch(async (e) => {
          await s.screenshot(`daily2-debug-${colorScheme}`);
          throw e;
        });
        await dialog.getByRole('combobox', { name: 'People' }).fill(`Nadia ${colorScheme}`);
        await dialog.getByRole('option', { name: `Add “Nadia ${colorScheme}” as a new contact` }).waitFor();
        await s.screenshot(`daily2-quicklog-new-person-${colorScheme}`);
        await dialog.getByRole('option', { name: /as a new contact/ }).click();
        await dialog.getByRole('button', { name: `Remove Nadia ${colorScheme}` }).waitFor();
        await dialog.getByLabel('When').fill('2099-01-01');
        await dialog.getByRole('button', { name: 'Make a reminder for 2099-01-01' }).waitFor();
        await s.screenshot(`daily2-quicklog-future-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
        await dialog.getByRole('button', { name: 'Yesterday' }).click();
        await dialog.getByRole('button', { name: /Make a reminder/ }).waitFor({ state: 'detached' });
        await s.page.keyboard.press('Escape');
      });

      it('chooses the theme in Settings, over the system’s', async () => {
        await s.page.goto(`${s.host.url}#/settings`);
        const other = colorScheme === 'light' ? 'Dark' : 'Light';
        await s.page.getByRole('radio', { name: other }).check();
        await expect.poll(() => s.page.evaluate(() => document.documentElement.dataset.theme)).toBe(other.toLowerCase());
        const bg = await s.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        expect(bg).toBe(other === 'Dark' ? 'rgb(22, 22, 24)' : 'rgb(246, 246, 243)');
        await s.page.getByRole('heading', { name: 'Appearance' }).scrollIntoViewIfNeeded();
        await s.screenshot(`daily2-theme-${other.toLowerCase()}-on-${colorScheme}-system`);
        expect((await s.kith.call('settings.get', {})).theme).toBe(other.toLowerCase());
        // kept after a reload, and back to the system's
        await s.page.reload();
        await expect.poll(() => s.page.evaluate(() => document.documentElement.dataset.theme)).toBe(other.toLowerCase());
        await s.page.getByRole('radio', { name: 'Same as the system' }).check();
        await expect.poll(() => s.page.evaluate(() => document.documentElement.dataset.theme)).toBe(colorScheme);
      });
    });
  }
});
