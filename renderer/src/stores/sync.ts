// Sync status for the sidebar, Settings → Sync and the conflict screen: loaded on start and after
// every write, polled while a pass runs (so progress moves), and "Sync now" from anywhere.
import { create } from 'zustand';
import { toast } from 'sonner';
import { api } from '../lib/api';
import type { SyncPassReport, SyncStatus } from '../../../shared/domain/sync';

interface SyncState {
  status: SyncStatus | null;
  /** a pass this window started and waits for */
  syncing: boolean;
  load(): Promise<void>;
  /** one pass (every account when none is named); the outcome is told in a toast */
  syncNow(accountId?: string): Promise<SyncPassReport[] | null>;
}

const POLL_MS = 400;

export const useSync = create<SyncState>((set, get) => ({
  status: null,
  syncing: false,
  async load() {
    try {
      set({ status: await api.call('sync.status', {}) });
    } catch {
      // the sidebar shows nothing rather than an error of its own
    }
  },
  async syncNow(accountId) {
    if (get().syncing) return null;
    set({ syncing: true });
    const poll = setInterval(() => void get().load(), POLL_MS);
    try {
      const reports = await api.call('sync.now', accountId ? { accountId } : {});
      announce(reports);
      return reports;
    } catch (err) {
      toast.error((err as Error).message);
      return null;
    } finally {
      clearInterval(poll);
      set({ syncing: false });
      await get().load();
    }
  },
}));

function announce(reports: SyncPassReport[]) {
  if (!reports.length) return void toast.message('No sync account yet: add one in Settings → Sync');
  for (const r of reports) {
    if (!r.ok) {
      toast.error(`Sync failed: ${r.error}`);
      continue;
    }
    const parts = [
      r.pulled && `${r.pulled} received`,
      r.pushed && `${r.pushed} sent`,
      r.merged && `${r.merged} merged`,
      r.archived && `${r.archived} archived (deleted on the server)`,
      r.deleted && `${r.deleted} removed from the server`,
    ].filter(Boolean);
    const attention = [r.conflicts && `${r.conflicts} to resolve`, r.awaitingDeletion && `${r.awaitingDeletion} deletions to confirm`, r.problems && `${r.problems} cards could not be read`].filter(Boolean);
    const text = parts.length ? `Synced: ${parts.join(', ')}` : 'Synced: everything was up to date';
    if (attention.length) toast.warning(`${text}. ${attention.join(', ')}.`);
    else toast.success(text);
  }
}
