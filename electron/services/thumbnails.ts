// Photo thumbnails for lists (migration 0026): 64 px WebP images the contacts list, search results,
// pickers and the dashboard show beside a name. Triggers queue every photo written in
// thumbnail_dirty; the queue is worked off in slices after the first screen and after each write
// (electron/kith.ts), and a list that asks for a queued photo's thumbnail gets it made on the spot.
//
// sharp (libvips) decodes and scales off the JavaScript thread, so only the short reads and writes
// of each slice hold the connection.
import type Database from 'better-sqlite3';
import sharp from 'sharp';
import { prepared } from '../../db/prepared';
import { catchUp } from '../backend-status';
import type { HandlerGroup, ServiceContext } from './context';
import { nextTurn } from './turns';
import { SLICE_MS } from '../../db/slices';

export const THUMBNAIL_SIDE = 64;
const SLICE_PHOTOS = 16;

type Photo = { contact_id: string; mime: string; data: Buffer };

/** a square thumbnail (the middle of the photo), or null when the image cannot be read */
export async function makeThumbnail(data: Buffer): Promise<Buffer | null> {
  try {
    return await sharp(data, { failOn: 'error', limitInputPixels: 4096 * 4096 })
      .rotate()
      .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'cover' })
      .webp({ quality: 75 })
      .toBuffer();
  } catch {
    return null;
  }
}

export const thumbnailUrl = (data: Buffer): string | null => (data.length ? `data:image/webp;base64,${data.toString('base64')}` : null);

/** stores the thumbnails made, unless the photo changed meanwhile (its trigger queued it again) */
function storeThumbnails(sqlite: Database.Database, made: { photo: Photo; thumb: Buffer | null }[]): void {
  const store = prepared(sqlite, `INSERT OR REPLACE INTO contact_thumbnails (contact_id, data) SELECT @id, @thumb WHERE EXISTS (SELECT 1 FROM contact_photos WHERE contact_id = @id AND data = @data)`);
  const done = prepared(sqlite, `DELETE FROM thumbnail_dirty WHERE contact_id = @id AND EXISTS (SELECT 1 FROM contact_thumbnails WHERE contact_id = @id)`);
  sqlite.transaction(() => {
    for (const { photo, thumb } of made) {
      if (!thumb) console.warn(`[kith] the photo of contact ${photo.contact_id} cannot be read; lists show its initials`);
      const args = { id: photo.contact_id, thumb: thumb ?? Buffer.alloc(0), data: photo.data };
      store.run(args);
      done.run(args);
    }
  })();
}

async function thumbnailsOf(photos: Photo[]) {
  return Promise.all(photos.map(async (photo) => ({ photo, thumb: await makeThumbnail(photo.data) })));
}

const running = new WeakMap<Database.Database, Promise<void>>();
const askedAgain = new WeakSet<Database.Database>();

/** works off the queue slice by slice; one run per connection at a time (a call meanwhile joins it, and it runs again after) */
export function makeQueuedThumbnails(ctx: Pick<ServiceContext, 'sqlite' | 'status' | 'writes'>, stopped?: () => boolean): Promise<void> {
  const sqlite = ctx.sqlite;
  if (sqlite.readonly) return Promise.resolve();
  const current = running.get(sqlite);
  if (current) {
    askedAgain.add(sqlite);
    return current;
  }
  const run = (async () => {
    const next = prepared(sqlite, `SELECT p.contact_id, p.mime, p.data FROM thumbnail_dirty d JOIN contact_photos p ON p.contact_id = d.contact_id WHERE d.contact_id > ? ORDER BY d.contact_id LIMIT 1`);
    let after: string | null = '';
    for (;;) {
      if (stopped?.() || !sqlite.open) return;
      // photos queued behind the cursor while this pass ran: one more pass from the start
      if (after === null) {
        if (!askedAgain.delete(sqlite)) return;
        after = '';
      }
      // read: photo by photo until the slice's time or count is used up
      const photos: Photo[] = [];
      const started = performance.now();
      catchUp(ctx.status, sqlite, 'thumbnails', () => {
        // queued ids whose photo is gone (never left by the triggers, but cheap to drop)
        while (photos.length < SLICE_PHOTOS && performance.now() - started < SLICE_MS / 2) {
          const photo = next.get(after!) as Photo | undefined;
          if (!photo) break;
          photos.push(photo);
          after = photo.contact_id;
        }
      });
      if (!photos.length) {
        after = null;
        continue;
      }
      const made = await thumbnailsOf(photos);
      await ctx.writes?.idle();
      if (stopped?.() || !sqlite.open) return;
      catchUp(ctx.status, sqlite, 'thumbnails', () => storeThumbnails(sqlite, made));
      await nextTurn();
    }
  })().finally(() => running.delete(sqlite));
  running.set(sqlite, run);
  return run;
}

export const thumbnailHandlers: HandlerGroup<'contacts.thumbnails'> = {
  /** the rows on screen ask for their thumbnails; a photo still queued gets its thumbnail made now */
  async 'contacts.thumbnails'(ctx, input) {
    const ids = JSON.stringify(input.ids);
    const stored = new Map(
      (prepared(ctx.sqlite, `SELECT contact_id, data FROM contact_thumbnails WHERE contact_id IN (SELECT value FROM json_each(?))`).all(ids) as { contact_id: string; data: Buffer }[]).map((r) => [r.contact_id, r.data]),
    );
    const queued = prepared(ctx.sqlite, `SELECT p.contact_id, p.mime, p.data FROM contact_photos p WHERE p.contact_id IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM contact_thumbnails t WHERE t.contact_id = p.contact_id)`).all(ids) as Photo[];
    if (queued.length) {
      const made = await thumbnailsOf(queued);
      for (const { photo, thumb } of made) stored.set(photo.contact_id, thumb ?? Buffer.alloc(0));
      if (!ctx.sqlite.readonly && !ctx.writes?.busy) catchUp(ctx.status, ctx.sqlite, 'thumbnails', () => storeThumbnails(ctx.sqlite, made));
    }
    return input.ids.map((id) => {
      const data = stored.get(id);
      return { id, thumbnail: data ? thumbnailUrl(data) : null };
    });
  },
};
