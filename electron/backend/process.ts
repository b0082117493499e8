// The entry of the back-end utilityProcess (forked by electron/main.ts): the dispatcher, the
// database and the scheduler over Electron's parent port.
import type { BackendPort } from './serve';
import { serveBackend } from './serve';

const port = (process as unknown as { parentPort?: BackendPort }).parentPort;
if (!port) throw new Error('electron/backend/process.ts runs as an Electron utilityProcess');
serveBackend(port);
