// Migration 0024 (addresses as addresses) loses nothing: every free-text address keeps its text,
// whole, as the street; a synced contact's address takes its parts from the ADR of the card it
// was last synced with, only when those components make exactly that text.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations';
import { startBackend, type KithBackend } from '../../electron/kith';
import { fixedClock, tempDir } from '../helpers/backend';

const cleanups: (() => void)[] = [];
let backend: KithBackend | null = null;
afterEach(async () => {
  await backend?.close();
  backend = null;
  cleanups.splice(0).forEach((c) => c());
});

const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0024'));

describe('migration 0024: addresses', () => {
  it('keeps every address text and parses only what a synced card says unambiguously', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'kith.sqlite');
    const handle = openDatabase(path);
    await migrateToLatest(handle, { migrations: before });
    const db = handle.sqlite;
    for (const id of ['c-free', 'c-synced', 'c-edited']) {
      db.prepare(`INSERT INTO contacts (id, display_name, created_at, updated_at) VALUES (?, ?, 0, 0)`).run(id, id);
    }
    const addAddress = db.prepare(`INSERT INTO contact_methods (id, contact_id, kind, label, value, value_normalized, is_primary, sort_order) VALUES (?, ?, 'address', ?, ?, lower(?), 1, 0)`);
    addAddress.run('m-free', 'c-free', 'Home', 'Hauptstraße 5\n10115 Berlin', 'Hauptstraße 5\n10115 Berlin');
    addAddress.run('m-synced', 'c-synced', 'Work', 'PO Box 7, 1 Main St, Springfield, IL, 62704, USA', 'x');
    addAddress.run('m-edited', 'c-edited', null, 'Changed in Kith since, London', 'x');
    db.prepare(`INSERT INTO sync_accounts (id, name, server_url, username, created_at) VALUES ('acc', 'A', 'https://dav.example', 'u', 0)`).run();
    const card = (adr: string) => `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:x\r\nitem1.ADR;TYPE=work:${adr}\r\nEND:VCARD\r\n`;
    const addItem = db.prepare(`INSERT INTO sync_items (account_id, kind, item_id, href, local_hash, remote_hash, base, synced_at) VALUES ('acc', 'contacts', ?, ?, 'h', 'h', ?, 0)`);
    addItem.run('c-synced', '/a.vcf', card('PO Box 7;;1 Main St;Springf\r\n ield;IL;62704;USA'));
    addItem.run('c-edited', '/b.vcf', card(';;Old street;London;;;'));
    handle.sqlite.close();

    backend = await startBackend({ databasePath: path, host: 'web', clock: fixedClock('2026-01-01T12:00:00Z') });
    const get = async (id: string) => {
      const r = await backend!.dispatch('contacts.get', { id });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { methods: unknown[] }).methods[0];
    };
    expect(await get('c-free')).toMatchObject({ label: 'Home', value: 'Hauptstraße 5\n10115 Berlin', address: { street: 'Hauptstraße 5\n10115 Berlin', city: '', region: '', postcode: '', countryCode: null, country: '' } });
    expect(await get('c-synced')).toMatchObject({ value: 'PO Box 7, 1 Main St, Springfield, IL, 62704, USA', address: { street: 'PO Box 7\n1 Main St', city: 'Springfield', region: 'IL', postcode: '62704', countryCode: 'US', country: 'USA' } });
    // the card no longer makes this text: kept whole
    expect(await get('c-edited')).toMatchObject({ value: 'Changed in Kith since, London', address: { street: 'Changed in Kith since, London', city: '' } });
    // and the city of a parsed one is searchable
    const hits = await backend.dispatch('contacts.search', { query: 'Springfield' });
    expect(hits.ok && (hits.value as { id: string }[]).map((h) => h.id)).toEqual(['c-synced']);
  });
});
