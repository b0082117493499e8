// One rule for a contact's photo size (shared/api/limits.ts): a photo up to MAX_PHOTO_BYTES is kept
// byte for byte; a larger one is scaled down with sharp, the way the photo dialog scales what the
// user picks; one sharp cannot read or shrink enough is refused with the limit named. Used by
// contacts.setPhoto, the import, sync and restore, so no path keeps a photo another would refuse.
import sharp from 'sharp';
import type { ParsedFile } from '../transfer/record';
import { ServiceError } from '../../shared/api/errors';
import { MAX_PHOTO_BYTES, MAX_PHOTO_SOURCE_BYTES, PHOTO_SOURCE_TOO_LARGE, photoTooLarge } from '../../shared/api/limits';

/** the longest side of a photo that had to be scaled down: sharp enough for the contact page */
export const FITTED_PHOTO_SIDE = 1024;

export interface StoredPhoto {
  mime: string;
  data: Buffer;
}

/** the photo as Kith keeps it, or why it cannot be kept */
export async function fitPhoto(photo: StoredPhoto): Promise<StoredPhoto | { error: string }> {
  if (photo.data.length <= MAX_PHOTO_BYTES) return photo;
  if (photo.data.length > MAX_PHOTO_SOURCE_BYTES) return { error: PHOTO_SOURCE_TOO_LARGE };
  try {
    const data = await sharp(photo.data, { failOn: 'error', limitInputPixels: 12000 * 12000 })
      .rotate()
      .resize(FITTED_PHOTO_SIDE, FITTED_PHOTO_SIDE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 85 })
      .toBuffer();
    if (data.length > MAX_PHOTO_BYTES) return { error: photoTooLarge('scaling it down did not make it small enough') };
    return { mime: 'image/jpeg', data };
  } catch {
    return { error: photoTooLarge('it is not an image Kith can scale down') };
  }
}

/** fitPhoto for a data: URL (a sync card's photo field); null when the photo cannot be kept */
export async function fitPhotoUrl(url: string): Promise<{ url: string } | { error: string }> {
  const m = /^data:(image\/[a-z]+);base64,(.*)$/s.exec(url);
  if (!m) return { url };
  const data = Buffer.from(m[2]!, 'base64');
  if (data.length <= MAX_PHOTO_BYTES) return { url };
  const fitted = await fitPhoto({ mime: m[1]!, data });
  return 'error' in fitted ? fitted : { url: `data:${fitted.mime};base64,${fitted.data.toString('base64')}` };
}

/** an import's records with their too-large photos scaled down; one that cannot be is left out with a warning */
export async function fitRecordPhotos(parsed: ParsedFile): Promise<void> {
  for (const record of parsed.records) {
    if (!record.photo || record.photo.data.length <= MAX_PHOTO_BYTES) continue;
    const fitted = await fitPhoto({ mime: record.photo.mime, data: Buffer.from(record.photo.data) });
    if ('error' in fitted) {
      parsed.warnings.push({ record: record.number, line: record.photo.line ?? record.line, reason: `${fitted.error}; the contact was imported without it` });
      record.photo = null;
    } else record.photo = fitted;
  }
}

/** a restored or merged export's photo row, scaled down when larger than Kith keeps; refused (with whose photo) when it cannot be */
export async function fitPhotoRow(row: Record<string, unknown>): Promise<void> {
  if (!Buffer.isBuffer(row.data) || row.data.length <= MAX_PHOTO_BYTES) return;
  const fitted = await fitPhoto({ mime: String(row.mime), data: row.data });
  if ('error' in fitted) throw new ServiceError('invalid_input', `The photo of ${String(row.contact_id)} in the file: ${fitted.error}`, 'source');
  row.mime = fitted.mime;
  row.data = fitted.data;
}
