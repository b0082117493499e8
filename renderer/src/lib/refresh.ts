// After any write (here, in another tab, or by the scheduler) every store that registered reloads.
// One place, so a new page only registers its loader instead of wiring its own subscription.
const loaders = new Set<() => unknown>();

/** register a loader to run after every write; returns the unregister function */
export function onDataChanged(loader: () => unknown): () => void {
  loaders.add(loader);
  return () => loaders.delete(loader);
}

export function dataChanged(): void {
  for (const load of loaders) void load();
}

// A search may leave the index catching up in the background (app.status searchIndexing): the
// banner looks again after a search, at most every couple of seconds, instead of at its next poll.
const statusWatchers = new Set<() => unknown>();
const STATUS_RECHECK_MS = 2_000;
let lastRecheck = -Infinity;
let trailing: ReturnType<typeof setTimeout> | null = null;

export function onStatusMayHaveChanged(watcher: () => unknown): () => void {
  statusWatchers.add(watcher);
  return () => statusWatchers.delete(watcher);
}

/** the watchers run now, or once at the end of the couple of seconds since they last ran */
export function statusMayHaveChanged(): void {
  const wait = lastRecheck + STATUS_RECHECK_MS - performance.now();
  if (wait > 0) {
    trailing ??= setTimeout(() => {
      trailing = null;
      statusMayHaveChanged();
    }, wait);
    return;
  }
  lastRecheck = performance.now();
  for (const watch of statusWatchers) void watch();
}
