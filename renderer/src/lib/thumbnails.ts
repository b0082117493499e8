// List thumbnails: each Avatar on screen asks for its contact's 64 px photo; the asks of a moment
// go out as one contacts.thumbnails call, and answers (also "no photo") are kept for the session,
// so a row scrolled back into view shows its photo at once. After any write the kept answers are
// asked again, for the avatars on screen only; an answer to a call sent before the write (an ask in
// flight when an import committed) is not kept as fresh, and its avatars ask once more.
import { useCallback, useSyncExternalStore } from 'react';
import { api } from './api';
import { onDataChanged } from './refresh';

/** the asks gathered before a call goes out: a scroll mounts rows frame after frame */
const GATHER_MS = 40;
const PER_CALL = 100;
/** answers kept at most (a few kB each) */
const KEPT = 3000;

const kept = new Map<string, { url: string | null; fresh: boolean }>();
const watchers = new Map<string, Set<() => void>>();
const wanted = new Set<string>();
const asked = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;
/** counts the writes seen: an answer is fresh only when no write came after its call went out */
let writes = 0;

function notify(id: string) {
  for (const w of watchers.get(id) ?? []) w();
}

async function send() {
  timer = null;
  const ids = [...wanted].filter((id) => !asked.has(id));
  wanted.clear();
  for (let i = 0; i < ids.length; i += PER_CALL) {
    const batch = ids.slice(i, i + PER_CALL);
    batch.forEach((id) => asked.add(id));
    const sentAfter = writes;
    try {
      for (const { id, thumbnail } of await api.call('contacts.thumbnails', { ids: batch })) {
        kept.delete(id); // re-inserted last: the oldest answers go first
        kept.set(id, { url: thumbnail, fresh: sentAfter === writes });
        notify(id);
      }
      while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
    } catch {
      // no thumbnail this time: the initials stay, and the next mount asks again
    } finally {
      batch.forEach((id) => asked.delete(id));
      // a write came while this call was out: its answer may predate it, so the avatars on screen ask again
      if (sentAfter !== writes) for (const id of batch) if (watchers.get(id)?.size) want(id);
    }
  }
}

function want(id: string) {
  if (asked.has(id)) return;
  wanted.add(id);
  timer ??= setTimeout(() => void send(), GATHER_MS);
}

onDataChanged(() => {
  writes += 1;
  for (const entry of kept.values()) entry.fresh = false;
  for (const [id, set] of watchers) if (set.size) want(id);
});

function subscribe(id: string, watcher: () => void): () => void {
  let set = watchers.get(id);
  if (!set) watchers.set(id, (set = new Set()));
  set.add(watcher);
  if (!kept.get(id)?.fresh) want(id);
  return () => {
    set.delete(watcher);
    if (!set.size) watchers.delete(id);
  };
}

const noop = () => () => {};

/** the contact's list thumbnail as a data: URL; null while unknown or when there is no photo */
export function useThumbnail(contactId: string | null | undefined): string | null {
  const watch = useCallback((watcher: () => void) => (contactId ? subscribe(contactId, watcher) : noop()), [contactId]);
  return useSyncExternalStore(watch, () => (contactId ? (kept.get(contactId)?.url ?? null) : null));
}
