// Size limits one place: the contract's import file limit and the web host's request limit agree.

export const MAX_IMPORT_FILE_MB = 64;
/** an import file's bytes as base64 (4 characters per 3 bytes) */
export const MAX_IMPORT_BASE64_CHARS = Math.ceil((MAX_IMPORT_FILE_MB * 1024 * 1024) / 3) * 4;
/** the largest API request: an import file as base64 plus its small JSON envelope */
export const MAX_REQUEST_BYTES = MAX_IMPORT_BASE64_CHARS + 1024 * 1024;

/** one attachment's bytes at most: as base64 in one call it stays well inside MAX_REQUEST_BYTES */
export const MAX_ATTACHMENT_MB = 25;
export const MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024;
