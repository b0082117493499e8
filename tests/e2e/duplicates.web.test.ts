// End to end in Chromium: finding a duplicate from the dashboard, merging it field by field, and
// undoing the merge; the screens axe-checked and photographed in light and dark.
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';
import { fixedClock } from '../helpers/backend';

let s: WebSession;
const ids: Record<string, string> = {};
const clock = fixedClock('2026-06-15T10:00:00Z', 'Europe/Berlin');
beforeAll(async () => {
  s = await openWebSession({
    viewport: { width: 1320, height: 860 },
    clock,
    seed: async (kith) => {
      await kith.call('settings.update', { phoneRegion: 'DE' });
      ids.first = (await kith.call('contacts.create', { displayName: 'Sofia Garcia', company: 'Acme', methods: [{ kind: 'email', value: 'sofia@example.com' }, { kind: 'phone', value: '030 12345678' }], tags: ['Climbing'] })).id;
      clock.advance(86_400_000); // added a day later: Sofia Garcia is the one kept by default
      ids.second = (await kith.call('contacts.create', { displayName: 'García, Sofía', company: 'Acme Corporation GmbH', methods: [{ kind: 'phone', value: '+49 30 12345678' }, { kind: 'email', value: 'sofia@acme.example' }], notes: 'Prefers calls in the morning.' })).id;
      await kith.call('contacts.create', { displayName: 'Tom Baker' });
      await kith.call('interactions.log', { kind: 'call', direction: 'outbound', summary: 'Catch-up call', notes: '', participantIds: [ids.second!], occurredAt: Date.parse('2026-06-10T09:00:00Z') });
    },
  });
});
afterAll(async () => s?.close());

const count = (sql: string, ...args: unknown[]) => s.kith.sqlite.prepare(sql).pluck().get(...args) as number;

async function axeClean() {
  const results = await new AxeBuilder({ page: s.page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
}

async function bothThemes(name: string) {
  await s.screenshot(`${name}-light`);
  await s.page.emulateMedia({ colorScheme: 'dark' });
  await axeClean();
  await s.screenshot(`${name}-dark`);
  await s.page.emulateMedia({ colorScheme: 'light' });
}

describe('finding and merging a duplicate', () => {
  it('the dashboard points to the possible duplicate, and the view says why they match', async () => {
    await s.page.getByRole('link', { name: /1 possible duplicate/ }).waitFor();
    await bothThemes('duplicates-dashboard-link');
    await s.page.getByRole('link', { name: /1 possible duplicate/ }).click();
    await s.page.getByRole('heading', { level: 1, name: 'Possible duplicates' }).waitFor();
    const group = s.page.getByRole('listitem', { name: 'Sofia Garcia and García, Sofía' });
    await group.waitFor();
    expect(await group.getByRole('list', { name: 'Why they may be the same person' }).innerText()).toMatch(/Same phone: 030 12345678[\s\S]*Same name/);
    await axeClean();
    await bothThemes('duplicates-view');
  });

  it('merges them with a field chosen by hand: one contact with everything of both', async () => {
    await s.page.getByRole('button', { name: 'Merge Sofia Garcia and García, Sofía' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Merge 2 contacts' });
    await dialog.getByRole('group', { name: 'Company' }).waitFor();
    // the accented name and the longer company are chosen; keep the shorter company instead
    expect(await dialog.getByRole('group', { name: 'Name' }).getByRole('radio', { name: 'García, Sofía' }).isChecked()).toBe(true);
    await dialog.getByRole('group', { name: 'Company' }).getByText('Acme', { exact: true }).click();
    await axeClean();
    await bothThemes('duplicates-merge-dialog');
    await dialog.getByRole('button', { name: 'Merge into García, Sofía' }).click();
    await s.page.getByText('Merged 2 contacts into García, Sofía').waitFor();
    await s.page.getByText('No possible duplicates').waitFor();
    expect(count(`SELECT count(*) FROM contacts`)).toBe(2);
    const merged = await s.kith.call('contacts.get', { id: ids.first! });
    expect(merged).toMatchObject({ displayName: 'García, Sofía', company: 'Acme', notes: 'Prefers calls in the morning.', tags: ['Climbing'] });
    expect(merged.methods.map((m) => m.value)).toEqual(['sofia@example.com', '030 12345678', 'sofia@acme.example']);
    expect(count(`SELECT count(*) FROM interaction_participants WHERE contact_id = ?`, ids.first)).toBe(1);
    await s.screenshot('duplicates-merged-light');
  });

  it('undoes the merge from the toast: both contacts back as they were', async () => {
    await s.page.getByRole('button', { name: 'Undo' }).click();
    await s.page.getByText(/Merge undone/).waitFor();
    await s.page.getByRole('listitem', { name: 'Sofia Garcia and García, Sofía' }).waitFor();
    expect(count(`SELECT count(*) FROM contacts`)).toBe(3);
    expect((await s.kith.call('contacts.get', { id: ids.second! })).company).toBe('Acme Corporation GmbH');
    expect(count(`SELECT count(*) FROM interaction_participants WHERE contact_id = ?`, ids.second)).toBe(1);
  });

  it('finds the contact by its number in another format, shown in the user\'s format', async () => {
    await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await s.page.getByRole('link', { name: /Duplicates/ }).waitFor();
    await bothThemes('duplicates-contacts-tab');
    await s.page.evaluate((id) => (window.location.hash = `#/contacts/${id}`), ids.second!);
    await s.page.getByRole('heading', { level: 1, name: 'García, Sofía' }).waitFor();
    await s.page.getByRole('link', { name: '030 12345678' }).waitFor(); // typed as +49 30 12345678, shown as dialled in Germany
    // search finds the number typed in another format
    await s.page.getByRole('combobox', { name: 'Search contacts' }).fill('0049 30 1234 5678');
    const results = s.page.getByRole('listbox', { name: 'Search results' });
    await results.getByRole('option', { name: /García, Sofía/ }).waitFor();
    await s.page.getByRole('combobox', { name: 'Search contacts' }).fill('');
  });

  it('Settings has the default phone region', async () => {
    await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const section = s.page.getByRole('region', { name: 'Phone numbers' });
    await section.waitFor();
    expect(await section.getByLabel('Default region').inputValue()).toBe('DE');
    await section.scrollIntoViewIfNeeded();
    await bothThemes('duplicates-settings-phone');
  });
});
