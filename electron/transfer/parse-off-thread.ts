// Where a file is read: in place when it is small (a worker costs more to start than the parse),
// in a parse worker thread when it is large enough that reading it would hold the back end's
// event loop (and with it every other call) past the 50 ms a call may take.
import { ServiceError } from '../../shared/api/errors';
import { parseContactsFile, type ParseRequest, type ParseResult } from './parse-file';
import type { ParseWorkerMessage } from './parse-worker';
import { spawnWorker } from './spawn-worker';
import { nextTurn } from '../services/turns';

/** about 200 cards: below this, parsing in place takes a few milliseconds */
export const PARSE_IN_WORKER_BYTES = 64 * 1024;

export async function readContactsFile(request: ParseRequest, threshold = PARSE_IN_WORKER_BYTES): Promise<ParseResult> {
  if (request.bytes.byteLength < threshold) return parseContactsFile(request);
  // starting the worker copies the file to it: on a turn of its own, not after the upload's decoding
  await nextTurn();
  const worker = spawnWorker('parse-worker', request);
  const records: ParseResult['parsed']['records'] = [];
  const message = await new Promise<Exclude<ParseWorkerMessage, { type: 'records' }>>((resolve, reject) => {
    worker.on('message', (m: ParseWorkerMessage) => {
      if (m.type !== 'records') return resolve(m);
      records.push(...m.records);
      // the next batch after other calls had their turn
      void nextTurn().then(() => worker.postMessage('next'));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The import's reading thread stopped (exit ${code})`)));
  }).finally(() => void worker.terminate());
  if (message.type === 'refused') throw new ServiceError(message.code, message.message, message.field);
  if (message.type === 'failed') throw new Error(message.message);
  message.result.parsed.records = records;
  return message.result;
}
