// End to end in Chromium through the web host (issue 13, points 3–6, and 15.2/15.7 in part):
// selecting many contacts with the mouse and the keyboard and changing them in one step with Undo,
// the "No circle" filter, amounts read by the locale and shown before saving, the Clients card's
// top ten with the full list, health that calls new people New, and names that fill each other.
// Screenshots in light and dark of every changed screen (test-results/trust-*.png).
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';
import type { TestBackend } from '../helpers/backend';

const DAY = 86_400_000;
const NAMES = ['Helen Carter', 'Adam Zimmer', 'Bea Young', 'Carl Xu', 'Dana Walsh', 'Eli Vance', 'Fay Underwood', 'Gus Taylor', 'Hana Sato', 'Ivan Rossi', 'Jade Quinn', 'Kurt Price', 'Lena Olsen', 'Milo Novak'];

async function seed(k: TestBackend) {
  const ids: string[] = [];
  for (const [i, name] of NAMES.entries()) {
    const [givenName, familyName] = name.split(' ');
    const c = await k.call('contacts.create', { displayName: name, givenName, familyName, circleId: i < 10 ? 'circle-clients' : null });
    ids.push(c.id);
  }
  // a year of history for some, so the dashboard has bands, and value for every client
  for (const [i, id] of ids.entries()) {
    if (i % 3 === 0) continue;
    k.sqlite.prepare(`UPDATE contacts SET created_at = created_at - ? WHERE id = ?`).run(400 * DAY, id);
    await k.call('interactions.log', { kind: 'call', participantIds: [id], occurredAt: Date.now() - (i * 9 + 2) * DAY });
  }
  const today = new Date().toISOString().slice(0, 10);
  for (const [i, id] of ids.slice(0, 12).entries()) {
    await k.call('value.create', { contactId: id, occurredOn: today, amountMinor: (12 - i) * 50000, currency: 'EUR', kind: i % 2 ? 'invoiced' : 'paid' });
  }
  await k.call('value.create', { contactId: ids[0]!, occurredOn: today, amountMinor: 90000, currency: 'USD', kind: 'invoiced' });
}

const axeFound: string[] = [];
async function axe(s: WebSession, screen: string) {
  const r = await new AxeBuilder({ page: s.page }).exclude('[data-sonner-toaster]').analyze();
  for (const v of r.violations) axeFound.push(`${screen}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

describe.each(['light', 'dark'] as const)('trust in %s mode', (scheme) => {
  let s: WebSession;
  beforeAll(async () => (s = await openWebSession({ colorScheme: scheme, viewport: { width: 1320, height: 880 }, seed })));
  afterAll(async () => s?.close());
  const go = (hash: string) => s.page.goto(`${s.host.url.split('#')[0]}#${hash}`);
  const q = (sql: string, ...args: unknown[]) => s.kith.sqlite.prepare(sql).pluck().all(...args);

  it('selects with click, shift-click, arrows and Ctrl+A, changes the circle in one step, and undoes it', async () => {
    await go('/contacts');
    const list = s.page.getByRole('list', { name: 'Contacts' });
    await list.getByRole('link', { name: 'Adam Zimmer' }).waitFor();
    await list.getByRole('checkbox', { name: 'Select Adam Zimmer' }).click();
    await list.getByRole('checkbox', { name: 'Select Dana Walsh' }).click({ modifiers: ['Shift'] });
    const bar = s.page.getByRole('toolbar', { name: /selected/ });
    await expect.poll(() => bar.getByText(/selected/).textContent()).toBe('4 selected');
    // the keyboard: down moves the focus, Shift+Down adds, Space toggles
    await s.page.keyboard.press('ArrowDown');
    await s.page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => bar.getByText(/selected/).textContent()).toBe('6 selected');
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Select Fay Underwood');
    await s.page.keyboard.press('Space');
    await expect.poll(() => bar.getByText(/selected/).textContent()).toBe('5 selected');
    await s.screenshot(`trust-contacts-selection-${scheme}`);
    await axe(s, 'contacts with a selection');
    await bar.getByLabel('Move to circle').selectOption({ label: 'Family' });
    await expect.poll(() => q(`SELECT display_name FROM contacts WHERE circle_id = 'circle-family' ORDER BY display_name`)).toEqual(['Adam Zimmer', 'Bea Young', 'Carl Xu', 'Dana Walsh', 'Eli Vance']);
    const toast = s.page.locator('[data-sonner-toast]').filter({ hasText: '5 people: moved them to Family' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => q(`SELECT count(*) FROM contacts WHERE circle_id = 'circle-family'`)).toEqual([0]);
    // Ctrl+A selects everyone the filter matches, even rows never loaded
    await list.getByRole('checkbox', { name: 'Select Adam Zimmer' }).focus();
    await s.page.keyboard.press('Control+a');
    await expect.poll(() => bar.getByText(/selected/).textContent()).toBe(`${NAMES.length} selected`);
    await bar.getByLabel('Check-in cadence').selectOption({ label: 'Never remind' });
    await expect.poll(() => q(`SELECT count(*) FROM contacts WHERE cadence_days = 0`)).toEqual([NAMES.length]);
    await s.page.locator('[data-sonner-toast]').filter({ hasText: 'never remind' }).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => q(`SELECT count(*) FROM contacts WHERE cadence_days IS NOT NULL`)).toEqual([0]);
    await list.getByRole('checkbox', { name: 'Select Adam Zimmer' }).focus();
    await s.page.keyboard.press('Escape');
    await expect.poll(() => bar.count()).toBe(0);
  });

  it('filters to people in no circle, and sorts by family name', async () => {
    await s.page.getByLabel('Filter by circle').selectOption({ label: 'No circle' });
    const list = s.page.getByRole('list', { name: 'Contacts' });
    await expect.poll(() => list.getByRole('link').allTextContents()).toEqual(['Jade Quinn', 'Kurt Price', 'Lena Olsen', 'Milo Novak']);
    await s.page.getByLabel('Filter by circle').selectOption({ label: 'All circles' });
    await s.page.getByLabel('Sort by').selectOption({ label: 'Sort: Family name' });
    await expect.poll(async () => (await list.getByRole('link').allTextContents()).slice(0, 3)).toEqual(['Helen Carter', 'Milo Novak', 'Lena Olsen']);
  });

  it('fills given and family name from the name in the form', async () => {
    await s.page.getByRole('button', { name: 'New contact' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'New contact' });
    await dialog.getByLabel('Name', { exact: true }).pressSequentially('Ada Lovelace');
    expect(await dialog.getByLabel('Given name').inputValue()).toBe('Ada');
    expect(await dialog.getByLabel('Family name').inputValue()).toBe('Lovelace');
    expect(await dialog.locator('.photo-picker .avatar').textContent()).toBe('AL');
    await s.screenshot(`trust-contact-form-${scheme}`);
    await s.page.keyboard.press('Escape');
  });

  it('reads amounts by the locale, refuses "4.500", shows the value before saving, and edits an entry', async () => {
    const id = q(`SELECT id FROM contacts WHERE display_name = 'Helen Carter'`)[0] as string;
    await go(`/contacts/${id}`);
    const form = s.page.getByRole('form', { name: 'Add a value entry' });
    // the form starts in the currency of the latest entry (USD here)
    expect(await form.getByLabel('Currency').inputValue()).toBe('USD');
    await form.getByLabel('Currency').fill('EUR');
    await form.getByLabel('Amount').fill('4.500');
    await form.getByRole('button', { name: 'Add entry' }).click();
    await form.getByText('“4.500” is ambiguous: in en-US it reads as €4.50, but it could mean €4,500.00. Type 4.50 or 4,500.00 to say which.').waitFor();
    await form.getByLabel('Amount').fill('4.500,00');
    await form.getByText('Reads as €4,500.00').waitFor();
    await form.getByLabel('Status').selectOption('paid');
    await s.screenshot(`trust-value-panel-${scheme}`);
    await form.getByRole('button', { name: 'Add entry' }).click();
    await expect.poll(() => q(`SELECT amount_minor FROM value_entries WHERE contact_id = ? AND amount_minor = 450000 AND kind = 'paid'`, id)).toEqual([450000]);
    await expect.poll(() => form.getByLabel('Status').inputValue()).toBe('invoiced');
    await expect.poll(() => form.getByLabel('Amount').inputValue()).toBe('');
    const entries = s.page.getByRole('list', { name: 'Value entries' });
    await entries.getByRole('button', { name: /^Edit \$900\.00 entry/ }).click();
    const edit = entries.getByRole('form', { name: 'Edit value entry' });
    await edit.getByLabel('Amount').fill('950');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => q(`SELECT amount_minor FROM value_entries WHERE contact_id = ? AND currency = 'USD'`, id)).toEqual([95000]);
    await axe(s, 'contact with value');
  });

  it('shows New people as New, the top ten clients with "others", and the full sortable list', async () => {
    await go('/');
    const bands = s.page.getByRole('list', { name: 'Relationship health' });
    await bands.getByText('New').waitFor();
    expect(await bands.locator('li', { hasText: 'New' }).locator('strong').textContent()).toBe('5');
    const eur = s.page.getByRole('group', { name: 'Clients paying in EUR' });
    await eur.getByRole('list').waitFor();
    expect(await eur.getByRole('listitem').count()).toBe(11);
    await eur.getByText('2 other clients').waitFor();
    await s.page.getByRole('group', { name: 'Clients paying in USD' }).getByText('outstanding · $950.00').waitFor();
    await s.page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
    await s.screenshot(`trust-dashboard-${scheme}`);
    await s.page.locator('.portfolio').scrollIntoViewIfNeeded();
    await s.screenshot(`trust-dashboard-portfolio-${scheme}`);
    await axe(s, 'dashboard');
    await s.page.getByRole('link', { name: /^All clients/ }).click();
    const table = s.page.getByRole('table', { name: 'Clients in EUR' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(13); // header and 12 clients
    await table.getByRole('button', { name: 'Client' }).click();
    await expect.poll(async () => (await table.getByRole('row').nth(1).textContent())?.startsWith('Adam Zimmer')).toBe(true);
    await table.getByRole('button', { name: 'Outstanding' }).click();
    await expect.poll(() => table.getByRole('columnheader', { name: /Outstanding/ }).getAttribute('aria-sort')).toBe('descending');
    await s.screenshot(`trust-clients-page-${scheme}`);
    await axe(s, 'clients page');
  });

  it('keeps the default currency in Settings', async () => {
    await go('/settings');
    await s.page.getByLabel('Default currency').selectOption('CHF');
    await expect.poll(() => s.kith.call('settings.get', {}).then((x) => x.defaultCurrency)).toBe('CHF');
    await s.page.getByRole('heading', { name: 'Money' }).scrollIntoViewIfNeeded();
    await s.screenshot(`trust-settings-money-${scheme}`);
  });

  it('has no accessibility violations on the screens it changed', () => {
    expect(axeFound).toEqual([]);
  });
});
