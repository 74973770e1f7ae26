/**
 * The backup taken before a migration changes an existing database, into the `backups` folder
 * beside it. At that moment the database has just been opened and nothing else runs on this
 * connection, so the copy is made synchronously with SQLite's `VACUUM INTO` (one consistent
 * snapshot written by SQLite, never a copy of the live file), then verified and recorded like
 * every other backup. A migration is not run without it: if the backup fails, opening fails and
 * the database is left as it was.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { appendBackupRecord, type BackupRecord } from './backup-log.js';
import { backupTarget, createPrivateFile, describeFailure, finishBackupFile, makeStandalone } from './take-backup.js';
import { countRows } from './verify-database.js';

export function defaultBackupDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

export class PreMigrationBackupError extends Error {
  override readonly name = 'PreMigrationBackupError';
}

export function backupBeforeMigration(
  db: BetterSqlite3.Database,
  dbPath: string,
  fromVersion: number,
  toVersion: number,
  now: () => number = Date.now,
): BackupRecord {
  const started = now();
  const { folder, file, partial } = backupTarget(defaultBackupDir(dbPath), started, 'pre-migration');
  let record: BackupRecord;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    createPrivateFile(partial);
    const counts = countRows(db);
    db.prepare('VACUUM INTO ?').run(partial);
    makeStandalone(partial);
    const verified = finishBackupFile(partial, file, counts);
    record = {
      at: now(),
      trigger: 'pre-migration',
      file,
      ok: true,
      schemaVersion: verified.schemaVersion,
      counts: verified.counts,
      bytes: verified.bytes,
      durationMs: now() - started,
    };
  } catch (error) {
    rmSync(partial, { force: true });
    record = {
      at: now(),
      trigger: 'pre-migration',
      file,
      ok: false,
      durationMs: now() - started,
      error: describeFailure(error),
    };
  }
  appendBackupRecord(dbPath, record);
  if (!record.ok) {
    throw new PreMigrationBackupError(
      `The database needs an upgrade (schema ${fromVersion} to ${toVersion}), and the backup taken before it failed: ${record.error}. Nothing was changed; free some disk space or check the folder '${folder}' and start again.`,
    );
  }
  return record;
}
