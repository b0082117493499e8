// Photos for the browser bench (issue 15 point 6): the generated data sets carry none, so
// `--photos N` gives every Nth contact one of a few photos, with its thumbnail already made (the
// steady state after the backfill), so the scroll is measured with images in the rows.
import type Database from 'better-sqlite3';
import sharp from 'sharp';
import { makeThumbnail } from '../../electron/services/thumbnails';

export async function addBenchPhotos(sqlite: Database.Database, every: number): Promise<number> {
  const photos = await Promise.all(
    Array.from({ length: 8 }, async (_, i) => {
      const data = await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: (i * 97) % 256, g: (i * 53 + 80) % 256, b: (i * 31 + 140) % 256 } } })
        .composite([{ input: Buffer.from(`<svg width="256" height="256"><circle cx="128" cy="100" r="60" fill="#fff8"/><rect x="48" y="170" width="160" height="90" rx="40" fill="#fff8"/></svg>`) }])
        .jpeg({ quality: 85 })
        .toBuffer();
      return { data, thumb: (await makeThumbnail(data))! };
    }),
  );
  const ids = sqlite.prepare(`SELECT id FROM contacts WHERE rowid % ? = 0 AND id NOT IN (SELECT contact_id FROM contact_photos)`).pluck().all(every) as string[];
  const photo = sqlite.prepare(`INSERT INTO contact_photos (contact_id, mime, data, updated_at) VALUES (?, 'image/jpeg', ?, 0)`);
  const thumb = sqlite.prepare(`INSERT OR REPLACE INTO contact_thumbnails (contact_id, data) VALUES (?, ?)`);
  sqlite.transaction(() => {
    ids.forEach((id, i) => {
      const p = photos[i % photos.length]!;
      photo.run(id, p.data);
      thumb.run(id, p.thumb);
    });
    sqlite.prepare(`DELETE FROM thumbnail_dirty WHERE contact_id IN (SELECT contact_id FROM contact_thumbnails)`).run();
  })();
  return ids.length;
}
