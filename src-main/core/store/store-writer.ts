/**
 * The store's writer thread, seen from the event loop.
 *
 * The ingest's writes (the group commit's batches, store/group-commit.ts) run on a worker thread
 * that owns a connection of its own to the database (store/store-writer-thread.ts, bundled as
 * `dist/store-writer.js`): the transaction, its savepoints and the fsync of its COMMIT
 * (`synchronous=FULL`) happen there, beside the event loop, which keeps reading, judging and
 * answering. Each batch is posted as job descriptions (store/commit-jobs.ts) and answered, after
 * its COMMIT, with each job's result; only then are the callers' promises settled, so a
 * deliver_sm is still answered only after the commit that holds it. The event loop's own
 * connection (WAL: readers never wait for the writer) serves every read, and the writes made
 * outside the ingest (employees, corrections, settings, the timesheet's), which SQLite serialises
 * with the writer's (busy timeout).
 *
 * Where no thread can be started (the bundle missing, a platform that refuses), or for an
 * in-memory database, the same `runBatch` runs on the event loop's connection instead.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AttendanceStore, TimeTolerances } from './attendance-store.js';
import {
  fromWireError,
  fromWireOutcome,
  runBatch,
  type BatchOutcome,
  type CommitJob,
  type WireError,
} from './commit-jobs.js';
import type { BatchWriter } from './group-commit.js';

/** What the writer's own store needs to know of the settings. */
export interface WriterSettings {
  defaultCountry: string;
  tolerances: TimeTolerances;
}

export interface WriterOptions extends WriterSettings {
  busyTimeoutMs?: number;
}

/** Messages to the writer thread. */
export type ToWriter =
  | { type: 'batch'; id: number; jobs: CommitJob[] }
  | { type: 'configure'; settings: WriterSettings }
  | { type: 'close' };

/** Messages from the writer thread. */
export type FromWriter =
  | { type: 'ready' }
  | { type: 'batch'; id: number; outcome: BatchOutcome }
  | { type: 'openFailed'; error: unknown }
  | { type: 'closed' };

export interface WorkerData {
  dbPath: string;
  options: WriterOptions;
}

export interface StoreWriter {
  readonly write: BatchWriter;
  /** Where batches are written: `thread` (the writer thread) or `event-loop`. */
  readonly where: () => 'thread' | 'event-loop';
  /** The settings changed: the writer's store follows before the next batch. */
  configure(settings: WriterSettings): void;
  /** Closes the writer's connection (after the batches it holds); the owner's store closes after. */
  close(): Promise<void>;
}

/** The writer's bundle next to the app's bundles, or, when running from the sources (tests), in dist/. */
export function storeWriterScript(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'store-writer.js'), join(here, '..', '..', '..', 'dist', 'store-writer.js')];
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** On the event loop's connection: the fallback, and an in-memory database's only way. */
export function eventLoopWriter(store: AttendanceStore): StoreWriter {
  return {
    write: (jobs) => runBatch(store, jobs),
    where: () => 'event-loop',
    configure: () => {},
    close: async () => {},
  };
}

/**
 * Starts the writer thread on `store`'s database; batches go to `store` itself (the event loop)
 * if the thread cannot be started or stops.
 */
export function startStoreWriter(
  store: AttendanceStore,
  options: WriterOptions,
  log: (level: 'info' | 'warn' | 'error', message: string) => void,
  script: string | null = storeWriterScript(),
): StoreWriter {
  const fallback = eventLoopWriter(store);
  if (store.path === ':memory:' || store.path === '' || script === null) {
    if (script === null) log('warn', 'the store writer thread is not built; writing on the event loop');
    return fallback;
  }
  let worker: Worker | null;
  try {
    worker = new Worker(script, { workerData: { dbPath: store.path, options } satisfies WorkerData });
  } catch (error) {
    log('warn', `could not start the store writer thread (${(error as Error).message}); writing on the event loop`);
    return fallback;
  }
  let nextId = 1;
  const pending = new Map<
    number,
    { jobs: CommitJob[]; answer: (outcome: BatchOutcome | Promise<BatchOutcome>) => void }
  >();
  let closing: (() => void) | null = null;

  /** The thread is gone: what it held fails (the gateway delivers those again), the rest goes on the event loop. */
  const lost = (why: string): void => {
    if (!worker) return;
    const was = worker;
    worker = null;
    void was.terminate();
    if (!closing) log('error', `the store writer thread stopped (${why}); writing on the event loop`);
    const error = new Error(
      `the store writer thread stopped (${why}); nothing of the batch it held is known to be stored`,
    );
    for (const { answer } of pending.values()) answer({ ok: false, error });
    pending.clear();
    closing?.();
  };

  worker.on('message', (message: FromWriter) => {
    switch (message.type) {
      case 'batch': {
        const held = pending.get(message.id);
        pending.delete(message.id);
        held?.answer(fromWireOutcome(message.outcome));
        break;
      }
      case 'openFailed': {
        // Nothing was written by the thread: what it was sent is written on the event loop instead.
        const held = [...pending.values()];
        pending.clear();
        lost(`its connection did not open: ${fromWireError(message.error as WireError).message}`);
        for (const { jobs, answer } of held) answer(fallback.write(jobs));
        break;
      }
      case 'closed':
        worker = null;
        closing?.();
        break;
      case 'ready':
        break;
    }
  });
  worker.on('error', (error) => lost(error.message));
  worker.on('exit', (code) => lost(`exit code ${code}`));

  const post = (message: ToWriter): void => worker!.postMessage(message);
  return {
    write: (jobs) => {
      if (!worker) return fallback.write(jobs);
      const id = nextId++;
      return new Promise<BatchOutcome>((resolve) => {
        pending.set(id, { jobs, answer: resolve });
        post({ type: 'batch', id, jobs });
      });
    },
    where: () => (worker ? 'thread' : 'event-loop'),
    configure: (settings) => {
      if (worker) post({ type: 'configure', settings });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!worker) return resolve();
        closing = resolve;
        post({ type: 'close' });
      }),
  };
}
