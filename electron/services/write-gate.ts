// One long write at a time, on a connection of its own: while an import's transaction is open
// (seconds on a large file), reads go on over the app's connection (WAL shows them the last
// commit) and every other write waits here — asynchronously, never blocking the event loop on
// SQLite's busy timeout.
export interface WriteGate {
  /** true while a long write holds the gate */
  readonly busy: boolean;
  /** resolves once no long write holds the gate */
  idle(): Promise<void>;
  /** runs `work` holding the gate; other writes wait for it */
  hold<T>(work: () => Promise<T>): Promise<T>;
}

export function createWriteGate(): WriteGate {
  let current: Promise<unknown> | null = null;
  const gate: WriteGate = {
    get busy() {
      return current !== null;
    },
    async idle() {
      while (current) await current.catch(() => {});
    },
    async hold(work) {
      await gate.idle();
      const running = work();
      current = running;
      try {
        return await running;
      } finally {
        if (current === running) current = null;
      }
    },
  };
  return gate;
}
