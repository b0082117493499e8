// The one dispatcher: every call, from IPC or the web host, comes through here.
// validate input -> run the service -> typed result. Nothing a caller sends reaches a service unchecked.
import type { z } from 'zod';
import { contract, isMethodName, type MethodName } from '../../shared/api/contract';
import { ServiceError, type ApiErrorData, type ApiResult } from '../../shared/api/errors';
import type { Handlers, ServiceContext } from '../services/context';
import { findTextProblem } from '../../shared/domain/text';
import { storageError } from './storage-errors';
import type { BackendStatus } from '../backend-status';

/** the commands that still run while writes are stopped for damage: the user's answers to it */
const ALWAYS_ALLOWED: ReadonlySet<MethodName> = new Set(['app.resolveDamage', 'transfer.backupRestore']);

export type Dispatch = (method: unknown, input: unknown) => Promise<ApiResult<unknown>>;

export interface DispatcherOptions {
  ctx: ServiceContext;
  handlers: Handlers;
  /** told after every successful command (a write): stores refresh, the scheduler re-arms */
  onCommitted?: (method: MethodName) => void;
  /** told about internal errors, which the caller sees only as a short message */
  onInternalError?: (method: string, error: unknown) => void;
  /** read-only or damaged: commands are refused with a typed error before they run */
  status?: BackendStatus;
}

export function createDispatcher(options: DispatcherOptions): Dispatch {
  const { ctx, handlers } = options;
  return async (method, rawInput) => {
    if (!isMethodName(method)) {
      return failure({ code: 'unknown_method', message: `Unknown API method ${JSON.stringify(String(method)).slice(0, 80)}` });
    }
    const spec = contract[method];
    // NUL and unpaired surrogates: refused here, for every method, naming the field (shared/domain/text.ts)
    const badText = findTextProblem(rawInput);
    if (badText) {
      const message = badText.field ? `${badText.field}: ${badText.message}` : `The input ${badText.message}`;
      return failure({ code: 'invalid_input', message, field: badText.field, issues: [badText] });
    }
    if (spec.kind === 'command') {
      const refusal = options.status?.readOnlyReason || !ALWAYS_ALLOWED.has(method) ? options.status?.writeRefusal() : null;
      if (refusal) return failure(refusal);
    }
    let parsed: ReturnType<z.ZodType['safeParse']>;
    try {
      parsed = (spec.input as z.ZodType).safeParse(rawInput ?? {});
    } catch {
      // zod itself can throw on hostile shapes, e.g. { id: { length: Object.create(null) } } ("Cannot
      // convert object to primitive value" in a length check): still the caller's input, still typed
      return failure({ code: 'invalid_input', message: 'The input has a value of the wrong shape' });
    }
    if (!parsed.success) return failure(fromZodIssues(parsed.error.issues));
    try {
      const handler = handlers[method] as (c: ServiceContext, i: unknown) => Promise<unknown>;
      // a write waits (without blocking) while an import's transaction is open on its own connection
      if (spec.kind === 'command') await ctx.writes?.idle();
      const value = await handler(ctx, parsed.data);
      if (spec.kind === 'command') options.onCommitted?.(method);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof ServiceError) {
        return failure({ code: err.code, message: err.message, field: err.field, issues: err.field ? [{ field: err.field, message: err.message }] : undefined });
      }
      const sqliteConstraint = constraintMessage(err);
      if (sqliteConstraint) return failure({ code: 'conflict', message: sqliteConstraint });
      // a full disk, a read-only file, a busy or damaged file: what the user can do about it
      const storage = storageError(err);
      if (storage) return failure(storage);
      options.onInternalError?.(method, err);
      return failure({ code: 'internal', message: `Kith could not complete ${method}: ${(err as Error)?.message ?? String(err)}` });
    }
  };
}

function failure(error: ApiErrorData): ApiResult<never> {
  return { ok: false, error };
}

function fromZodIssues(issues: z.core.$ZodIssue[]): ApiErrorData {
  const list = issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }));
  const first = list[0]!;
  return {
    code: 'invalid_input',
    message: first.field ? `${first.field}: ${first.message}` : first.message,
    field: first.field,
    issues: list,
  };
}

/** SQLite's own integrity rules (UNIQUE, FOREIGN KEY, CHECK) as a readable conflict */
function constraintMessage(err: unknown): string | null {
  const e = err as { code?: string; message?: string };
  if (typeof e?.code !== 'string' || !e.code.startsWith('SQLITE_CONSTRAINT')) return null;
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return `Already exists: ${e.message}`;
  if (e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'Refers to something that does not exist';
  return `Not allowed by the database: ${e.message}`;
}
