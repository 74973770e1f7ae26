/**
 * Opening the database file with the settings the app's promise depends on.
 *
 * The app answers the SMSC's deliver_sm only after the transaction holding the message, event
 * and ack has committed; the gateway then forgets the message. So a commit must survive a power
 * cut: `synchronous=FULL` fsyncs the WAL on every commit (NORMAL, the usual WAL choice, may lose
 * the last commits on power loss, which here would lose attendance the gateway thinks we have).
 * WAL lets the views and exports read while messages are written. The file (and so its -wal and
 * -shm) is the owner's only, mode 0600 (core/private-files.ts).
 */
import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { latestSchemaVersion, migrate } from './migrate.js';
import { toStorageError } from './storage-error.js';
import { backupBeforeMigration } from '../backup/pre-migration-backup.js';
import { prepareDatabaseFile } from '../private-files.js';

export type Database = BetterSqlite3.Database;

/** How long a statement waits for another connection's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 2_000;

export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';

  constructor(
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `This database was written by a newer version of SMPP Attendance (schema ${fileVersion}; this version knows up to ${knownVersion}). ` +
        'Install the newer version or open another file.',
    );
  }
}

/**
 * Opens (creating if needed) and migrates the database at `path`. A file from a newer schema is
 * refused before anything is written to it: the version is read over a read-only connection first,
 * because switching to WAL or checkpointing would already change the file.
 */
export function openDatabase(path: string, opts: { busyTimeoutMs?: number } = {}): Database {
  if (path !== ':memory:' && existsSync(path)) {
    try {
      refuseIfTooNew(path);
    } catch (error) {
      throw toStorageError(error); // a damaged file (SQLITE_NOTADB, SQLITE_CORRUPT) fails here first
    }
  }
  let db: Database | undefined;
  try {
    prepareDatabaseFile(path);
    db = new BetterSqlite3(path, { timeout: opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS });
    // A newer version may have created the file between the check and here; check again before writing.
    assertKnownVersion(db.pragma('user_version', { simple: true }) as number);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (path !== ':memory:' && version > 0 && version < latestSchemaVersion())
      backupBeforeMigration(db, path, version, latestSchemaVersion());
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    throw toStorageError(error);
  }
}

/** Opens a read-only connection (for long reads such as exports, which must not block writers). */
export function openReadOnlyDatabase(path: string, opts: { busyTimeoutMs?: number } = {}): Database {
  try {
    const db = new BetterSqlite3(path, {
      readonly: true,
      fileMustExist: true,
      timeout: opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS,
    });
    try {
      assertKnownVersion(db.pragma('user_version', { simple: true }) as number);
    } catch (error) {
      db.close();
      throw error;
    }
    return db;
  } catch (error) {
    throw toStorageError(error);
  }
}

function refuseIfTooNew(path: string): void {
  const probe = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    assertKnownVersion(probe.pragma('user_version', { simple: true }) as number);
  } finally {
    probe.close();
  }
}

function assertKnownVersion(version: number): void {
  const known = latestSchemaVersion();
  if (version > known) throw new DatabaseTooNewError(version, known);
}
