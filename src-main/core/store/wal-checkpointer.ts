/**
 * Background checkpoints of the write-ahead log, off the writer's thread.
 *
 * In WAL mode every commit appends the pages it changed to the `-wal` file; a checkpoint copies
 * them back into the main file. SQLite's own auto-checkpoint runs inside the COMMIT that takes the
 * log past 1,000 pages, on the writer's thread: it writes those pages to their places in the main
 * file (scattered over it, in a large database) and fsyncs it, while the deliver_sm of that batch
 * wait for their answer. Here a worker thread with its own connection runs
 * `PRAGMA wal_checkpoint(PASSIVE)` every `intervalMs` instead (a passive checkpoint never waits for
 * and never blocks the writer or the readers), and once it runs the writer's own auto-checkpoint is
 * raised to `HARD_LIMIT_PAGES`: the fallback that keeps the log bounded if the worker falls behind
 * or dies (the writer then checkpoints itself, as before). If the worker cannot be started, or
 * stops, the writer's limit goes back to SQLite's default.
 *
 * Durability is unchanged: a checkpoint moves only committed pages, and SQLite starts the log
 * again from its beginning only after a checkpoint copied all of it and fsynced the main file. The
 * worker's connection is opened with `synchronous=FULL` so that this fsync happens (with OFF it
 * would be skipped, and a power cut after the log was reused could lose commits).
 *
 * Like the backup worker (backup/backup-worker.ts) it runs from its source text (an eval worker)
 * and loads better-sqlite3 from the path this module resolves, so it needs no file of its own in
 * the bundles and loads the same native build as the writer (Node's in the CLI, Electron's in the
 * app).
 */
import { Worker } from 'node:worker_threads';
import { betterSqlitePath } from './better-sqlite-path.js';
import type { Database } from './database.js';

/** SQLite's default auto-checkpoint, in pages: what the writer does while no worker checkpoints. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;
/** The writer checkpoints itself past this many pages in the log (~40 MiB), worker or not. */
export const HARD_LIMIT_PAGES = 10_000;
/** How often the worker checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 250;
/** How long stop() waits for the worker to finish a checkpoint and close its connection. */
const STOP_WAIT_MS = 5_000;

/** Control words shared with the worker. */
const STOP = 0; // 1: the owner asks the worker to stop
const STOPPED = 1; // 1: the worker closed its connection
const CHECKPOINTS = 2; // checkpoints that copied pages
const PAGES = 3; // pages copied in all

export interface WalCheckpointer {
  /** 'worker' once the worker runs; 'writer' when it could not start or stopped (SQLite's own checkpoints). */
  readonly mode: () => 'starting' | 'worker' | 'writer';
  /** Checkpoints the worker ran that copied pages, and about how many pages they copied. */
  stats(): { checkpoints: number; pages: number };
  /** Stops the worker (after the checkpoint it may be running) and gives the writer its default back. */
  stop(): void;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const ctl = new Int32Array(workerData.control);
let db = null;
try {
  db = new Database(workerData.path, { fileMustExist: true, timeout: 0 });
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 0');
  parentPort.postMessage({ ready: true });
} catch (error) {
  db = null;
  parentPort.postMessage({ error: String(error && error.message) });
}
if (db !== null) {
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  let last = { log: 0, checkpointed: 0 };
  while (Atomics.load(ctl, ${STOP}) === 0) {
    try {
      // log: frames in the log; checkpointed: how many of them are in the main file (both count
      // from 0 again once the writer starts the log over, after a checkpoint that copied it all).
      const row = checkpoint.get();
      const restarted = row.log < last.log || row.checkpointed < last.checkpointed;
      const pages = restarted ? row.checkpointed : row.checkpointed - last.checkpointed;
      if (pages > 0) {
        Atomics.add(ctl, ${CHECKPOINTS}, 1);
        Atomics.add(ctl, ${PAGES}, pages);
      }
      last = row;
    } catch {
      // SQLITE_BUSY (another checkpoint holds the lock) or a passing I/O error: the next round tries again.
    }
    Atomics.wait(ctl, ${STOP}, 0, workerData.intervalMs);
  }
  db.close();
}
Atomics.store(ctl, ${STOPPED}, 1);
Atomics.notify(ctl, ${STOPPED});
`;

/**
 * Starts checkpointing `path` on a worker thread; `writer` is the connection that commits (its
 * auto-checkpoint limit is raised once the worker runs). Never throws: without a worker the writer
 * keeps checkpointing as SQLite does by default.
 */
export function startWalCheckpointer(
  path: string,
  writer: Database,
  opts: { intervalMs?: number; hardLimitPages?: number } = {},
): WalCheckpointer {
  const control = new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT);
  const ctl = new Int32Array(control);
  let mode: 'starting' | 'worker' | 'writer' = 'starting';
  const writerCheckpoints = (pages: number): void => {
    try {
      if (writer.open) writer.pragma(`wal_autocheckpoint = ${pages}`);
    } catch {
      // the writer is closing or closed: nothing to set
    }
  };
  const toWriter = (): void => {
    if (mode === 'writer') return;
    mode = 'writer';
    writerCheckpoints(DEFAULT_AUTOCHECKPOINT_PAGES);
  };
  const resolved = betterSqlitePath();
  let worker: Worker | null = null;
  if (resolved !== null && path !== ':memory:') {
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { modulePath: resolved, path, control, intervalMs: opts.intervalMs ?? CHECKPOINT_INTERVAL_MS },
      });
    } catch {
      worker = null;
    }
  }
  if (worker === null) {
    mode = 'writer';
  } else {
    worker.unref(); // never keeps the process alive by itself
    worker.on('message', (m: { ready?: boolean; error?: string }) => {
      if (m.ready && mode === 'starting') {
        mode = 'worker';
        writerCheckpoints(opts.hardLimitPages ?? HARD_LIMIT_PAGES);
      } else if (m.error !== undefined) toWriter();
    });
    worker.on('error', toWriter);
    worker.on('exit', toWriter);
  }
  return {
    mode: () => mode,
    stats: () => ({ checkpoints: Atomics.load(ctl, CHECKPOINTS), pages: Atomics.load(ctl, PAGES) }),
    stop() {
      if (worker === null) return;
      const running = worker;
      worker = null;
      Atomics.store(ctl, STOP, 1);
      Atomics.notify(ctl, STOP);
      // The worker wakes at once, or after the checkpoint it is running; then it closes its connection.
      if (mode !== 'writer') Atomics.wait(ctl, STOPPED, 0, STOP_WAIT_MS);
      toWriter();
      void running.terminate();
    },
  };
}
