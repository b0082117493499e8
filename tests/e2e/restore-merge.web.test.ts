// End to end in Chromium (issue 15, point 12): a Kith export opened in a Kith with data of its own
// asks "merge into this data" or "restore into a new data file", with the counts of what a merge
// adds before anything is written; the merge then adds them. Light and dark, axe clean, keyboard.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import { openWebSession, type WebSession } from '../helpers/browser';
import { startTestBackend, type TestBackend } from '../helpers/backend';

let exported = '';
let shared = '';
beforeAll(async () => {
  // another Kith: Ana with two calls, and Ben, who is in this Kith too (the same email)
  const other = await startTestBackend();
  try {
    const ana = await other.call('contacts.create', { displayName: 'Ana Lindqvist' });
    await other.call('interactions.log', { kind: 'call', participantIds: [ana.id], summary: 'First' });
    await other.call('interactions.log', { kind: 'call', participantIds: [ana.id], summary: 'Second' });
    await other.call('contacts.create', { displayName: 'Ben Okafor', methods: [{ kind: 'email', value: 'ben@example.org' }] });
    exported = (await other.call('transfer.export', { format: 'json' })).content!;
  } finally {
    await other.dispose();
  }
}, 60_000);

async function seed(kith: TestBackend) {
  shared = (await kith.call('contacts.create', { displayName: 'Benjamin Okafor', methods: [{ kind: 'email', value: 'ben@example.org' }] })).id;
}

const violations = async (s: WebSession) =>
  (await new AxeBuilder({ page: s.page }).exclude('[data-sonner-toaster]').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('restoring an export into a Kith with data', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    describe(colorScheme, () => {
      let s: WebSession;
      beforeAll(async () => (s = await openWebSession({ seed, colorScheme, viewport: { width: 1280, height: 1000 } })));
      afterAll(async () => s?.close());
      const open = async () => {
        await s.page.goto(`${s.host.url}#/settings`);
        await s.page.getByRole('button', { name: 'Import contacts…' }).click();
        const dialog = s.page.getByRole('dialog', { name: 'Import contacts' });
        await dialog.locator('input[type=file]').setInputFiles({ name: 'kith-export.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
        return dialog;
      };

      it('shows what a merge adds before writing, and merges with the keyboard', async () => {
        const dialog = await open();
        const choice = dialog.getByRole('group', { name: 'How should it come in?' });
        await choice.getByText('2 people: 1 new, 1 already here').waitFor();
        await choice.getByText('2 interactions: 2 new, 0 already here').waitFor();
        expect(await dialog.textContent()).not.toMatch(/contact_|interaction_|relationships|table/);
        expect(Number(s.kith.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get())).toBe(1);
        await s.screenshot(`restore-choice-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
        // the keyboard: the merge radio is chosen; its button does it
        const merge = choice.getByRole('radio', { name: /Merge into this data/ });
        expect(await merge.isChecked()).toBe(true);
        await dialog.getByRole('button', { name: 'Merge into this data' }).focus();
        await s.page.keyboard.press('Enter');
        const finished = s.page.getByRole('dialog', { name: 'Import finished' });
        await finished.getByText(/Merged: 2 people: 1 new, 1 already here/).waitFor({ timeout: 60_000 });
        await s.screenshot(`restore-merged-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
        expect(s.kith.sqlite.prepare('SELECT display_name FROM contacts ORDER BY display_name').pluck().all()).toEqual(['Ana Lindqvist', 'Benjamin Okafor']);
        expect(s.kith.sqlite.prepare('SELECT count(*) FROM contacts WHERE id = ?').pluck().get(shared)).toBe(1);
        await finished.getByRole('button', { name: 'Done' }).click();
      }, 180_000);

      it('restores into a new data file beside this one, when chosen', async () => {
        const dialog = await open();
        const choice = dialog.getByRole('group', { name: 'How should it come in?' });
        await choice.getByRole('radio', { name: /Restore into a new data file/ }).check();
        await dialog.getByRole('button', { name: 'Restore into a new file' }).click();
        const status = s.page.getByRole('dialog', { name: 'Import finished' }).getByText(/Restored into a new data file/);
        await status.waitFor({ timeout: 60_000 });
        const file = /new data file, (.+\.sqlite)\./.exec((await status.textContent()) ?? '')?.[1] ?? '';
        expect(file.startsWith(join(s.kith.dir, 'kith-restored-'))).toBe(true);
        expect(existsSync(file)).toBe(true);
        await s.screenshot(`restore-new-file-${colorScheme}`);
        expect(await violations(s)).toEqual([]);
      }, 180_000);
    });
  }
});
