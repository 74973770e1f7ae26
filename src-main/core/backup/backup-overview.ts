/**
 * The backup panel's data (the contract's BackupOverview) from a running owner's backup service, and
 * the check a restore asked for from the app makes before anything is closed: the file must be one
 * of the listed backups and verify as a whole SMPP Attendance database.
 */
import { resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { BackupAttempt, BackupOverview } from '../model.js';
import type { BackupService } from './backup-service.js';
import type { BackupRecord } from './backup-log.js';
import { RestoreRefusedError } from './restore.js';
import { countRows, verifyDatabaseFile, type RowCounts } from './verify-database.js';

const shortCounts = (c: RowCounts): { messages: number; events: number; employees: number } => ({
  messages: c.messages,
  events: c.events,
  employees: c.employees,
});

function attempt(record: BackupRecord | null): BackupAttempt | null {
  if (!record) return null;
  return {
    at: record.at,
    file: record.file,
    ok: record.ok,
    trigger: record.trigger,
    ...(record.counts ? { counts: shortCounts(record.counts) } : {}),
    ...(record.error !== undefined ? { error: record.error } : {}),
  };
}

/** What the database holds now, read through a separate read-only connection (WAL lets it read beside the core). */
export function currentCounts(dbPath: string): { messages: number; events: number; employees: number } | null {
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
    return shortCounts(countRows(db));
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

export function backupOverview(backups: BackupService, dbPath: string, defaultDir: string): BackupOverview {
  const status = backups.status();
  return {
    dir: status.dir,
    defaultDir: resolve(defaultDir),
    time: status.time,
    lastGood: attempt(status.lastGood),
    lastAttempt: attempt(status.lastAttempt),
    stale: status.stale,
    nextDailyAt: status.nextDailyAt,
    files: backups.list().map((f) => ({ file: f.file, at: f.at, trigger: f.trigger, bytes: f.bytes })),
    database: { path: resolve(dbPath), counts: currentCounts(dbPath) },
  };
}

/**
 * Checks a backup the app was asked to restore, before the owner closes anything: one of the files
 * listed in the backup folder (the renderer names no other path), and whole. Throws RestoreRefusedError.
 */
export function checkBackupToRestore(
  backups: BackupService,
  file: string,
): { from: string; counts: { messages: number; events: number; employees: number } } {
  const from = resolve(file);
  if (!backups.list().some((f) => f.file === from))
    throw new RestoreRefusedError(`'${file}' is not one of the backups in ${backups.status().dir}`);
  const verified = verifyDatabaseFile(from);
  if (!verified.ok)
    throw new RestoreRefusedError(`'${file}' cannot be restored: ${verified.problem}. The database was not changed.`);
  return { from, counts: shortCounts(verified.counts) };
}
