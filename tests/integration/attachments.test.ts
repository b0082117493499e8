// Attachments against a real file: added, listed, renamed, read back byte for byte, deleted with
// Undo, kept through a merge, an archive, an export and a backup; limits answered with the file's name.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { importFile } from '../helpers/transfer';
import { MAX_ATTACHMENT_BYTES } from '../../shared/api/limits';

const clock = fixedClock('2026-03-01T10:00:00Z', 'Europe/Berlin');
let kith: TestBackend;
let fresh: TestBackend | null = null;
let ada: string;
beforeEach(async () => {
  clock.set('2026-03-01T10:00:00Z');
  kith = await startTestBackend({ clock });
  ada = (await kith.call('contacts.create', { displayName: 'Ada Lovelace' })).id;
});
afterEach(async () => {
  await kith.dispose();
  await fresh?.dispose();
  fresh = null;
});

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 255, 254]), Buffer.from('contract terms')]);
const count = (t: string) => kith.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get();

describe('attachments', () => {
  it('keeps a file with its name, type, size and date, reads it back byte for byte, and renames it', async () => {
    const a = await kith.call('attachments.add', { contactId: ada, name: 'Contract.pdf', mediaType: 'application/pdf', data: b64(pdf) });
    expect(a).toMatchObject({ contactId: ada, interactionId: null, name: 'Contract.pdf', mediaType: 'application/pdf', size: pdf.length, createdAt: clock.now().getTime(), sha256: createHash('sha256').update(pdf).digest('hex') });
    expect(await kith.call('attachments.listForContact', { contactId: ada })).toEqual([a]);
    const read = await kith.call('attachments.read', { id: a.id });
    expect(Buffer.from(read.data, 'base64').equals(pdf)).toBe(true);
    const renamed = await kith.call('attachments.rename', { id: a.id, name: 'Lease 2026.pdf' });
    expect(renamed.name).toBe('Lease 2026.pdf');
    expect((await kith.call('attachments.listForContact', { contactId: ada })).map((x) => x.name)).toEqual(['Lease 2026.pdf']);
  });

  it('stores the same bytes once, and keeps them until the last file naming them goes', async () => {
    const bob = (await kith.call('contacts.create', { displayName: 'Bob' })).id;
    const one = await kith.call('attachments.add', { contactId: ada, name: 'dinner.jpg', mediaType: 'image/jpeg', data: b64('same photo') });
    await kith.call('attachments.add', { contactId: bob, name: 'dinner copy.jpg', mediaType: 'image/jpeg', data: b64('same photo') });
    expect([count('attachments'), count('attachment_blobs')]).toEqual([2, 1]);
    await kith.call('attachments.delete', { id: one.id });
    clock.advance(11 * 60_000); // past the undo window: the next write purges it
    await kith.call('attachments.add', { contactId: ada, name: 'other.txt', data: b64('x') });
    expect([count('attachments'), count('attachment_blobs')]).toEqual([2, 2]);
    expect(Buffer.from((await kith.call('attachments.read', { id: (await kith.call('attachments.listForContact', { contactId: bob }))[0]!.id })).data, 'base64').toString()).toBe('same photo');
  });

  it('answers a too-large file with too_large naming it and the limit, an empty one with invalid_input, and keeps an unknown type', async () => {
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 7);
    const err = await kith.call('attachments.add', { contactId: ada, name: 'holiday.mov', mediaType: 'video/quicktime', data: b64(big) }).catch((e) => e);
    expect([err.code, err.field, err.message]).toEqual(['too_large', 'data', '“holiday.mov” is 25.0 MB; a file can be at most 25 MB']);
    const exactly = await kith.call('attachments.add', { contactId: ada, name: 'limit.bin', data: b64(Buffer.alloc(MAX_ATTACHMENT_BYTES, 1)) });
    expect(exactly.size).toBe(MAX_ATTACHMENT_BYTES);
    const empty = await kith.call('attachments.add', { contactId: ada, name: 'empty.txt', data: '' }).catch((e) => e);
    expect([empty.code, empty.message]).toEqual(['invalid_input', '“empty.txt” is empty; there is nothing to attach']);
    const both = await kith.dispatch('attachments.add', { name: 'x', data: b64('x') });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'contactId' } });
    expect((await kith.call('attachments.add', { contactId: ada, name: 'notes', mediaType: 'not a type', data: b64('x') })).mediaType).toBe('application/octet-stream');
    expect((await kith.call('attachments.add', { contactId: ada, name: 'scan.PDF', mediaType: '', data: b64('y') })).mediaType).toBe('application/pdf');
    expect((await kith.call('attachments.add', { contactId: ada, name: 'a.txt', mediaType: 'Text/Plain; charset=utf-8', data: b64('z') })).mediaType).toBe('text/plain');
    const nobody = await kith.call('attachments.add', { contactId: 'nobody', name: 'a.txt', data: b64('z') }).catch((e) => e);
    expect(nobody.code).toBe('not_found');
  });

  it('deletes with Undo; after the undo window the file is gone for good', async () => {
    const a = await kith.call('attachments.add', { contactId: ada, name: 'Contract.pdf', data: b64(pdf) });
    expect(await kith.call('attachments.delete', { id: a.id })).toEqual({ id: a.id });
    expect(await kith.call('attachments.listForContact', { contactId: ada })).toEqual([]);
    expect((await kith.dispatch('attachments.read', { id: a.id })).ok).toBe(false);
    expect(await kith.call('attachments.restore', { id: a.id })).toEqual(a);
    expect(await kith.call('attachments.listForContact', { contactId: ada })).toEqual([a]);
    await kith.call('attachments.delete', { id: a.id });
    clock.advance(11 * 60_000);
    const late = await kith.call('attachments.restore', { id: a.id }).catch((e) => e);
    expect(late.code).toBe('not_found');
    await kith.call('attachments.add', { contactId: ada, name: 'next.txt', data: b64('n') }); // purges
    expect(kith.sqlite.prepare('SELECT count(*) FROM attachment_blobs WHERE sha256 = ?').pluck().get(a.sha256)).toBe(0);
  });

  it('keeps files on an interaction: counted for the timeline, set aside by its delete and back with its Undo', async () => {
    const dinner = await kith.call('interactions.log', { kind: 'meeting', participantIds: [ada], summary: 'Dinner' });
    const photo = await kith.call('attachments.add', { interactionId: dinner.id, name: 'dinner.jpg', mediaType: 'image/jpeg', data: b64('jpeg') });
    await kith.call('attachments.add', { interactionId: dinner.id, name: 'menu.pdf', data: b64('menu') });
    expect(await kith.call('attachments.countsForInteractions', { interactionIds: [dinner.id, 'other'] })).toEqual({ [dinner.id]: 2 });
    expect((await kith.call('attachments.listForInteraction', { interactionId: dinner.id })).map((x) => x.name).sort()).toEqual(['dinner.jpg', 'menu.pdf']);
    // not among the contact's own files
    expect(await kith.call('attachments.listForContact', { contactId: ada })).toEqual([]);

    const { deleted } = await kith.call('interactions.delete', { id: dinner.id });
    expect(deleted.attachmentIds).toHaveLength(2);
    expect(await kith.call('attachments.countsForInteractions', { interactionIds: [dinner.id] })).toEqual({});
    await kith.call('interactions.restore', deleted);
    expect(await kith.call('attachments.listForInteraction', { interactionId: dinner.id })).toContainEqual(photo);
    expect(await kith.call('attachments.countsForInteractions', { interactionIds: [dinner.id] })).toEqual({ [dinner.id]: 2 });
  });

  it('stays through an archive, moves to the survivor of a merge, and goes with a contact deleted for good', async () => {
    const twin = (await kith.call('contacts.create', { displayName: 'Ada Lovelace' })).id;
    const a = await kith.call('attachments.add', { contactId: twin, name: 'Contract.pdf', data: b64(pdf) });
    await kith.call('contacts.archive', { id: twin });
    await kith.call('contacts.restore', { id: twin });
    expect(await kith.call('attachments.listForContact', { contactId: twin })).toEqual([a]);

    await kith.call('duplicates.merge', { survivorId: ada, mergedIds: [twin] });
    expect((await kith.call('attachments.listForContact', { contactId: ada })).map((x) => x.id)).toEqual([a.id]);

    const call = await kith.call('interactions.log', { kind: 'call', participantIds: [ada] });
    await kith.call('attachments.add', { interactionId: call.id, name: 'notes.txt', data: b64('call notes') });
    await kith.call('contacts.archive', { id: ada });
    await kith.call('contacts.deletePermanently', { id: ada });
    expect([count('attachments'), count('attachment_blobs')]).toEqual([0, 0]);
  });

  it('travels in the JSON export and restores byte for byte into an empty Kith', async () => {
    const dinner = await kith.call('interactions.log', { kind: 'meeting', participantIds: [ada] });
    const a = await kith.call('attachments.add', { contactId: ada, name: 'Contract.pdf', data: b64(pdf) });
    const p = await kith.call('attachments.add', { interactionId: dinner.id, name: 'dinner.jpg', mediaType: 'image/jpeg', data: b64(Buffer.from([0xff, 0xd8, 0xff, 0])) });
    const file = await kith.call('transfer.export', { format: 'json' });
    fresh = await startTestBackend({ clock });
    const { summary } = await importFile(fresh, file.fileName, file.content!);
    expect(summary.restored).toMatchObject({ attachments: 2, attachment_blobs: 2 });
    expect(await fresh.call('attachments.listForContact', { contactId: ada })).toEqual([a]);
    expect(Buffer.from((await fresh.call('attachments.read', { id: a.id })).data, 'base64').equals(pdf)).toBe(true);
    expect((await fresh.call('attachments.read', { id: p.id })).data).toBe(b64(Buffer.from([0xff, 0xd8, 0xff, 0])));
  });

  it('is in a backup, and back after restoring it', async () => {
    const a = await kith.call('attachments.add', { contactId: ada, name: 'Contract.pdf', data: b64(pdf) });
    const backup = await kith.call('transfer.backupNow', {});
    const copy = new Database(join(kith.dir, 'backups', backup.fileName), { readonly: true });
    const data = copy.prepare('SELECT b.data FROM attachments a JOIN attachment_blobs b ON b.sha256 = a.sha256 WHERE a.id = ?').pluck().get(a.id) as Buffer;
    copy.close();
    expect(data.equals(pdf)).toBe(true);
    await kith.call('attachments.delete', { id: a.id });
    await kith.call('transfer.backupRestore', { fileName: backup.fileName });
    expect(await kith.call('attachments.listForContact', { contactId: ada })).toEqual([a]);
  });

  it('finds a contact by an attachment’s file name', async () => {
    await kith.call('contacts.create', { displayName: 'Bob' });
    const cy = (await kith.call('contacts.create', { displayName: 'Cy' })).id;
    const a = await kith.call('attachments.add', { contactId: ada, name: 'Tenancy agreement.pdf', data: b64(pdf) });
    const dinner = await kith.call('interactions.log', { kind: 'meeting', participantIds: [cy] });
    await kith.call('attachments.add', { interactionId: dinner.id, name: 'Wedding photos.zip', data: b64('zip') });
    const found = async (query: string) => (await kith.call('contacts.search', { query })).map((h) => [h.displayName, h.matchedIn, h.excerpt]);
    expect(await found('tenancy')).toEqual([['Ada Lovelace', 'attachments', '\u0002Tenancy\u0003 agreement.pdf']]);
    expect(await found('wedding photos')).toEqual([['Cy', 'attachments', '\u0002Wedding\u0003 \u0002photos\u0003.zip']]);
    // renamed or deleted, the old name no longer finds her
    await kith.call('attachments.rename', { id: a.id, name: 'Lease.pdf' });
    expect(await found('tenancy')).toEqual([]);
    await kith.call('attachments.delete', { id: a.id });
    expect(await found('lease')).toEqual([]);
  });
});
