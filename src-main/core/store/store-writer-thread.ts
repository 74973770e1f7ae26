/**
 * The store's writer thread (see store/store-writer.ts), bundled on its own as
 * `dist/store-writer.js`. It opens its own store on the database the event loop has already
 * opened and migrated, and writes each batch it is sent in one transaction (store/commit-jobs.ts),
 * answering with the jobs' results after the COMMIT.
 *
 * `SMPP_ATTENDANCE_TEST_HOLD_COMMIT_MS` (tests only) holds each batch that many milliseconds inside
 * its transaction, before the COMMIT, so that a test can kill the process while the writer holds
 * uncommitted work.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AttendanceStore } from './attendance-store.js';
import { runBatch, toWireError, toWireOutcome } from './commit-jobs.js';
import type { FromWriter, ToWriter, WorkerData } from './store-writer.js';

const port = parentPort!;
const { dbPath, options } = workerData as WorkerData;
const holdMs = Number(process.env['SMPP_ATTENDANCE_TEST_HOLD_COMMIT_MS'] ?? 0);
const gate = new Int32Array(new SharedArrayBuffer(4));
const hold = (jobs: number): void => {
  process.stderr.write(`store writer: holding ${jobs} job(s) uncommitted for ${holdMs} ms (test hook)\n`);
  Atomics.wait(gate, 0, 0, holdMs);
};

const answer = (message: FromWriter): void => port.postMessage(message);

let store: AttendanceStore | null = null;
try {
  store = new AttendanceStore(dbPath, {
    defaultCountry: options.defaultCountry,
    tolerances: options.tolerances,
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  });
  answer({ type: 'ready' });
} catch (error) {
  answer({ type: 'openFailed', error: toWireError(error) });
}

port.on('message', (message: ToWriter) => {
  if (!store) return;
  switch (message.type) {
    case 'batch':
      answer({
        type: 'batch',
        id: message.id,
        outcome: toWireOutcome(runBatch(store, message.jobs, holdMs > 0 ? () => hold(message.jobs.length) : undefined)),
      });
      break;
    case 'configure':
      store.setDefaultCountry(message.settings.defaultCountry);
      store.setTimeTolerances(message.settings.tolerances);
      break;
    case 'close':
      // No checkpoint here: the event loop's connection, closed last, truncates the WAL.
      store.close({ checkpoint: false });
      store = null;
      answer({ type: 'closed' });
      port.close();
      break;
  }
});
