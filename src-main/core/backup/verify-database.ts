/**
 * Checks that a file is a whole, readable SMPP Attendance database: the SQLite header, SQLite's
 * own `PRAGMA integrity_check` (every page, index and constraint), a schema version this build
 * knows, our tables, and their row counts. Used on every backup right after it is written and on
 * every file before a restore puts it in place.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { latestSchemaVersion } from '../store/migrate.js';
import { toStorageError } from '../store/storage-error.js';
import { inspectOpen, type Inspection } from './backup-worker.js';

/** The tables counted with every backup (the record itself; parts and settings are not counted). */
export const COUNTED_TABLES = ['employees', 'messages', 'events', 'acks'] as const;
export type RowCounts = Record<(typeof COUNTED_TABLES)[number], number>;

export type Verification =
  { ok: true; schemaVersion: number; counts: RowCounts; bytes: number } | { ok: false; problem: string };

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Reads the first bytes: false for a file that is not SQLite at all (or too short to be one). */
export function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

/** Row counts of COUNTED_TABLES on an open connection (inside the caller's snapshot, if any). */
export function countRows(db: BetterSqlite3.Database): RowCounts {
  const counts = {} as RowCounts;
  for (const table of COUNTED_TABLES)
    counts[table] = db.prepare<[], number>(`SELECT COUNT(*) FROM ${table}`).pluck().get() ?? 0;
  return counts;
}

/**
 * Verifies the database file at `path`. Opens it read-write only when `writable` (our own temporary
 * copies, which may still carry the WAL flag); otherwise read-only, never changing the file.
 */
export function verifyDatabaseFile(path: string, opts: { writable?: boolean } = {}): Verification {
  let bytes: number;
  try {
    bytes = statSync(path).size;
  } catch (error) {
    return {
      ok: false,
      problem: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    };
  }
  if (bytes === 0) return { ok: false, problem: 'the file is empty' };
  try {
    if (!hasSqliteHeader(path))
      return { ok: false, problem: 'the file is not an SQLite database (its header is wrong)' };
  } catch (error) {
    return {
      ok: false,
      problem: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    };
  }
  let db: BetterSqlite3.Database | undefined;
  try {
    db = new BetterSqlite3(path, { readonly: !opts.writable, fileMustExist: true });
    return judgeInspection(inspectOpen(db, [...COUNTED_TABLES]), bytes);
  } catch (error) {
    const wrapped = toStorageError(error);
    return { ok: false, problem: (wrapped as Error).message ?? String(error) };
  } finally {
    db?.close();
  }
}

/** What an inspection of a file (see backup-worker.ts) means for its use as a backup. */
export function judgeInspection(found: Inspection, bytes: number): Verification {
  if (found.integrity.length !== 1 || found.integrity[0] !== 'ok')
    return { ok: false, problem: `the file is damaged (integrity check: ${found.integrity.join('; ')})` };
  const known = latestSchemaVersion();
  if (found.schemaVersion > known) {
    return {
      ok: false,
      problem: `the file was written by a newer version of SMPP Attendance (schema ${found.schemaVersion}; this version knows up to ${known})`,
    };
  }
  const missing = COUNTED_TABLES.filter((t) => !found.tables.includes(t) || found.counts[t] === undefined);
  if (found.schemaVersion < 1 || missing.length > 0) {
    return {
      ok: false,
      problem: `the file is an SQLite database but not an SMPP Attendance one (missing ${missing.join(', ') || 'schema version'})`,
    };
  }
  const counts = {} as RowCounts;
  for (const t of COUNTED_TABLES) counts[t] = found.counts[t]!;
  return { ok: true, schemaVersion: found.schemaVersion, counts, bytes };
}
