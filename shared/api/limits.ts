// Size limits one place: the contract's import file limit and the web host's request limit agree.
// What each way in takes:
// - an upload (the web host's page, or any caller sending the bytes): up to MAX_IMPORT_FILE_MB, the
//   file travelling as base64 inside one request;
// - a file chosen in the Electron app: the back end reads it from disk itself. vCard and CSV files
//   are read whole, up to the same MAX_IMPORT_FILE_MB; a Kith JSON export is read as a stream, a row
//   at a time (electron/transfer/json-stream.ts), so it has no size limit: a 300 MB export with
//   attachments restores there.

export const MAX_IMPORT_FILE_MB = 64;
export const MAX_IMPORT_FILE_BYTES = MAX_IMPORT_FILE_MB * 1024 * 1024;

/** what the user is told of an upload over the limit (the page before sending, the contract, the web host's 413) */
export function uploadTooLargeMessage(fileName: string | null, bytes: number | null): string {
  const what = fileName && bytes !== null ? `${fileName} is ${Math.ceil(bytes / 1024 / 1024)} MB: ` : 'The file is too large: ';
  return `${what}in the browser Kith imports files up to ${MAX_IMPORT_FILE_MB} MB. The Kith desktop app reads a Kith JSON export of any size from disk (Import there, and choose the file).`;
}
/** an import file's bytes as base64 (4 characters per 3 bytes) */
export const MAX_IMPORT_BASE64_CHARS = Math.ceil((MAX_IMPORT_FILE_MB * 1024 * 1024) / 3) * 4;
/** the largest API request: an import file as base64 plus its small JSON envelope */
export const MAX_REQUEST_BYTES = MAX_IMPORT_BASE64_CHARS + 1024 * 1024;

/** one attachment's bytes at most: as base64 in one call it stays well inside MAX_REQUEST_BYTES */
export const MAX_ATTACHMENT_MB = 25;
export const MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024;

/**
 * A contact's photo as Kith keeps it, at most: the same for the photo dialog, an import, a sync
 * and a restore. A larger photo is scaled down (electron/services/photoFit.ts) rather than refused.
 */
export const MAX_PHOTO_MB = 2;
export const MAX_PHOTO_BYTES = MAX_PHOTO_MB * 1024 * 1024;
/** the largest picture Kith tries to scale down to MAX_PHOTO_BYTES: as large as an attachment */
export const MAX_PHOTO_SOURCE_MB = MAX_ATTACHMENT_MB;
export const MAX_PHOTO_SOURCE_BYTES = MAX_PHOTO_SOURCE_MB * 1024 * 1024;
/** the words every refusal of a photo's size uses */
export const photoTooLarge = (why: string) => `The photo is larger than ${MAX_PHOTO_MB} MB, the most Kith keeps for a person, and ${why}`;
export const PHOTO_SOURCE_TOO_LARGE = photoTooLarge(`at over ${MAX_PHOTO_SOURCE_MB} MB it is too large to scale down`);
