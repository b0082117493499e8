// List thumbnails (migration 0026): every photo written, however it arrived, gets a 64 px
// thumbnail; the backfill works off photos stored before in short slices; a changed photo gets a
// new thumbnail; an unreadable one shows initials (null) without blocking the queue.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startTestBackend, type TestBackend } from '../helpers/backend';
import { importFile } from '../helpers/transfer';
import { makeQueuedThumbnails } from '../../electron/services/thumbnails';

let kith: TestBackend;
beforeEach(async () => (kith = await startTestBackend()));
afterEach(async () => kith.dispose());

const jpeg = (r: number, g: number, b: number, width = 200, height = 120) => sharp({ create: { width, height, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();
const dataUrl = (buf: Buffer, mime = 'image/jpeg') => `data:${mime};base64,${buf.toString('base64')}`;
const decode = async (url: string) => {
  const buf = Buffer.from(url.replace(/^data:image\/webp;base64,/, ''), 'base64');
  const meta = await sharp(buf).metadata();
  const { dominant } = await sharp(buf).stats();
  return { format: meta.format, width: meta.width, height: meta.height, dominant, bytes: buf.length };
};
const queued = () => kith.sqlite.prepare('SELECT count(*) FROM thumbnail_dirty').pluck().get() as number;
const stored = () => kith.sqlite.prepare('SELECT count(*) FROM contact_thumbnails').pluck().get() as number;

describe('list thumbnails', () => {
  it('a saved photo gets a small square WebP thumbnail; a contact without one gets null', async () => {
    const a = await kith.call('contacts.create', { displayName: 'With Photo' });
    const b = await kith.call('contacts.create', { displayName: 'Without Photo' });
    await kith.call('contacts.setPhoto', { id: a.id, photo: dataUrl(await jpeg(200, 30, 30)) });
    const [ta, tb] = await kith.call('contacts.thumbnails', { ids: [a.id, b.id] });
    expect(tb).toEqual({ id: b.id, thumbnail: null });
    expect(ta!.id).toBe(a.id);
    const t = await decode(ta!.thumbnail!);
    expect(t).toMatchObject({ format: 'webp', width: 64, height: 64 });
    expect(t.bytes).toBeLessThan(4000);
    expect(t.dominant.r).toBeGreaterThan(150);

    // replaced: the new photo's thumbnail, not the old one
    await kith.call('contacts.setPhoto', { id: a.id, photo: dataUrl(await jpeg(20, 30, 220)) });
    const [again] = await kith.call('contacts.thumbnails', { ids: [a.id] });
    expect((await decode(again!.thumbnail!)).dominant.b).toBeGreaterThan(150);
    // removed: initials again
    await kith.call('contacts.setPhoto', { id: a.id, photo: null });
    expect(await kith.call('contacts.thumbnails', { ids: [a.id] })).toEqual([{ id: a.id, thumbnail: null }]);
    expect(stored()).toBe(0);
  });

  it('an imported vCard photo gets a thumbnail in the background, before any list asks', async () => {
    const photo = (await jpeg(30, 200, 30, 300, 300)).toString('base64');
    const card = `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Vera Card\r\nPHOTO:data:image/jpeg;base64,${photo}\r\nEND:VCARD\r\n`;
    await importFile(kith, 'photo.vcf', card);
    const id = kith.sqlite.prepare(`SELECT id FROM contacts WHERE display_name = 'Vera Card'`).pluck().get() as string;
    for (let i = 0; i < 100 && queued() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(queued()).toBe(0);
    expect(stored()).toBe(1);
    const [t] = await kith.call('contacts.thumbnails', { ids: [id] });
    expect(await decode(t!.thumbnail!)).toMatchObject({ format: 'webp', width: 64, height: 64 });
  });

  it('the backfill makes every stored photo a thumbnail in slices other calls run between, and skips an unreadable one', async () => {
    const insert = kith.sqlite.prepare(`INSERT INTO contact_photos (contact_id, mime, data, updated_at) VALUES (?, 'image/jpeg', ?, 0)`);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const c = await kith.call('contacts.create', { displayName: `Backfill ${i}` });
      ids.push(c.id);
    }
    const photo = await jpeg(100, 100, 100, 256, 256);
    // written straight into the table, as photos stored before migration 0026 were
    kith.sqlite.transaction(() => ids.forEach((id, i) => insert.run(id, i === 7 ? Buffer.from('not an image') : photo)))();
    expect(queued()).toBe(60);

    // other calls are answered between the slices, long before the backfill is through
    const backfill = makeQueuedThumbnails({ sqlite: kith.sqlite, status: kith.status, writes: kith.ctx.writes });
    let done = false;
    void backfill.then(() => (done = true));
    await kith.call('contacts.get', { id: ids[0]! });
    expect(done).toBe(false);
    expect(queued()).toBeGreaterThan(0);
    await backfill;
    expect(queued()).toBe(0);
    expect(stored()).toBe(60);
    const answer = await kith.call('contacts.thumbnails', { ids: ids.slice(0, 10) });
    expect(answer[7]).toEqual({ id: ids[7], thumbnail: null });
    expect(answer.filter((t) => t.thumbnail).length).toBe(9);
  });
});
