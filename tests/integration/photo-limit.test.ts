// One photo size limit (shared/api/limits.ts) for the photo dialog's call, an import and a restore:
// a photo over it is scaled down rather than refused, one that cannot be is refused naming the limit.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { ApiError } from '../../shared/api/errors';
import { MAX_PHOTO_BYTES, MAX_PHOTO_MB } from '../../shared/api/limits';
import { fixedClock, startTestBackend, type TestBackend } from '../helpers/backend';
import { importFile } from '../helpers/transfer';

const clock = fixedClock('2026-03-01T10:00:00Z', 'Europe/London');
let kith: TestBackend;
let fresh: TestBackend | null = null;
beforeEach(async () => (kith = await startTestBackend({ clock })));
afterEach(async () => {
  await kith.dispose();
  await fresh?.dispose();
  fresh = null;
});

/** a PNG of random pixels: it does not compress, so it is larger than the limit (about 3.4 MB) */
async function largePng(): Promise<Buffer> {
  const width = 1100;
  const height = 1100;
  const raw = Buffer.alloc(width * height * 3);
  let x = 12345;
  for (let i = 0; i < raw.length; i++) raw[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return sharp(raw, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}

const storedPhoto = (t: TestBackend, id: string) => t.sqlite.prepare('SELECT mime, data FROM contact_photos WHERE contact_id = ?').get(id) as { mime: string; data: Buffer } | undefined;

describe('a photo larger than Kith keeps', () => {
  it('is scaled down by contacts.setPhoto instead of refused', async () => {
    const png = await largePng();
    expect(png.length).toBeGreaterThan(MAX_PHOTO_BYTES);
    const c = await kith.call('contacts.create', { displayName: 'Big Photo' });
    const saved = await kith.call('contacts.setPhoto', { id: c.id, photo: `data:image/png;base64,${png.toString('base64')}` });
    expect(saved.photo).toMatch(/^data:image\/jpeg;base64,/);
    const row = storedPhoto(kith, c.id)!;
    expect(row.mime).toBe('image/jpeg');
    expect(row.data.length).toBeLessThanOrEqual(MAX_PHOTO_BYTES);
    const meta = await sharp(row.data).metadata();
    expect([meta.width, meta.height]).toEqual([1024, 1024]);
  });

  it('keeps a photo under the limit byte for byte', async () => {
    const small = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 10, g: 120, b: 200 } } }).png().toBuffer();
    const c = await kith.call('contacts.create', { displayName: 'Small Photo' });
    await kith.call('contacts.setPhoto', { id: c.id, photo: `data:image/png;base64,${small.toString('base64')}` });
    expect(storedPhoto(kith, c.id)).toEqual({ mime: 'image/png', data: small });
  });

  it('is refused, naming the limit, when it is not an image sharp can scale down', async () => {
    const c = await kith.call('contacts.create', { displayName: 'Noise' });
    const noise = Buffer.alloc(MAX_PHOTO_BYTES + 10, 7);
    const err = await kith.call('contacts.setPhoto', { id: c.id, photo: `data:image/jpeg;base64,${noise.toString('base64')}` }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect([(err as ApiError).code, (err as ApiError).field]).toEqual(['invalid_input', 'photo']);
    expect((err as ApiError).message).toContain(`${MAX_PHOTO_MB} MB`);
    expect(storedPhoto(kith, c.id)).toBeUndefined();
  });

  it('is scaled down by a vCard import, with the same result as the dialog', async () => {
    const png = await largePng();
    const card = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Imported Big', 'N:Big;Imported;;;', `PHOTO;ENCODING=b;TYPE=PNG:${png.toString('base64')}`, 'END:VCARD', ''].join('\r\n');
    const { summary } = await importFile(kith, 'big-photo.vcf', card);
    expect(summary).toMatchObject({ added: 1, warnings: [] });
    const id = kith.sqlite.prepare(`SELECT id FROM contacts WHERE display_name = 'Imported Big'`).pluck().get() as string;
    const row = storedPhoto(kith, id)!;
    expect(row.mime).toBe('image/jpeg');
    expect(row.data.length).toBeLessThanOrEqual(MAX_PHOTO_BYTES);
  });

  it('is scaled down by a restore of a JSON export (an older Kith or a hand-edited file)', async () => {
    const c = await kith.call('contacts.create', { displayName: 'Restored Big' });
    // written around the API, as an older Kith could have
    kith.sqlite.prepare(`INSERT INTO contact_photos (contact_id, mime, data, updated_at) VALUES (?, 'image/png', ?, 1)`).run(c.id, await largePng());
    const file = await kith.call('transfer.export', { format: 'json' });
    fresh = await startTestBackend({ clock });
    await importFile(fresh, file.fileName, file.content!);
    const row = storedPhoto(fresh, c.id)!;
    expect(row.mime).toBe('image/jpeg');
    expect(row.data.length).toBeLessThanOrEqual(MAX_PHOTO_BYTES);
  });
});
