// The sync methods of the contract, over electron/sync/accounts.ts.
import type { HandlerGroup, ServiceContext } from './context';
import { addAccount, clientFor, davFailure, confirmDeletions, listAccounts, listConflicts, listPendingDeletions, removeAccount, resolveConflict, runningProgress, syncNow, testConnection, type SyncServiceEnv } from '../sync/accounts';
import { memoryCredentialStore } from '../sync/credentials';
import { calendarOptions, chooseCalendar } from '../sync/caldav-accounts';
import { ServiceError } from '../../shared/api/errors';

const fallbackCredentials = memoryCredentialStore();

function env(ctx: ServiceContext): SyncServiceEnv {
  return { sqlite: ctx.sqlite, credentials: ctx.credentials ?? fallbackCredentials, now: () => ctx.clock.now().getTime(), timeoutMs: ctx.syncTimeoutMs };
}

export const syncHandlers: HandlerGroup<
  'sync.accounts.test' | 'sync.accounts.add' | 'sync.accounts.remove' | 'sync.accounts.list' | 'sync.now' | 'sync.status' | 'sync.conflicts.list' | 'sync.conflicts.resolve' | 'sync.deletions.list' | 'sync.deletions.confirm' | 'sync.calendars.list' | 'sync.calendars.choose'
> = {
  async 'sync.accounts.test'(ctx, input) {
    return testConnection(env(ctx), input);
  },
  async 'sync.accounts.add'(ctx, input) {
    return addAccount(env(ctx), input);
  },
  async 'sync.accounts.remove'(ctx, input) {
    removeAccount(env(ctx), input.id);
    return { id: input.id };
  },
  async 'sync.accounts.list'(ctx) {
    return listAccounts(env(ctx));
  },
  async 'sync.now'(ctx, input) {
    return syncNow(env(ctx), input.accountId, { sendOnly: input.sendOnly ?? false });
  },
  async 'sync.status'(ctx) {
    return { running: runningProgress(ctx.sqlite), accounts: listAccounts(env(ctx)) };
  },
  async 'sync.conflicts.list'(ctx, input) {
    return listConflicts(env(ctx), input.accountId);
  },
  async 'sync.conflicts.resolve'(ctx, input) {
    resolveConflict(env(ctx), input.id, input.choices);
    return { id: input.id };
  },
  async 'sync.calendars.list'(ctx, input) {
    const { e, account, client } = accountClient(ctx, input.accountId);
    return calendarOptions(e.sqlite, client, account.id, account.serverUrl, account.addressBook.url).catch((err: unknown) => Promise.reject(err instanceof ServiceError ? err : davFailure(err)));
  },
  async 'sync.calendars.choose'(ctx, input) {
    const { e, account, client } = accountClient(ctx, input.accountId);
    return { chosen: await chooseCalendar(e.sqlite, client, account.id, account.serverUrl, account.addressBook.url, input.kind, input.choice).catch((err: unknown) => Promise.reject(err instanceof ServiceError ? err : davFailure(err))) };
  },
  async 'sync.deletions.list'(ctx, input) {
    return listPendingDeletions(env(ctx), input.accountId);
  },
  async 'sync.deletions.confirm'(ctx, input) {
    return { confirmed: confirmDeletions(env(ctx), input.accountId, input.contactIds) };
  },
};

/** the account and a client logged in as it, for the calendar methods */
function accountClient(ctx: ServiceContext, accountId: string) {
  const e = env(ctx);
  const account = listAccounts(e).find((a) => a.id === accountId);
  if (!account) throw new ServiceError('not_found', 'No sync account with that id', 'accountId');
  const password = e.credentials.get(account.id);
  if (password === null) throw new ServiceError('invalid_input', 'The password for this account is missing; enter it again in Settings → Sync', 'accountId');
  return { e, account, client: clientFor(e, account.username, password) };
}
