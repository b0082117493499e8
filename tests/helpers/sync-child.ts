// Run as a child process by the sync kill test: opens the database and runs one sync pass, which
// the parent kills with SIGKILL part way through.
import { startBackend } from '../../electron/kith';

const [databasePath] = process.argv.slice(2);
const backend = await startBackend({ databasePath: databasePath!, host: 'web', syncTimeoutMs: 5000 });
console.log('started');
const result = await backend.dispatch('sync.now', {});
console.log(`finished ${JSON.stringify(result)}`);
await backend.close();
