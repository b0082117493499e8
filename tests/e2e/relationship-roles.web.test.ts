// End to end in Chromium (issue 15, point 11): a role defined in Settings with its inverse, picked
// on a contact page by keyboard, each page reading its own word; a new role made from the picker;
// deleting a role in use asks what becomes of its links. Light and dark, axe clean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { openWebSession, type WebSession } from '../helpers/browser';
import type { TestBackend } from '../helpers/backend';

let ids = { ana: '', ben: '' };
async function seed(kith: TestBackend) {
  const ana = await kith.call('contacts.create', { displayName: 'Ana Lindqvist' });
  const ben = await kith.call('contacts.create', { displayName: 'Ben Okafor' });
  ids = { ana: ana.id, ben: ben.id };
}

const violations = async (s: WebSession) =>
  (await new AxeBuilder({ page: s.page }).exclude('[data-sonner-toaster]').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('relationship roles of your own', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    describe(colorScheme, () => {
      let s: WebSession;
      beforeAll(async () => (s = await openWebSession({ seed, colorScheme, viewport: { width: 1280, height: 1000 } })));
      afterAll(async () => s?.close());
      const links = () => s.kith.sqlite.prepare(`SELECT count(*) FROM relationships WHERE kind = 'custom'`).pluck().get();

      it('defines godparent ↔ godchild in Settings and uses it from the keyboard; each side reads its word', async () => {
        await s.page.goto(`${s.host.url}#/settings`);
        const section = s.page.getByRole('region', { name: 'Relationship roles' });
        await section.getByRole('textbox', { name: 'New role', exact: true }).fill('Godparent');
        await section.getByRole('textbox', { name: 'New role: the other side' }).fill('Godchild');
        await section.getByRole('textbox', { name: 'New role: the other side' }).press('Enter');
        await section.getByRole('textbox', { name: 'Godparent: name' }).waitFor();
        await section.scrollIntoViewIfNeeded();
        await s.screenshot(`roles-settings-${colorScheme}`);
        expect(await violations(s)).toEqual([]);

        await s.page.goto(`${s.host.url}#/contacts/${ids.ben}`);
        const rel = s.page.getByRole('region', { name: 'Relationships' });
        await rel.getByRole('button', { name: 'Link someone' }).click();
        const picker = rel.getByRole('combobox', { name: 'Relationship' });
        await picker.focus();
        await picker.selectOption({ label: 'Godparent' });
        const who = rel.getByRole('combobox', { name: 'Linked person' });
        await who.focus();
        await s.page.keyboard.type('Ana');
        await s.page.getByRole('option', { name: /Ana Lindqvist/ }).waitFor();
        await s.page.keyboard.press('Enter');
        await rel.getByRole('button', { name: 'Unlink Ana Lindqvist (Godparent)' }).waitFor();
        await s.screenshot(`roles-contact-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
        await s.page.goto(`${s.host.url}#/contacts/${ids.ana}`);
        await s.page.getByRole('region', { name: 'Relationships' }).getByRole('button', { name: 'Unlink Ben Okafor (Godchild)' }).waitFor();
        expect(links()).toBe(1);
      }, 180_000);

      it('makes a new role from the picker', async () => {
        const rel = s.page.getByRole('region', { name: 'Relationships' });
        await rel.getByRole('button', { name: 'Link someone' }).click();
        await rel.getByRole('combobox', { name: 'Relationship' }).selectOption({ label: 'New role…' });
        await rel.getByRole('textbox', { name: 'What they are to Ana Lindqvist' }).fill('Mentor');
        await rel.getByRole('textbox', { name: 'What Ana Lindqvist is to them' }).fill('Mentee');
        await s.screenshot(`roles-new-in-picker-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
        await rel.getByRole('button', { name: 'Create role' }).click();
        await expect.poll(() => rel.getByRole('combobox', { name: 'Relationship' }).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Mentor');
        await rel.getByRole('combobox', { name: 'Linked person' }).fill('Ben');
        await s.page.getByRole('option', { name: /Ben Okafor/ }).click();
        await rel.getByRole('button', { name: 'Unlink Ben Okafor (Mentor)' }).waitFor();
        expect(links()).toBe(2);
      }, 180_000);

      it('asks what becomes of the links before deleting a role in use', async () => {
        await s.page.goto(`${s.host.url}#/settings`);
        const section = s.page.getByRole('region', { name: 'Relationship roles' });
        await section.getByRole('button', { name: 'Delete role Godparent' }).click();
        const dialog = s.page.getByRole('dialog', { name: 'Delete the role Godparent?' });
        await dialog.getByText('1 link uses this role').waitFor();
        await s.screenshot(`roles-delete-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
        await dialog.getByRole('combobox').selectOption({ label: 'Parent' });
        await dialog.getByRole('button', { name: 'Delete role' }).click();
        await dialog.waitFor({ state: 'detached' });
        expect(s.kith.sqlite.prepare(`SELECT count(*) FROM relationships WHERE kind = 'parent' AND from_contact_id = ? AND to_contact_id = ?`).pluck().get(ids.ana, ids.ben)).toBe(1);
        // the mentor link and its role are left alone; clean up for the other colour scheme's run
        s.kith.sqlite.prepare(`DELETE FROM relationships`).run();
        s.kith.sqlite.prepare(`DELETE FROM relationship_roles`).run();
      }, 180_000);
    });
  }
});
