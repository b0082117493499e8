// The one error shape that crosses the API boundary, and the classes each side uses for it.

export type ApiErrorCode =
  | 'invalid_input' // the input failed the method's schema or a domain rule; nothing was written
  | 'not_found' // an id that does not exist (or is archived where that matters)
  | 'conflict' // the write would break a uniqueness or integrity rule
  | 'unknown_method'
  | 'forbidden' // the caller is not allowed (wrong sender, token, origin)
  | 'stale' // the write edits an older version than the one stored (changed elsewhere): reload, then edit again
  | 'disk_full' // the disk holding the data file is full; nothing was written
  | 'read_only' // the data file, its folder or its file system cannot be written
  | 'damaged' // the data file is damaged: writes wait until the user restores a backup or goes on
  | 'busy' // another program held the file for longer than Kith waits
  | 'too_large' // the request is larger than the API accepts
  | 'internal'; // a bug: the service threw something unexpected

export interface ApiIssue {
  /** dotted path of the offending field, e.g. "methods.0.value"; "" for the input as a whole */
  field: string;
  message: string;
}

export interface ApiErrorData {
  code: ApiErrorCode;
  message: string;
  /** the first offending field, when there is one */
  field?: string;
  issues?: ApiIssue[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** Thrown by services for expected failures; the dispatcher turns it into an ApiErrorData. */
export class ServiceError extends Error {
  constructor(
    readonly code: Exclude<ApiErrorCode, 'internal' | 'unknown_method'>,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Thrown by the client when a call fails; carries the typed error. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field?: string;
  readonly issues: ApiIssue[];
  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.field = data.field;
    this.issues = data.issues ?? [];
  }
}
