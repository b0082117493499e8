// A sync killed with SIGKILL at any point: the process dies as its Nth request reaches the server
// (which still carries that request out). Started again, the pass completes, nothing is sent twice
// (one card per contact), and every edit made before the kill is on the server.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../../electron/kith';
import { startDavServer, type DavServer } from '../../helpers/davServers';
import { startFaultProxy, type FaultProxy } from '../../helpers/faultProxy';
import { killedSync as killedSyncAt } from '../../helpers/killedSync';
import { tempDir } from '../../helpers/backend';
import { phoneOn, serverView } from '../../helpers/syncPeers';
import { readLocalContacts } from '../../../electron/sync/local-contacts';

describe('a sync killed part way', () => {
  let server: DavServer;
  let proxy: FaultProxy;
  const tmp = tempDir();
  const path = join(tmp.dir, 'kith.sqlite');
  beforeAll(async () => {
    server = await startDavServer('radicale');
    proxy = await startFaultProxy(server.origin);
  }, 30_000);
  afterAll(async () => {
    await proxy?.stop();
    await server?.stop();
    tmp.cleanup();
  });

  async function withBackend<T>(fn: (b: Awaited<ReturnType<typeof startBackend>>) => Promise<T>): Promise<T> {
    const backend = await startBackend({ databasePath: path, host: 'web' });
    try {
      return await fn(backend);
    } finally {
      await backend.close();
    }
  }
  const call = async (b: Awaited<ReturnType<typeof startBackend>>, method: string, input: unknown) => {
    const r = await b.dispatch(method, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as never;
  };

  /** runs a pass in a child and kills it as its `killAt`th request arrives; false when it finished first */
  async function killedSync(killAt: number): Promise<boolean> {
    const { killed, out } = await killedSyncAt(path, proxy, killAt);
    if (!killed) expect(out).toMatch(/finished \{"ok":true/);
    return killed;
  }

  it('resumes without doubles or lost edits, wherever it was killed', async () => {
    await withBackend(async (b) => {
      for (let i = 0; i < 25; i++) await call(b, 'contacts.create', { displayName: `Person ${i}`, notes: `note ${i}` });
      const url = proxy.via(server.addressBookUrl);
      const test = (await call(b, 'sync.accounts.test', { serverUrl: url, username: server.username, password: server.password })) as { addressBooks: { url: string }[] };
      await call(b, 'sync.accounts.add', { serverUrl: url, username: server.username, password: server.password, addressBookUrl: test.addressBooks[0]!.url });
    });
    const phone = phoneOn(server);
    let kills = 0;
    // the first pass sends 26 cards; the later ones list, then send 4 (3 edits and a new contact)
    for (const [round, killAt] of [14, 2, 4].entries()) {
      // edits in Kith before the pass
      await withBackend(async (b) => {
        const ids = [...readLocalContacts(b.handle.sqlite).keys()].sort();
        for (const id of ids.slice(round * 3, round * 3 + 3)) await call(b, 'contacts.update', { id, title: `title ${round}` });
        await call(b, 'contacts.create', { displayName: `New in round ${round}` });
      });
      if (await killedSync(killAt)) kills++;
      // started again: the pass goes through
      await withBackend(async (b) => {
        const [report] = (await call(b, 'sync.now', {})) as { ok: boolean; conflicts: number }[];
        expect(report).toMatchObject({ ok: true, conflicts: 0 });
        const local = readLocalContacts(b.handle.sqlite);
        const cards = await phone.list();
        expect(cards.length).toBe(local.size); // one card per contact: nothing was created twice
        const remote = await serverView(phone);
        for (const c of local.values()) expect(remote.get(c.fields.displayName)).toEqual(c.fields);
      });
    }
    expect(kills).toBe(3);
  }, 90_000);
});
