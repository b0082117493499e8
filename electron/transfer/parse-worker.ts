// The parse worker thread: reads large address book files (parse-file.ts) away from the back end's
// event loop, so a 10,000-card preview does not hold every other call for seconds. It stays up
// between files (parse-off-thread.ts): starting it, and loading its modules, cost more CPU than
// reading 10,000 cards.
import { parentPort, workerData } from 'node:worker_threads';
import { ServiceError } from '../../shared/api/errors';
import { parseContactsFile, type ParseRequest, type ParseResult } from './parse-file';
import { comparedValues, type ComparedValues } from './compared-values';
import { lowerThisThreadsPriority } from '../../db/background-thread';

export type ParseWorkerMessage =
  /** the records come in batches, the next one when the back end asks for it: one message of
   *  10,000 records took 200 ms to receive, and queued messages are all received in one turn */
  | { type: 'records'; records: ParseResult['parsed']['records']; compared?: ComparedValues }
  | { type: 'done'; result: ParseResult }
  | { type: 'refused'; code: ServiceError['code']; message: string; field?: string }
  | { type: 'failed'; message: string };

/** what the back end sends: a file to read, or 'next' for the next batch of its records */
export type ParseWorkerRequest = { type: 'parse'; request: ParseRequest } | 'next';

const RECORDS_PER_MESSAGE = 250;

let onNext: (() => void) | null = null;
const asked = () => new Promise<void>((resolve) => (onNext = resolve));

async function run(request: ParseRequest): Promise<ParseWorkerMessage> {
  try {
    // the compared forms go with their records, batch by batch: all of them in the last message
    // (30,000 entries for 10,000 cards) took one long turn of the back end's thread to receive
    const result = parseContactsFile({ ...request, region: undefined });
    const records = result.parsed.records;
    for (let i = 0; i < records.length; i += RECORDS_PER_MESSAGE) {
      const batch = records.slice(i, i + RECORDS_PER_MESSAGE);
      parentPort!.postMessage({ type: 'records', records: batch, ...(request.region ? { compared: comparedValues(batch, request.region) } : {}) } satisfies ParseWorkerMessage);
      await asked();
    }
    return { type: 'done', result: { ...result, parsed: { ...result.parsed, records: [] } } };
  } catch (err) {
    if (err instanceof ServiceError) return { type: 'refused', code: err.code, message: err.message, field: err.field };
    return { type: 'failed', message: (err as Error).stack ?? String(err) };
  }
}

if (parentPort) {
  lowerThisThreadsPriority();
  parentPort.on('message', (m: ParseWorkerRequest) => {
    if (m === 'next') {
      const next = onNext;
      onNext = null;
      next?.();
    } else void run(m.request).then((message) => parentPort!.postMessage(message));
  });
  // the first file comes with the thread
  if (workerData) void run(workerData as ParseRequest).then((message) => parentPort!.postMessage(message));
}
