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
