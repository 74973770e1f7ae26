/**
 * Putting a backup back in place of the database.
 *
 * Order matters, so that a bad file or a running app never costs the current database:
 *  1. refuse while a live process holds the database (its lock file, see database-lock.ts);
 *  2. copy the chosen file next to the database (`<database>.restoring`, mode 0600) and verify
 *     THAT copy (integrity check, schema, tables), so what is checked is what goes in place;
 *     a bad file is refused here and the database has not been touched;
 *  3. keep the current database as a safety copy beside it: folded into one file first when it
 *     opens (its WAL checkpointed), moved aside as it is, WAL and all, when it is damaged;
 *  4. rename the verified copy into place and fsync the folder.
 */
import { chmodSync, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { databaseHolder, DatabaseInUseError } from './database-lock.js';
import { verifyDatabaseFile, type RowCounts } from './verify-database.js';
import { syncDirectory, syncFile } from './take-backup.js';
import { backupFileName } from './backup-files.js';

export class RestoreRefusedError extends Error {
  override readonly name = 'RestoreRefusedError';
}

export interface RestoreResult {
  dbPath: string;
  from: string;
  counts: RowCounts;
  schemaVersion: number;
  /** Where the database that was replaced now is; null when there was none. */
  safetyCopy: string | null;
}

export function restoreDatabase(dbPath: string, from: string, opts: { now?: () => number } = {}): RestoreResult {
  const now = opts.now ?? Date.now;
  const target = resolve(dbPath);
  const source = resolve(from);
  if (source === target) throw new RestoreRefusedError('the backup to restore is the database itself');
  const holder = databaseHolder(target);
  if (holder) throw new DatabaseInUseError(dbPath, holder);
  if (!existsSync(source)) throw new RestoreRefusedError(`there is no file '${from}'`);
  if (!existsSync(dirname(target)))
    throw new RestoreRefusedError(`the folder '${dirname(target)}' does not exist; create it first or check --db`);

  const staging = `${target}.restoring`;
  rmSync(staging, { force: true });
  let verified;
  try {
    copyFileSync(source, staging);
    chmodSync(staging, 0o600);
    verified = verifyDatabaseFile(staging, { writable: true });
    if (!verified.ok)
      throw new RestoreRefusedError(`'${from}' cannot be restored: ${verified.problem}. The database was not changed.`);
    syncFile(staging);
  } catch (error) {
    removeWithSidecars(staging);
    throw error;
  }

  let safetyCopy: string | null = null;
  if (existsSync(target)) {
    safetyCopy = `${target}.before-restore-${backupFileName(now(), 'manual').replace(/^attendance-|-manual\.db$/g, '')}`;
    foldWal(target);
    renameSync(target, safetyCopy);
    for (const suffix of ['-wal', '-shm', '-journal']) {
      if (existsSync(target + suffix)) renameSync(target + suffix, safetyCopy + suffix);
    }
  }
  renameSync(staging, target);
  syncDirectory(dirname(target));
  return { dbPath: target, from: source, counts: verified.counts, schemaVersion: verified.schemaVersion, safetyCopy };
}

/** Checkpoints a healthy database's WAL into its main file; leaves a damaged one as it is. */
function foldWal(path: string): void {
  if (!existsSync(`${path}-wal`)) return;
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(path, { fileMustExist: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // damaged: moved aside with its WAL as it is
  } finally {
    try {
      db?.close();
    } catch {
      // nothing more to do
    }
  }
}

function removeWithSidecars(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}
