/**
 * SQLite failures as errors a user can act on. The inbound pipeline answers the gateway with a
 * temporary error when storing fails, and the owner shows `reason` in a problem banner; `code`
 * keeps SQLite's extended code (SQLITE_FULL, SQLITE_BUSY, SQLITE_IOERR_WRITE, ...) for logs.
 */
import Database from 'better-sqlite3';
import type { StorageReason } from '../model.js';
import { describeReason } from '../describe.js';

const REASON_OF: [prefix: string, code: StorageReason['code']][] = [
  ['SQLITE_FULL', 'disk-full'],
  ['SQLITE_BUSY', 'database-locked'],
  ['SQLITE_LOCKED', 'database-locked'],
  ['SQLITE_READONLY', 'database-read-only'],
  ['SQLITE_IOERR', 'disk-error'],
  ['SQLITE_CORRUPT', 'database-damaged'],
  ['SQLITE_NOTADB', 'not-a-database'],
  ['SQLITE_CANTOPEN', 'cannot-open-database'],
  ['SQLITE_PERM', 'database-permission-denied'],
  ['SQLITE_NOMEM', 'out-of-memory'],
];

export class StorageError extends Error {
  override readonly name = 'StorageError';

  constructor(
    message: string,
    /** SQLite's extended result code, e.g. `SQLITE_IOERR_WRITE`. */
    readonly code: string,
    /** What went wrong, for the problem banner in the user's language. */
    readonly reason: StorageReason,
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
  const code = REASON_OF.find(([prefix]) => error.code.startsWith(prefix))?.[1] ?? 'database-error';
  const reason: StorageReason = { code, params: { sqlite: error.code } };
  // The English message keeps SQLite's own words too, for logs and the CLI.
  const friendly = code === 'database-error' ? 'The database reported an error' : describeReason(reason);
  return new StorageError(`${friendly} (${error.code}: ${error.message})`, error.code, reason, { cause: error });
}

/** Runs `fn`, rethrowing SQLite errors as StorageError. */
export function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw toStorageError(error);
  }
}
