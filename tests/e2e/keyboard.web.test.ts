// The main flows with the keyboard alone: no mouse click anywhere in this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';

let s: WebSession;
const count = (sql: string) => s.kith.sqlite.prepare(sql).pluck().get() as number;
/** press Tab until the element has the focus (the way a keyboard user gets to a button) */
async function tabTo(target: import('playwright-core').Locator, limit = 150) {
  for (let i = 0; i < limit && !(await target.evaluate((el) => el === document.activeElement)); i++) await s.page.keyboard.press('Tab');
  expect(await target.evaluate((el) => el === document.activeElement)).toBe(true);
}
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

  it('archives the open contact and restores her from the Archive, tabbing to the buttons', async () => {
    // on Dorothy's page (the search above opened it)
    await tabTo(s.page.getByRole('button', { name: 'Archive' }));
    await s.page.keyboard.press('Enter');
    await expect.poll(() => count(`SELECT count(*) FROM contacts WHERE display_name = 'Dorothy Vaughan' AND archived_at IS NOT NULL`)).toBe(1);
    await s.page.keyboard.press('Control+k');
    await s.page.keyboard.type('Go to Archive');
    await s.page.keyboard.press('Enter');
    const restore = s.page.getByRole('button', { name: 'Restore' }).first();
    await restore.waitFor();
    await tabTo(restore);
    await s.page.keyboard.press('Enter');
    await expect.poll(() => count(`SELECT count(*) FROM contacts WHERE display_name = 'Dorothy Vaughan' AND archived_at IS NULL`)).toBe(1);
  });

  it('links two people as partners from the keyboard', async () => {
    await s.page.keyboard.press('/');
    await s.page.keyboard.type('katherine');
    await s.page.locator('.search-hit', { hasText: 'Katherine Johnson' }).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('heading', { name: 'Katherine Johnson' }).waitFor();
    await tabTo(s.page.getByRole('button', { name: 'Link someone' }));
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('combobox', { name: 'Linked person' }).evaluate((el) => el === document.activeElement || Promise.reject(new Error('the picker does not have the focus')));
    await s.page.keyboard.press('Shift+Tab'); // from the picker back to the kind of relationship
    await s.page.keyboard.type('Partner');
    expect(await s.page.getByRole('combobox', { name: 'Relationship' }).inputValue()).toBe('partner');
    await s.page.keyboard.press('Tab');
    await s.page.keyboard.type('dorothy');
    await s.page.getByRole('option', { name: /Dorothy Vaughan/ }).waitFor();
    await s.page.keyboard.press('Enter');
    await expect.poll(() => count(`SELECT count(*) FROM relationships WHERE kind = 'partner'`)).toBe(1);
  });

  it('records client value on a contact page with Tab, typing and Enter', async () => {
    // still on Katherine's page; client value is offered for people in the Clients circle
    s.kith.sqlite.prepare(`UPDATE contacts SET circle_id = 'circle-clients' WHERE display_name = 'Katherine Johnson'`).run();
    await s.page.reload();
    await s.page.getByRole('heading', { name: 'Katherine Johnson' }).waitFor();
    await tabTo(s.page.getByRole('textbox', { name: 'Amount' }));
    await s.page.keyboard.type('1200');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => count(`SELECT count(*) FROM value_entries WHERE amount_minor = 120000`)).toBe(1);
  });

  it('logs and snoozes from the dashboard with Tab and Enter', async () => {
    // Katherine and Dorothy have a 30-day cadence: make them overdue by moving their history back
    const longAgo = Date.now() - 60 * 86_400_000;
    s.kith.sqlite.prepare('UPDATE interaction_participants SET occurred_at = ?').run(longAgo);
    s.kith.sqlite.prepare('UPDATE interactions SET occurred_at = ?').run(longAgo);
    s.kith.sqlite.prepare('UPDATE contacts SET created_at = ?').run(longAgo);
    await s.page.keyboard.press('Control+k');
    await s.page.keyboard.type('Go to Dashboard');
    await s.page.keyboard.press('Enter');
    const log = s.page.getByRole('button', { name: 'Log interaction with Dorothy Vaughan' });
    await log.waitFor();
    await tabTo(log);
    const before = count('SELECT count(*) FROM interactions');
    await s.page.keyboard.press('Enter');
    await expect.poll(() => count('SELECT count(*) FROM interactions')).toBe(before + 1);
    const snooze = s.page.getByRole('button', { name: 'Snooze check-in with Katherine Johnson for a week' });
    await tabTo(snooze);
    await s.page.keyboard.press('Enter');
    await expect.poll(() => count(`SELECT count(*) FROM contacts WHERE display_name = 'Katherine Johnson' AND checkin_snoozed_until IS NOT NULL`)).toBe(1);
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
    await expect.poll(() => count(`SELECT count(*) FROM reminders WHERE title = 'Send Katherine the orbit notes' AND status = 'done'`)).toBe(1);
  });

  it('snoozes a reminder with "s" and the arrow keys', async () => {
    await s.page.keyboard.press('n');
    const dialog = s.page.getByRole('dialog', { name: 'New reminder' });
    await dialog.waitFor();
    await s.page.keyboard.type('Ask Dorothy about FORTRAN');
    await s.page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const row = s.page.locator('.reminder-row', { hasText: 'Ask Dorothy about FORTRAN' });
    await row.waitFor();
    // Tab into the list, then the arrow keys move between reminders
    await tabTo(s.page.locator('.reminder-row[tabindex="0"]').first());
    for (let i = 0; i < 10 && !(await row.evaluate((el) => el === document.activeElement)); i++) await s.page.keyboard.press('ArrowUp');
    expect(await row.evaluate((el) => el === document.activeElement)).toBe(true);
    await s.page.keyboard.press('s');
    await s.page.getByRole('menu').waitFor();
    await s.page.keyboard.press('ArrowDown'); // past "1 hour", to the next choice
    await s.page.keyboard.press('Enter');
    await expect.poll(() => count(`SELECT count(*) FROM reminders WHERE title = 'Ask Dorothy about FORTRAN' AND snoozed_until IS NOT NULL`)).toBe(1);
  });

  it('imports a vCard file with a duplicate, merging it, from the keyboard', async () => {
    await s.page.keyboard.press('Control+k');
    await s.page.keyboard.type('Go to Settings');
    await s.page.keyboard.press('Enter');
    await tabTo(s.page.getByRole('button', { name: 'Import contacts…' }));
    await s.page.keyboard.press('Enter');
    const dialog = s.page.getByRole('dialog', { name: 'Import contacts' });
    await dialog.waitFor();
    // the file field opens the system's file dialog on Space; the test answers that dialog
    const chooser = s.page.waitForEvent('filechooser');
    await tabTo(dialog.locator('input[type=file]'));
    await s.page.keyboard.press('Space');
    const vcards = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Katherine Johnson', 'EMAIL:katherine@nasa.example', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Mary Jackson', 'END:VCARD', ''].join('\r\n');
    await (await chooser).setFiles({ name: 'people.vcf', mimeType: 'text/vcard', buffer: Buffer.from(vcards) });
    const choice = dialog.getByLabel('What to do with Katherine Johnson');
    await choice.waitFor();
    await tabTo(choice);
    await s.page.keyboard.type('Merge');
    expect(await choice.inputValue()).toBe('merge');
    const commit = dialog.getByRole('button', { name: /^Import \d+ contacts?$/ });
    await tabTo(commit);
    await s.page.keyboard.press('Enter');
    await s.page.getByRole('dialog', { name: 'Import finished' }).waitFor();
    await s.page.keyboard.press('Escape');
    expect(count(`SELECT count(*) FROM contacts WHERE display_name = 'Katherine Johnson'`)).toBe(1); // merged, not added twice
    expect(count(`SELECT count(*) FROM contacts WHERE display_name = 'Mary Jackson'`)).toBe(1);
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
