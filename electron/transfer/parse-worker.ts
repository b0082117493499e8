// The parse worker thread: reads one large address book file (parse-file.ts) away from the back
// end's event loop, so a 10,000-card preview does not hold every other call for seconds.
import { parentPort, workerData } from 'node:worker_threads';
import { ServiceError } from '../../shared/api/errors';
import { parseContactsFile, type ParseRequest, type ParseResult } from './parse-file';

export type ParseWorkerMessage =
  /** the records come in batches, the next one when the back end asks for it: one message of
   *  10,000 records took 200 ms to receive, and queued messages are all received in one turn */
  | { type: 'records'; records: ParseResult['parsed']['records'] }
  | { type: 'done'; result: ParseResult }
  | { type: 'refused'; code: ServiceError['code']; message: string; field?: string }
  | { type: 'failed'; message: string };

const RECORDS_PER_MESSAGE = 500;

const asked = () => new Promise<void>((resolve) => parentPort!.once('message', () => resolve()));

async function run(request: ParseRequest): Promise<ParseWorkerMessage> {
  try {
    const result = parseContactsFile(request);
    const records = result.parsed.records;
    for (let i = 0; i < records.length; i += RECORDS_PER_MESSAGE) {
      parentPort!.postMessage({ type: 'records', records: records.slice(i, i + RECORDS_PER_MESSAGE) } satisfies ParseWorkerMessage);
      await asked();
    }
    return { type: 'done', result: { ...result, parsed: { ...result.parsed, records: [] } } };
  } catch (err) {
    if (err instanceof ServiceError) return { type: 'refused', code: err.code, message: err.message, field: err.field };
    return { type: 'failed', message: (err as Error).stack ?? String(err) };
  }
}

if (parentPort && workerData) void run(workerData as ParseRequest).then((message) => parentPort!.postMessage(message));
