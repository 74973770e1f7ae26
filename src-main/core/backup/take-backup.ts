/**
 * Taking a backup of the live database with SQLite's online backup API (better-sqlite3's
 * `db.backup()`), never by copying the file: a copy of a database being written, or of its main
 * file without its WAL, may be torn or miss the last commits.
 *
 * The backup reads through its own read-only connection that holds ONE read transaction for the
 * whole copy: the copy is the database exactly as it was when that transaction began (with WAL the
 * writer goes on committing meanwhile and is never blocked), the row counts taken in the same
 * transaction are what the copy must hold, and the copy is never restarted by the writer's commits
 * (SQLite restarts a backup only when its source snapshot changes). Pages are copied a few hundred
 * at a time with a turn of the event loop between steps, so that a backup inside the process that
 * answers the gateway does not hold up its deliver_sm responses.
 *
 * The file is written as `.<name>.partial` (mode 0600, in a folder of mode 0700), switched to a
 * standalone file (rollback journal, not WAL), fsynced, verified (integrity check, schema, row
 * counts equal to the snapshot's), and only then renamed to its final name. Every attempt, good or
 * failed, is appended to the database's backup log.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { toStorageError } from '../store/storage-error.js';
import { appendBackupRecord, type BackupRecord, type BackupTrigger } from './backup-log.js';
import { countRows, verifyDatabaseFile, type RowCounts, type Verification } from './verify-database.js';
import { backupFileName } from './backup-files.js';

export interface BackupOptions {
  /** Pages copied per turn of the event loop. Default 256 (1 MiB with 4 KiB pages). */
  pagesPerStep?: number;
  now?: () => number;
  busyTimeoutMs?: number;
  /** Append the result to the database's backup log. Default true. */
  record?: boolean;
}

/**
 * Writes a verified backup of the database at `dbPath` into `dir` (created if missing) and returns
 * its record. Never throws for a failed backup: the record says `ok: false` and why.
 */
export async function takeBackup(dbPath: string, dir: string, trigger: BackupTrigger, opts: BackupOptions = {}): Promise<BackupRecord> {
  const now = opts.now ?? Date.now;
  const started = now();
  const { folder, file, partial } = backupTarget(dir, started, trigger);
  let record: BackupRecord;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const snapshot = await copyDatabase(dbPath, partial, opts);
    const verified = finishBackupFile(partial, file, snapshot.counts);
    record = { at: now(), trigger, file, ok: true, schemaVersion: verified.schemaVersion, counts: verified.counts, bytes: verified.bytes, durationMs: now() - started };
  } catch (error) {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
    record = { at: now(), trigger, file, ok: false, durationMs: now() - started, error: describeFailure(error) };
  }
  if (opts.record !== false) appendBackupRecord(dbPath, record);
  return record;
}

/**
 * Copies the database at `source` into the new file `dest` with the online backup API, from one
 * read snapshot; returns that snapshot's schema version and row counts. `dest` is standalone
 * (journal_mode DELETE) and mode 0600 when this resolves.
 */
export async function copyDatabase(source: string, dest: string, opts: { pagesPerStep?: number; busyTimeoutMs?: number } = {}): Promise<{ schemaVersion: number; counts: RowCounts }> {
  rmSync(dest, { force: true });
  closeSync(openSync(dest, 'wx', 0o600)); // SQLite keeps the mode of a file that exists
  chmodSync(dest, 0o600);
  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true, timeout: opts.busyTimeoutMs ?? 2_000 });
  let snapshot: { schemaVersion: number; counts: RowCounts };
  try {
    db.exec('BEGIN');
    // The first read starts the snapshot; the backup below copies from the same one.
    snapshot = { counts: countRows(db), schemaVersion: db.pragma('user_version', { simple: true }) as number };
    const pages = Math.max(1, Math.round(opts.pagesPerStep ?? 256));
    await db.backup(dest, { progress: () => pages });
    db.exec('COMMIT');
  } finally {
    db.close();
  }
  makeStandalone(dest);
  return snapshot;
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

/** Where a backup at `at` goes in `dir`, and its temporary name while being written. */
export function backupTarget(dir: string, at: number, trigger: BackupTrigger): { folder: string; file: string; partial: string } {
  const folder = resolve(dir);
  let file = join(folder, backupFileName(at, trigger));
  for (let n = 2; existsSync(file); n++) file = join(folder, backupFileName(at, trigger, n));
  return { folder, file, partial: join(folder, `.${basename(file)}.partial`) };
}

/**
 * Verifies the written copy `partial` (integrity, schema, row counts equal to `expected`), makes it
 * durable and renames it to `file`. Throws with the reason when it does not pass.
 */
export function finishBackupFile(partial: string, file: string, expected: RowCounts): Extract<Verification, { ok: true }> {
  const verified = verifyDatabaseFile(partial, { writable: true });
  if (!verified.ok) throw new Error(`the backup did not pass its check: ${verified.problem}`);
  const differing = (Object.keys(expected) as (keyof RowCounts)[]).filter((t) => expected[t] !== verified.counts[t]);
  if (differing.length > 0) {
    throw new Error(`the backup's row counts differ from the database's (${differing.map((t) => `${t}: ${verified.counts[t]} instead of ${expected[t]}`).join(', ')})`);
  }
  syncFile(partial);
  renameSync(partial, file);
  syncDirectory(dirname(file));
  return verified;
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
