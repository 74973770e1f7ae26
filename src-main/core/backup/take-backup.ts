/**
 * Taking a backup of the live database with SQLite's online backup API (better-sqlite3's
 * `db.backup()`), never by copying the file: a copy of a database being written, or of its main
 * file without its WAL, may be torn or miss the last commits.
 *
 * The backup reads through its own read-only connection that holds ONE read transaction for the
 * whole copy: the copy is the database exactly as it was when that transaction began (with WAL the
 * writer goes on committing meanwhile and is never blocked), the row counts taken in the same
 * transaction are what the copy must hold, and the copy is never restarted by the writer's commits
 * (SQLite restarts a backup only when its source snapshot changes). The copy and its check run on
 * a worker thread (backup-worker.ts), so that a backup inside the process that answers the gateway
 * does not hold up its deliver_sm responses.
 *
 * The file is written as `.<name>.partial` (mode 0600, in a folder of mode 0700), switched to a
 * standalone file (rollback journal, not WAL), verified (integrity check, schema, row counts equal
 * to the snapshot's), fsynced, and only then renamed to its final name. Every attempt, good or
 * failed, is appended to the database's backup log.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { toStorageError } from '../store/storage-error.js';
import { appendBackupRecord, type BackupRecord, type BackupTrigger } from './backup-log.js';
import {
  COUNTED_TABLES,
  judgeInspection,
  verifyDatabaseFile,
  type RowCounts,
  type Verification,
} from './verify-database.js';
import { backupFileName } from './backup-files.js';
import { copyAndInspectOffThread } from './backup-worker.js';

export interface BackupOptions {
  /** Pages copied per step. Default 256 (1 MiB with 4 KiB pages). */
  pagesPerStep?: number;
  now?: () => number;
  busyTimeoutMs?: number;
  /** Append the result to the database's backup log. Default true. */
  record?: boolean;
  /** Run the copy on this thread instead of a worker (tests compare both). */
  inline?: boolean;
}

/**
 * Writes a verified backup of the database at `dbPath` into `dir` (created if missing) and returns
 * its record. Never throws for a failed backup: the record says `ok: false` and why.
 */
export async function takeBackup(
  dbPath: string,
  dir: string,
  trigger: BackupTrigger,
  opts: BackupOptions = {},
): Promise<BackupRecord> {
  const now = opts.now ?? Date.now;
  const started = now();
  const { folder, file, partial } = backupTarget(dir, started, trigger);
  let record: BackupRecord;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    createPrivateFile(partial);
    const outcome = await copyAndInspectOffThread(
      {
        source: dbPath,
        dest: partial,
        pagesPerStep: Math.max(1, Math.round(opts.pagesPerStep ?? 256)),
        syncEveryPages: 512,
        pauseMs: 4,
        busyTimeoutMs: opts.busyTimeoutMs ?? 2_000,
        tables: [...COUNTED_TABLES],
      },
      { inline: opts.inline === true },
    );
    chmodSync(partial, 0o600);
    const verified = judgeInspection(outcome.copy, statSync(partial).size);
    const expected = {} as RowCounts;
    for (const t of COUNTED_TABLES) expected[t] = outcome.snapshot.counts[t]!;
    const done = finishBackupFile(partial, file, expected, verified, { synced: true });
    record = {
      at: now(),
      trigger,
      file,
      ok: true,
      schemaVersion: done.schemaVersion,
      counts: done.counts,
      bytes: done.bytes,
      durationMs: now() - started,
      ...(outcome.ranOn ? { thread: outcome.ranOn } : {}),
    };
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    record = { at: now(), trigger, file, ok: false, durationMs: now() - started, error: describeFailure(error) };
  }
  if (opts.record !== false) appendBackupRecord(dbPath, record);
  return record;
}

/** Where a backup at `at` goes in `dir`, and its temporary name while being written. */
export function backupTarget(
  dir: string,
  at: number,
  trigger: BackupTrigger,
): { folder: string; file: string; partial: string } {
  const folder = resolve(dir);
  let file = join(folder, backupFileName(at, trigger));
  for (let n = 2; existsSync(file); n++) file = join(folder, backupFileName(at, trigger, n));
  return { folder, file, partial: join(folder, `.${basename(file)}.partial`) };
}

/** A new empty file of mode 0600 (SQLite keeps the mode of a file that exists). */
export function createPrivateFile(path: string): void {
  rmSync(path, { force: true });
  closeSync(openSync(path, 'wx', 0o600));
  chmodSync(path, 0o600);
}

/**
 * Checks the verification of the written copy `partial` (verified here when not given) and its row
 * counts against `expected`, makes it durable and renames it to `file`. Throws with the reason when
 * it does not pass.
 */
export function finishBackupFile(
  partial: string,
  file: string,
  expected: RowCounts,
  verification?: Verification,
  opts: { synced?: boolean } = {},
): Extract<Verification, { ok: true }> {
  const verified = verification ?? verifyDatabaseFile(partial, { writable: true });
  if (!verified.ok) throw new Error(`the backup did not pass its check: ${verified.problem}`);
  const differing = (Object.keys(expected) as (keyof RowCounts)[]).filter((t) => expected[t] !== verified.counts[t]);
  if (differing.length > 0) {
    throw new Error(
      `the backup's row counts differ from the database's (${differing.map((t) => `${t}: ${verified.counts[t]} instead of ${expected[t]}`).join(', ')})`,
    );
  }
  if (!opts.synced) syncFile(partial);
  renameSync(partial, file);
  syncDirectory(dirname(file));
  return verified;
}

/** A copy carries its source's WAL flag; makes it a file that stands alone (rollback journal), mode 0600. */
export function makeStandalone(path: string): void {
  const copy = new BetterSqlite3(path, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  chmodSync(path, 0o600);
}

export function describeFailure(error: unknown): string {
  const wrapped = toStorageError(error);
  if (wrapped instanceof Error) return wrapped.message;
  return String(error);
}

export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable (where the platform can fsync a directory). */
export function syncDirectory(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
