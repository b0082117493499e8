// Where a file is read: in place when it is small (a worker costs more to start than the parse),
// in a parse worker thread when it is large enough that reading it would hold the back end's
// event loop (and with it every other call) past the 50 ms a call may take. The worker is kept for
// the next file (its start and module loading took ~1.3 s of CPU per preview of 10,000 cards);
// a second file read while it is busy gets a thread of its own.
import type { Worker } from 'node:worker_threads';
import { ServiceError } from '../../shared/api/errors';
import { parseContactsFile, type ParseRequest, type ParseResult } from './parse-file';
import type { ParseWorkerMessage, ParseWorkerRequest } from './parse-worker';
import { spawnWorker } from './spawn-worker';
import { ComparedCollector } from './compared-values';
import { nextTurn } from '../services/turns';

/** about 200 cards: below this, parsing in place takes a few milliseconds */
export const PARSE_IN_WORKER_BYTES = 64 * 1024;

/** the idle worker kept for the next file (unref'd: it never keeps the process alive) */
let idle: Worker | null = null;

export async function readContactsFile(request: ParseRequest, threshold = PARSE_IN_WORKER_BYTES): Promise<ParseResult> {
  if (request.bytes.byteLength < threshold) return parseContactsFile(request);
  // sending the file to the worker copies it: on a turn of its own, not after the upload's decoding
  await nextTurn();
  const kept = idle;
  idle = null;
  const worker = kept ?? spawnWorker('parse-worker', null);
  worker.ref();
  const send = (m: ParseWorkerRequest) => worker.postMessage(m);
  const records: ParseResult['parsed']['records'] = [];
  const compared = request.region ? new ComparedCollector(request.region) : null;
  let healthy = true;
  try {
    const message = await new Promise<Exclude<ParseWorkerMessage, { type: 'records' }>>((resolve, reject) => {
      worker.on('message', (m: ParseWorkerMessage) => {
        if (m.type !== 'records') return resolve(m);
        records.push(...m.records);
        if (m.compared) compared?.add(m.compared);
        // the next batch after other calls had their turn
        void nextTurn().then(() => send('next'));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The import's reading thread stopped (exit ${code})`)));
      send({ type: 'parse', request });
    }).catch((err) => {
      healthy = false;
      throw err;
    });
    if (message.type === 'refused') throw new ServiceError(message.code, message.message, message.field);
    if (message.type === 'failed') throw new Error(message.message);
    message.result.parsed.records = records;
    if (compared) message.result.compared = compared.values();
    return message.result;
  } finally {
    worker.removeAllListeners('message').removeAllListeners('error').removeAllListeners('exit');
    if (healthy && !idle) {
      worker.unref();
      idle = worker;
      // a kept thread that dies while idle is dropped (an 'error' without a listener would throw here)
      const drop = () => {
        if (idle === worker) idle = null;
      };
      worker.once('error', drop).once('exit', drop);
    } else void worker.terminate();
  }
}

/** stops the kept worker (a test's or the back end's end) */
export async function stopParseWorker(): Promise<void> {
  const worker = idle;
  idle = null;
  await worker?.terminate();
}
