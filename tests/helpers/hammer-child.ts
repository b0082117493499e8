// A second (or third) Kith process on one file, for tests/reliability/two-processes.test.ts: opens
// the file with the real back end and hammers it with read-then-write calls; prints what failed.
// `lock` as the third argument: hold the data-file lock like the hosts do, print "locked", wait.
import { startBackend } from '../../electron/kith';

const [databasePath, rounds, mode] = process.argv.slice(2);
if (mode === 'lock') {
  const backend = await startBackend({ databasePath: databasePath!, host: 'web', lock: true });
  process.stdout.write('locked\n');
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await backend.close();
    process.exit(0);
  });
} else {
  const backend = await startBackend({ databasePath: databasePath!, host: 'web' });
  const errors: string[] = [];
  let ok = 0;
  const created = await backend.dispatch('contacts.create', { displayName: `Hammer ${process.pid}` });
  if (!created.ok) throw new Error(created.error.message);
  const id = (created.value as { id: string }).id;
  for (let i = 0; i < Number(rounds); i++) {
    const calls = [
      () => backend.dispatch('contacts.update', { id, nickname: `n${i}` }),
      () => backend.dispatch('interactions.log', { kind: 'call', participantIds: [id], summary: `call ${i}` }),
      () => backend.dispatch('contacts.create', { displayName: `P ${process.pid} ${i}`, tags: [`t${i % 7}`] }),
      () => backend.dispatch('health.dashboard', {}),
    ];
    const r = await calls[i % calls.length]!();
    if (r.ok) ok++;
    else errors.push(`${r.error.code}: ${r.error.message}`);
  }
  await backend.close();
  process.stdout.write(`${JSON.stringify({ ok, errors })}\n`);
}
