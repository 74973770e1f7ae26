/**
 * SQLite failures as errors a user can act on. The inbound pipeline answers the gateway with a
 * temporary error when storing fails, and the owner shows `message` as a problem banner; `code`
 * keeps SQLite's extended code (SQLITE_FULL, SQLITE_BUSY, SQLITE_IOERR_WRITE, ...) for logs.
 */
import Database from 'better-sqlite3';

const FRIENDLY: [prefix: string, message: string][] = [
  ['SQLITE_FULL', 'The disk is full'],
  ['SQLITE_BUSY', 'The database is locked by another program'],
  ['SQLITE_LOCKED', 'The database is locked by another program'],
  ['SQLITE_READONLY', 'The database file is read-only'],
  ['SQLITE_IOERR', 'The database file could not be read or written (disk error)'],
  ['SQLITE_CORRUPT', 'The database file is damaged'],
  ['SQLITE_NOTADB', 'The file is not an SMPP Attendance database'],
  ['SQLITE_CANTOPEN', 'The database file cannot be opened'],
  ['SQLITE_PERM', 'The database file may not be written (permission denied)'],
  ['SQLITE_NOMEM', 'Out of memory while using the database'],
];

export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    message: string,
    /** SQLite's extended result code, e.g. `SQLITE_IOERR_WRITE`. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True for errors raised by SQLite itself (not our own validation errors). */
export function isSqliteError(error: unknown): error is InstanceType<typeof Database.SqliteError> {
  return error instanceof Database.SqliteError;
}

/** Wraps a SQLite error as a StorageError with a user-readable message; other errors pass through. */
export function toStorageError(error: unknown): unknown {
  if (error instanceof StorageError || !isSqliteError(error)) return error;
  const friendly = FRIENDLY.find(([prefix]) => error.code.startsWith(prefix))?.[1] ?? 'The database reported an error';
  return new StorageError(`${friendly} (${error.code}: ${error.message})`, error.code, { cause: error });
}

/** Runs `fn`, rethrowing SQLite errors as StorageError. */
export function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toStorageError(error);
  }
}
