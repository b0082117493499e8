// Run as a child process by the crash test: seeds a few contacts, then starts a big import and
// reports its progress on stdout until the parent kills it.
import { startBackend } from '../../electron/kith';

const [databasePath, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 20000);

const backend = await startBackend({ databasePath: databasePath!, host: 'web' });
const call = async (method: string, input: unknown) => {
  const result = await backend.dispatch(method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as never;
};
for (const name of ['Kept One', 'Kept Two', 'Kept Three']) await call('contacts.create', { displayName: name });
console.log('seeded');

const file = Array.from({ length: count }, (_, i) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Crash ${i}\r\nEMAIL:crash${i}@example.com\r\nNOTE:record ${i}\r\nEND:VCARD\r\n`).join('');
const preview = (await call('transfer.importPreview', { source: { kind: 'upload', fileName: 'big.vcf', base64: Buffer.from(file).toString('base64') } })) as { sessionId: string };
setInterval(async () => {
  const p = (await call('transfer.importProgress', { sessionId: preview.sessionId })) as { processed: number };
  console.log(`progress ${p.processed}`);
}, 10);
await call('transfer.importCommit', { sessionId: preview.sessionId });
console.log('finished');
