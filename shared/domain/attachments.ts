// Attachments: files on a contact or an interaction (a contract, a photo from the dinner).

export interface Attachment {
  id: string;
  /** the contact it is on, or null when it is on an interaction */
  contactId: string | null;
  interactionId: string | null;
  name: string;
  /** as stored: what the file said it was, or application/octet-stream when that was unknown */
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: number;
  updatedAt: number;
}

export const UNKNOWN_MEDIA_TYPE = 'application/octet-stream';

/** a file's own type when it names one ("text/plain; charset=utf-8" → "text/plain"), else a type
 *  guessed from the name's extension, else application/octet-stream: no file is refused for its type */
export function mediaTypeOf(given: string | null | undefined, name: string): string {
  const bare = (given ?? '').split(';')[0]!.trim().toLowerCase();
  if (/^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(bare)) return bare;
  const ext = /\.([a-z0-9]{1,10})$/i.exec(name)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || UNKNOWN_MEDIA_TYPE;
}

const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  md: 'text/markdown',
  html: 'text/html',
  csv: 'text/csv',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
};

/** a name that is safe as a file name on every system: no folders, no control or reserved characters */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 200);
  return cleaned || 'attachment';
}
