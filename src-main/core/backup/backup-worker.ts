/**
 * The heavy part of a backup — the page copy, `PRAGMA integrity_check` and the row counts, which
 * take seconds on a large database — runs on a worker thread, so that the process that answers
 * the gateway (serve, the app) keeps answering deliver_sm while a backup is taken. Only the small
 * steps (names, rename, fsync, the log) stay on the main thread.
 *
 * The worker runs `copyAndInspect` from its source text (an eval worker), loading better-sqlite3
 * from the path this module resolves, so it needs no file of its own in the bundles and loads the
 * same native build as the main thread (Node's in the CLI, Electron's in the app). If a worker
 * cannot be started there, the same function runs on the main thread.
 */
import * as nodeFs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { betterSqlitePath } from '../store/better-sqlite-path.js';
import BetterSqlite3 from 'better-sqlite3';

export interface Inspection {
  integrity: string[];
  schemaVersion: number;
  tables: string[];
  /** Row counts of the requested tables that exist. */
  counts: Record<string, number>;
}

export interface CopyJob {
  source: string;
  dest: string;
  pagesPerStep: number;
  /** fsync the copy after about this many pages, so that no large flush at the end stalls the app's own commits. */
  syncEveryPages: number;
  /** Pause after each step (worker only), leaving the disk to the app's own commits between steps. */
  pauseMs: number;
  busyTimeoutMs: number;
  tables: string[];
}

export interface CopyOutcome {
  /** What the source held in the snapshot that was copied. */
  snapshot: { schemaVersion: number; counts: Record<string, number> };
  /** What the copy holds, read back from the file. */
  copy: Inspection;
  /** Where the copy ran (set by copyAndInspectOffThread). */
  ranOn?: 'worker' | 'main';
}

type Db = BetterSqlite3.Database;
type DbClass = typeof BetterSqlite3;

/** Integrity, version, tables and counts of an open database. Self-contained: it also runs in the worker. */
export function inspectOpen(db: Db, tables: string[]): Inspection {
  const integrity = db.prepare('PRAGMA integrity_check(5)').pluck().all() as string[];
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  const present = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const counts: Record<string, number> = {};
  if (integrity.length === 1 && integrity[0] === 'ok') {
    for (const t of tables)
      if (present.includes(t)) counts[t] = db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number;
  }
  return { integrity, schemaVersion, tables: present, counts };
}

/**
 * Copies `job.source` into the existing empty file `job.dest` with the online backup API from ONE
 * read transaction (the counts are taken in the same snapshot), makes the copy a standalone file
 * and inspects it. Self-contained: it also runs in the worker, from its source text.
 */
export async function copyAndInspect(
  Database: DbClass,
  job: CopyJob,
  inspect: typeof inspectOpen,
  sync: (path: string) => void,
  pause: (ms: number) => void,
): Promise<CopyOutcome> {
  const db = new Database(job.source, { readonly: true, fileMustExist: true, timeout: job.busyTimeoutMs });
  let snapshot: CopyOutcome['snapshot'];
  try {
    db.exec('BEGIN');
    const counts: Record<string, number> = {};
    for (const t of job.tables) counts[t] = db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number;
    snapshot = { schemaVersion: db.pragma('user_version', { simple: true }) as number, counts };
    let unsynced = 0;
    await db.backup(job.dest, {
      progress: () => {
        unsynced += job.pagesPerStep;
        if (unsynced >= job.syncEveryPages) {
          sync(job.dest);
          unsynced = 0;
        }
        if (job.pauseMs > 0) pause(job.pauseMs);
        return job.pagesPerStep;
      },
    });
    db.exec('COMMIT');
  } finally {
    db.close();
  }
  const copy = new Database(job.dest, { fileMustExist: true });
  let copied: Inspection;
  try {
    copy.pragma('journal_mode = DELETE'); // the copy carries the source's WAL flag; make it stand alone
    copied = inspect(copy, job.tables);
  } finally {
    copy.close();
  }
  sync(job.dest);
  return { snapshot, copy: copied };
}

/** fsync of a file by path. Self-contained: it also runs in the worker (given `fs`). */
export function syncPath(fs: Pick<typeof nodeFs, 'openSync' | 'fsyncSync' | 'closeSync'>, path: string): void {
  const fd = fs.openSync(path, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const inspect = ${inspectOpen.toString()};
const run = ${copyAndInspect.toString()};
const syncPath = ${syncPath.toString()};
const fs = require('node:fs');
const gate = new Int32Array(new SharedArrayBuffer(4));
run(Database, workerData.job, inspect, (path) => syncPath(fs, path), (ms) => Atomics.wait(gate, 0, 0, ms)).then(
  (outcome) => parentPort.postMessage({ outcome }),
  (error) => parentPort.postMessage({ error: { message: String(error && error.message), code: error && error.code } }),
);
`;

/** Runs the copy on a worker thread (on this thread if no worker can be started). */
export async function copyAndInspectOffThread(job: CopyJob, opts: { inline?: boolean } = {}): Promise<CopyOutcome> {
  const path = opts.inline ? null : betterSqlitePath();
  const onMain = async (): Promise<CopyOutcome> => ({
    ...(await copyAndInspect(
      BetterSqlite3,
      job,
      inspectOpen,
      (file) => syncPath(nodeFs, file),
      () => {},
    )),
    ranOn: 'main',
  }); // never sleeps on this thread
  if (path === null) return onMain();
  const answer = await new Promise<{ outcome?: CopyOutcome; error?: { message: string; code?: string } } | null>(
    (resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath: path, job } });
      } catch {
        resolve(null);
        return;
      }
      let settled = false;
      worker.once('message', (m: { outcome?: CopyOutcome; error?: { message: string; code?: string } }) => {
        settled = true;
        resolve(m);
      });
      worker.once('error', () => {
        if (!settled) resolve(null);
        settled = true;
      });
      worker.once('exit', () => {
        if (!settled) resolve(null);
        settled = true;
      });
    },
  );
  if (answer === null) return onMain(); // no worker here: on this thread
  if (answer.error) {
    throw answer.error.code?.startsWith('SQLITE_')
      ? new BetterSqlite3.SqliteError(answer.error.message, answer.error.code)
      : new Error(answer.error.message);
  }
  return { ...answer.outcome!, ranOn: 'worker' };
}
