// Run as an unprivileged user by tests/reliability/startup-refusals.test.ts (root ignores file
// permissions): opens a file it may only read with the real back end and prints what it got.
import { startBackend } from '../../electron/kith';

const [databasePath] = process.argv.slice(2);
try {
  const kith = await startBackend({ databasePath: databasePath!, host: 'web', lock: true });
  const out = {
    status: await kith.dispatch('app.status', {}),
    list: await kith.dispatch('contacts.list', {}),
    dashboard: await kith.dispatch('health.dashboard', {}),
    search: await kith.dispatch('contacts.search', { query: 'kath' }),
    write: await kith.dispatch('contacts.create', { displayName: 'Nobody' }),
  };
  await kith.close();
  process.stdout.write(JSON.stringify(out));
} catch (err) {
  process.stdout.write(JSON.stringify({ refused: (err as Error).message }));
}
