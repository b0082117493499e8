// A write refused as `stale`: the record was changed elsewhere (another window or tab) after it was
// opened. Every page reloads, so what shows is the latest version, and the message says so.
import { ApiError } from '../../../shared/api/errors';
import { dataChanged } from './refresh';

/** for a stale refusal: reloads everything and answers what to tell the user; otherwise null */
export function reloadIfStale(err: unknown): string | null {
  if (!(err instanceof ApiError) || err.code !== 'stale') return null;
  dataChanged();
  return `${err.message} Kith reloaded the latest version: make your change again.`;
}
