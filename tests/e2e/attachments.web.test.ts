// End to end in Chromium: a file attached to a contact (file input) and to an interaction (dropped
// on it), seen in the Files card and the timeline, downloaded byte for byte, renamed, deleted and
// brought back with Undo; found by search. Light and dark screenshots, axe-clean.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebSession, type WebSession } from '../helpers/browser';

let s: WebSession;
let ada = '';
// bytes that are not text: a download must not be re-encoded anywhere on the way
const contract = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256))]);
beforeAll(async () => {
  s = await openWebSession({
    viewport: { width: 1320, height: 900 },
    seed: async (k) => {
      ada = (await k.call('contacts.create', { displayName: 'Ada Lovelace', company: 'Analytical Engines' })).id;
      await k.call('interactions.log', { kind: 'meeting', participantIds: [ada], summary: 'Dinner at the Royal Society', occurredAt: Date.now() - 86_400_000 });
    },
  });
});
afterAll(async () => s?.close());

const q = <T>(sql: string, ...args: unknown[]) => s.kith.sqlite.prepare(sql).all(...args) as T[];
async function axe(screen: string) {
  await s.page.locator('[data-sonner-toast]').first().waitFor({ state: 'detached', timeout: 15_000 });
  const r = await new AxeBuilder({ page: s.page }).analyze();
  expect(r.violations.map((v) => `${screen}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

describe('attachments', { timeout: 180_000 }, () => {
  it('attaches a file to a contact, shows it, and downloads it byte for byte', async () => {
    await s.page.goto(`${s.host.url.split('#')[0]}#/contacts/${ada}`);
    await s.page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    const card = s.page.getByRole('region', { name: 'Files' });
    await card.getByText('No files for Ada Lovelace yet').waitFor();
    // the button opens the file input; the chooser gets the file
    const chooser = s.page.waitForEvent('filechooser');
    await card.getByRole('button', { name: 'Attach file' }).click();
    await (await chooser).setFiles({ name: 'Lease contract.pdf', mimeType: 'application/pdf', buffer: contract });
    const link = card.getByRole('link', { name: 'Lease contract.pdf' });
    await link.waitFor();
    await card.getByText(/2 KB · /).waitFor();
    expect(q('SELECT name, media_type, size FROM attachments')).toEqual([{ name: 'Lease contract.pdf', media_type: 'application/pdf', size: contract.length }]);

    const download = s.page.waitForEvent('download');
    await link.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Lease contract.pdf');
    expect(readFileSync((await file.path())!).equals(contract)).toBe(true);
  });

  it('renames by keyboard, deletes, and Undo brings the file back', async () => {
    const card = s.page.getByRole('region', { name: 'Files' });
    await card.getByRole('button', { name: 'Rename “Lease contract.pdf”' }).focus();
    await s.page.keyboard.press('Enter');
    const input = card.getByLabel('New name for “Lease contract.pdf”');
    await input.fill('Lease 2026.pdf');
    await input.press('Enter');
    await card.getByRole('link', { name: 'Lease 2026.pdf' }).waitFor();

    await card.getByRole('button', { name: 'Delete “Lease 2026.pdf”' }).click();
    await card.getByText('No files for Ada Lovelace yet').waitFor();
    await s.page.getByRole('button', { name: 'Undo' }).click();
    await card.getByRole('link', { name: 'Lease 2026.pdf' }).waitFor();
    expect(q('SELECT name, deleted_at FROM attachments')).toEqual([{ name: 'Lease 2026.pdf', deleted_at: null }]);
  });

  it('takes a file dropped on an interaction, shows a paperclip with the count, and refuses an empty file by name', async () => {
    const timeline = s.page.getByRole('region', { name: 'Timeline' });
    await timeline.getByRole('button', { name: /^Attach a file to the meeting/ }).click();
    const zone = timeline.locator('.timeline-files');
    await zone.waitFor();
    const drop = async (name: string, text: string) => {
      const transfer = await s.page.evaluateHandle(
        ([n, t]: [string, string]) => {
          const dt = new DataTransfer();
          dt.items.add(new File([t], n, { type: 'image/jpeg' }));
          return dt;
        },
        [name, text] as [string, string],
      );
      await zone.dispatchEvent('dragover', { dataTransfer: transfer });
      await zone.dispatchEvent('drop', { dataTransfer: transfer });
    };
    await drop('dinner.jpg', 'jpeg bytes');
    await timeline.getByRole('link', { name: 'dinner.jpg' }).waitFor();
    await timeline.getByRole('button', { name: /^1 file on the meeting/ }).waitFor();
    await drop('empty.jpg', '');
    await s.page.getByText('“empty.jpg” is empty; there is nothing to attach').waitFor();
    expect(q('SELECT name, interaction_id IS NOT NULL AS onInteraction FROM attachments WHERE name = ?', 'dinner.jpg')).toEqual([{ name: 'dinner.jpg', onInteraction: 1 }]);
  });

  it('is found by search under the file name, and the page is axe-clean in light and dark', async () => {
    await s.page.emulateMedia({ colorScheme: 'dark' });
    await axe('contact page with files, dark');
    await s.screenshot('attachments-contact-dark');
    await s.page.emulateMedia({ colorScheme: 'light' });
    await axe('contact page with files, light');
    await s.screenshot('attachments-contact-light');

    await s.page.getByRole('combobox', { name: 'Search contacts' }).fill('lease 2026');
    const hit = s.page.getByRole('listbox', { name: 'Search results' }).getByRole('option', { name: /Ada Lovelace/ });
    await hit.waitFor();
    expect(await hit.textContent()).toContain('Lease 2026.pdf');
  });
});
