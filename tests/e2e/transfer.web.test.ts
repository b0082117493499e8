// End to end in Chromium: import a vCard with a duplicate through the UI and merge it, export JSON,
// and restore a backup, against the web host and a real SQLite file.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';
import { fixedClock } from '../helpers/backend';

let s: WebSession;
let backupFile = '';
beforeAll(async () => {
  s = await openWebSession({
    clock: fixedClock('2026-03-01T10:00:00Z', 'UTC'),
    seed: async (kith) => {
      await kith.call('contacts.create', { displayName: 'Ada Lovelace', notes: 'Knows Babbage.', methods: [{ kind: 'email', value: 'ada@example.org', label: 'Home' }] });
      backupFile = (await kith.call('transfer.backupNow', {})).fileName;
    },
  });
});
afterAll(async () => s?.close());

const VCARDS = [
  'BEGIN:VCARD', 'VERSION:3.0', 'FN:Ada King', 'EMAIL:ada@example.org', 'TEL;TYPE=CELL:+44 20 7946 0001', 'NOTE:Wrote the first program.', 'END:VCARD',
  'BEGIN:VCARD', 'VERSION:4.0', 'FN:Grace Hopper', 'EMAIL:grace@navy.example', 'BDAY:19061209', 'END:VCARD',
  'BEGIN:VCARD', 'VERSION:3.0', 'FN:Broken', 'EMAIL:broken@example.org',
].join('\r\n');

const count = (sql: string) => s.kith.sqlite.prepare(sql).pluck().get();

describe('import, export and backups in the browser', () => {
  it('imports a vCard file with one duplicate, merges it, and shows the summary', async () => {
    await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await s.page.getByRole('heading', { name: 'Import & export' }).waitFor();
    await s.page.getByRole('heading', { name: 'Backups' }).waitFor();
    await s.screenshot('transfer-settings');
    const settingsAxe = await new AxeBuilder({ page: s.page }).include('.settings-page').analyze();
    expect(settingsAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    await s.page.getByRole('button', { name: 'Import contacts…' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Import contacts' });
    await dialog.locator('input[type=file]').setInputFiles({ name: 'people.vcf', mimeType: 'text/vcard', buffer: Buffer.from(VCARDS) });
    await dialog.getByText('1 person is already in Kith').waitFor();
    // a card the file ends inside is read as far as it goes, with a note
    await dialog.getByText('card has no END:VCARD (the file ends inside it); what it holds was read').waitFor();
    expect(await dialog.getByText('people.vcf · vCard · 3 contacts read, 2 new').isVisible()).toBe(true);
    await dialog.getByLabel('What to do with Ada King').selectOption('merge');
    await s.screenshot('transfer-import-review');
    const dialogAxe = await new AxeBuilder({ page: s.page }).include('[role=dialog]').analyze();
    expect(dialogAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await dialog.getByRole('button', { name: 'Import 3 contacts' }).click();

    const done = s.page.getByRole('dialog', { name: 'Import finished' });
    const summary = done.getByRole('definition');
    await summary.first().waitFor();
    expect(await summary.allTextContents()).toEqual(['2', '1', '0', '0']); // added, merged, skipped, failed
    expect(await done.getByText('Record 3, line 14').isVisible()).toBe(true);
    await s.screenshot('transfer-import-summary');
    await done.getByRole('button', { name: 'Done' }).click();

    expect(count(`SELECT count(*) FROM contacts`)).toBe(3);
    s.kith.sqlite.prepare(`DELETE FROM contacts WHERE display_name = 'Broken'`).run();
    const ada = s.kith.sqlite.prepare(`SELECT id, notes FROM contacts WHERE display_name = 'Ada Lovelace'`).get() as { id: string; notes: string };
    expect(ada.notes).toBe('Knows Babbage.\n\nWrote the first program.');
    expect(s.kith.sqlite.prepare(`SELECT value FROM contact_methods WHERE contact_id = ? ORDER BY sort_order`).pluck().all(ada.id)).toEqual(['ada@example.org', '+44 20 7946 0001']);
  });

  it('keeps someone who matches by name alone as a separate person unless the user chooses Merge', async () => {
    const file = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Grace Hopper', 'NOTE:another Grace', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Ada K.', 'EMAIL:ada@example.org', 'END:VCARD'].join('\r\n');
    await s.page.getByRole('button', { name: 'Import contacts…' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Import contacts' });
    await dialog.locator('input[type=file]').setInputFiles({ name: 'names.vcf', mimeType: 'text/vcard', buffer: Buffer.from(file) });
    await dialog.getByText('2 people are already in Kith').waitFor();
    expect(await dialog.getByLabel('For duplicates with the same email or phone').inputValue()).toBe('merge');
    expect(await dialog.getByLabel('For duplicates with only the same name').inputValue()).toBe('keepBoth');
    expect(await dialog.getByLabel('What to do with Grace Hopper').inputValue()).toBe('keepBoth');
    expect(await dialog.getByLabel('What to do with Ada K.').inputValue()).toBe('merge');
    await dialog.getByText('someone who matches by name alone is kept as a separate person unless you choose Merge').waitFor();
    await s.screenshot('transfer-import-name-only');
    await dialog.getByRole('button', { name: 'Import 2 contacts' }).click();
    const done = s.page.getByRole('dialog', { name: 'Import finished' });
    await done.getByRole('definition').first().waitFor();
    expect(await done.getByRole('definition').allTextContents()).toEqual(['1', '1', '0', '0']);
    await done.getByRole('button', { name: 'Done' }).click();
    expect(s.kith.sqlite.prepare(`SELECT notes FROM contacts WHERE display_name = 'Grace Hopper' ORDER BY notes`).pluck().all()).toEqual(['', 'another Grace']);
    s.kith.sqlite.prepare(`DELETE FROM contacts WHERE notes = 'another Grace'`).run();
  });

  it('maps the columns of an unknown CSV, with a preview of its first rows', async () => {
    await s.page.getByRole('button', { name: 'Import contacts…' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Import contacts' });
    const csv = 'Who,Mail,Cell,Remarks\nRadia Perlman,radia@example.com,+1 555 0111,Spanning tree\nBarbara Liskov,barbara@mit.example,+1 555 0112,Substitution\n';
    await dialog.locator('input[type=file]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const who = dialog.getByLabel('Column “Who” is');
    await who.waitFor();
    // "Who" is not a header Kith knows: the user says it is the full name
    expect(await who.inputValue()).toBe('ignore');
    expect(await dialog.getByLabel('Column “Mail” is').inputValue()).toBe('email');
    await who.selectOption('displayName');
    expect(await dialog.getByRole('cell', { name: 'Barbara Liskov' }).isVisible()).toBe(true);
    await s.screenshot('transfer-import-mapping');
    const mappingAxe = await new AxeBuilder({ page: s.page }).include('[role=dialog]').analyze();
    expect(mappingAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText('people.csv · CSV · 2 contacts read').waitFor();
    expect(await dialog.getByRole('list', { name: 'First contacts in the file' }).getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringContaining('Radia Perlman'),
      expect.stringContaining('Barbara Liskov'),
    ]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(count(`SELECT count(*) FROM contacts WHERE display_name = 'Radia Perlman'`)).toBe(0);
  });

  it('lists what was left out, puts every new contact in the chosen circle with tags and a cadence, and keeps the focus so Escape closes the dialog', async () => {
    await s.page.getByRole('button', { name: 'Import contacts…' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Import contacts' });
    const file = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Hedy Lamarr', 'EMAIL:hedy@example.org', 'X-PHONETIC-FIRST-NAME:Hedi', 'GENDER:F', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Ada Again', 'EMAIL:ada@example.org', 'END:VCARD', ''].join('\r\n');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'left-out.vcf', mimeType: 'text/vcard', buffer: Buffer.from(file) });
    await dialog.getByText(/^Left out \(Kith has no field for it\): 2 values/).waitFor();
    // the file input is gone: the focus is still inside the dialog, and Escape closes it
    expect(await s.page.evaluate(() => !!document.activeElement?.closest('[role=dialog]'))).toBe(true);
    expect(await dialog.getByText('Record 1, line 5').isVisible()).toBe(true);
    expect(await dialog.getByText('X-PHONETIC-FIRST-NAME', { exact: true }).isVisible()).toBe(true);
    await s.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await s.page.getByRole('button', { name: 'Import contacts…' }).click();
    await dialog.locator('input[type=file]').setInputFiles({ name: 'left-out.vcf', mimeType: 'text/vcard', buffer: Buffer.from(file) });
    const group = dialog.getByRole('group', { name: 'For every new contact' });
    await group.waitFor();
    await group.getByLabel('Circle').selectOption({ label: 'Friends' });
    await group.getByLabel('Tags').fill('imported, 2026');
    await group.getByLabel('Check in every').fill('0');
    await dialog.getByText('Check in every 1 to 3650 days').waitFor();
    expect(await dialog.getByRole('button', { name: 'Import 2 contacts' }).isDisabled()).toBe(true);
    await group.getByLabel('Check in every').fill('45');
    await dialog.getByLabel('What to do with Ada Again').selectOption('skip');
    await s.screenshot('transfer-import-for-new');
    const axe = await new AxeBuilder({ page: s.page }).include('[role=dialog]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await dialog.getByRole('button', { name: 'Import 2 contacts' }).click();
    await s.page.getByRole('dialog', { name: 'Import finished' }).getByRole('button', { name: 'Done' }).click();
    const hedy = s.kith.sqlite.prepare(`SELECT c.id, ci.name AS circle, c.cadence_days FROM contacts c LEFT JOIN circles ci ON ci.id = c.circle_id WHERE c.display_name = 'Hedy Lamarr'`).get() as { id: string; circle: string; cadence_days: number };
    expect([hedy.circle, hedy.cadence_days]).toEqual(['Friends', 45]);
    expect(s.kith.sqlite.prepare(`SELECT t.name FROM contact_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = ? ORDER BY t.name`).pluck().all(hedy.id)).toEqual(['2026', 'imported']);
    // the skipped duplicate is not touched
    expect(count(`SELECT circle_id FROM contacts WHERE display_name = 'Ada Lovelace'`)).toBeNull();
    s.kith.sqlite.prepare(`DELETE FROM contacts WHERE id = ?`).run(hedy.id);
  });

  it('shows a progress bar while a big file is imported', async () => {
    await s.page.getByRole('button', { name: 'Import contacts…' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Import contacts' });
    const cards = Array.from({ length: 6000 }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bulk ${i}\r\nEMAIL:bulk${i}@example.com\r\nEND:VCARD\r\n`).join('');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'bulk.vcf', mimeType: 'text/vcard', buffer: Buffer.from(cards) });
    await dialog.getByRole('button', { name: 'Import 6000 contacts' }).click();
    await dialog.getByRole('progressbar', { name: 'Import progress' }).waitFor();
    await s.screenshot('transfer-import-progress');
    const done = s.page.getByRole('dialog', { name: 'Import finished' });
    await done.getByRole('definition').first().waitFor({ timeout: 60_000 });
    expect((await done.getByRole('definition').allTextContents())[0]).toBe('6000');
    await done.getByRole('button', { name: 'Done' }).click();
    s.kith.sqlite.prepare(`DELETE FROM contacts WHERE display_name LIKE 'Bulk %'`).run();
  });

  it('exports everything as JSON through a download', async () => {
    const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('button', { name: /Export Everything \(JSON\)/ }).click()]);
    expect(download.suggestedFilename()).toBe('kith-export-2026-03-01.json');
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.format).toBe('kith-export');
    expect(data.tables.contacts.map((c: { display_name: string }) => c.display_name).sort()).toEqual(['Ada Lovelace', 'Grace Hopper']);
  });

  it('restores a backup after showing its date and counts', async () => {
    await s.page.getByRole('button', { name: 'Restore from backup…' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Restore from backup' });
    await dialog.getByText('holds').waitFor();
    expect(await dialog.locator('.restore-details').textContent()).toContain('1 contact and 0 interactions');
    await s.screenshot('transfer-restore');
    const restoreAxe = await new AxeBuilder({ page: s.page }).include('[role=dialog]').analyze();
    expect(restoreAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();
    await s.page.getByText(/^Restored the backup from/).waitFor();
    expect(count(`SELECT count(*) FROM contacts`)).toBe(1);
    expect(count(`SELECT notes FROM contacts`)).toBe('Knows Babbage.');
    const backups = await s.kith.call('transfer.backupsList', {});
    expect(backups.backups.map((b) => b.kind).sort()).toEqual(['before-restore', 'manual']);
    expect(backups.backups.some((b) => b.fileName === backupFile)).toBe(true);
  });
});
