// The one error shape that crosses the API boundary, and the classes each side uses for it.

export type ApiErrorCode =
  | 'invalid_input' // the input failed the method's schema or a domain rule; nothing was written
  | 'not_found' // an id that does not exist (or is archived where that matters)
  | 'conflict' // the write would break a uniqueness or integrity rule
  | 'unknown_method'
  | 'forbidden' // the caller is not allowed (wrong sender, token, origin)
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
