// The main flows with the keyboard alone: no mouse click anywhere in this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';

let s: WebSession;
const count = (sql: string) => s.kith.sqlite.prepare(sql).pluck().get() as number;
const focusedLabel = () => s.page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

beforeAll(async () => {
  s = await openWebSession(); // the system clock: the page's "now" and the back end's agree
  await s.page.getByText('Welcome to Kith').waitFor();
}, 60_000);
afterAll(async () => s?.close());

describe('with the keyboard alone', () => {
  it('adds two contacts with "n", typing and Enter', async () => {
    for (const name of ['Katherine Johnson', 'Dorothy Vaughan']) {
      await s.page.keyboard.press('n');
      const dialog = s.page.getByRole('dialog', { name: 'New contact' });
      await dialog.waitFor();
      await s.page.keyboard.type(name); // the name field has the focus
      await s.page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'detached' });
    }
    expect(count(`SELECT count(*) FROM contacts WHERE display_name IN ('Katherine Johnson', 'Dorothy Vaughan')`)).toBe(2);
  });

  it('logs an interaction with both through the quick-log shortcut', async () => {
    await s.page.keyboard.press('Control+l');
    const dialog = s.page.getByRole('dialog', { name: /log/i });
    await dialog.waitFor();
    for (const who of ['Katherine', 'Dorothy']) {
      await s.page.keyboard.type(who);
      await dialog.getByRole('option', { name: new RegExp(who) }).waitFor();
      await s.page.keyboard.press('Enter'); // picks the person
    }
    await s.page.keyboard.press('Enter'); // nothing typed: saves
    await dialog.waitFor({ state: 'detached' });
    expect(count(`SELECT count(*) FROM interaction_participants`)).toBe(2);
  });

  it('finds a person with "/" and opens their page with Enter', async () => {
    await s.page.keyboard.press('/');
    await s.page.keyboard.type('vaugh');
    await s.page.getByRole('option', { name: /Dorothy Vaughan/ }).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('heading', { name: 'Dorothy Vaughan' }).waitFor();
  });

  it('goes anywhere with the command palette (Ctrl+K)', async () => {
    await s.page.keyboard.press('Control+k');
    await s.page.getByRole('dialog', { name: 'Command palette' }).waitFor();
    await s.page.keyboard.type('Reminders');
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('heading', { name: 'Reminders', level: 1 }).waitFor();
  });

  it('adds a reminder with "n" and completes it with "d"', async () => {
    await s.page.keyboard.press('n');
    const dialog = s.page.getByRole('dialog', { name: 'New reminder' });
    await dialog.waitFor();
    await s.page.keyboard.type('Send Katherine the orbit notes');
    await s.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const row = s.page.locator('.reminder-row', { hasText: 'Send Katherine the orbit notes' });
    await row.waitFor();
    // Tab until the reminder's row has the focus, then "d"
    for (let i = 0; i < 40 && !(await row.evaluate((el) => el === document.activeElement)); i++) await s.page.keyboard.press('Tab');
    expect(await row.evaluate((el) => el === document.activeElement)).toBe(true);
    await s.page.keyboard.press('d');
    await s.page.waitForFunction(() => true);
    await expect.poll(() => count(`SELECT count(*) FROM reminders WHERE title = 'Send Katherine the orbit notes' AND status = 'done'`)).toBe(1);
  });

  it('backs up from Settings by tabbing to the button and pressing Enter', async () => {
    await s.page.keyboard.press('Control+k');
    await s.page.keyboard.type('Settings');
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const button = s.page.getByRole('button', { name: 'Back up now' });
    for (let i = 0; i < 120 && !(await button.evaluate((el) => el === document.activeElement)); i++) await s.page.keyboard.press('Tab');
    expect(await focusedLabel()).toContain('Back up now');
    await s.page.keyboard.press('Enter');
    await s.page.getByText(/backed up|backup/i).first().waitFor();
    await expect.poll(async () => (await s.kith.call('transfer.backupsList', {})).backups.length).toBeGreaterThan(0);
  });
});
