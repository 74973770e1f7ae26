/**
 * A damaged database (a wrong header, SQLITE_NOTADB, SQLITE_CORRUPT) told in words, with the way
 * out: the newest good backup from the database's backup log, and the command that restores it.
 */
import { localMinute } from './backup-files.js';
import { StorageError, toStorageError } from '../store/storage-error.js';
import { lastGoodBackup, type BackupRecord } from './backup-log.js';

/** True for SQLite's "this file is damaged / not a database" failures. */
export function isDamagedDatabaseError(error: unknown): boolean {
  const wrapped = toStorageError(error);
  return (
    wrapped instanceof StorageError &&
    (wrapped.code.startsWith('SQLITE_CORRUPT') || wrapped.code.startsWith('SQLITE_NOTADB'))
  );
}

export interface DamageReport {
  dbPath: string;
  /** SQLite's code, e.g. SQLITE_CORRUPT. */
  code: string;
  newestGoodBackup: BackupRecord | null;
}

export function damageReport(dbPath: string, error: unknown): DamageReport {
  const wrapped = toStorageError(error);
  const code = wrapped instanceof StorageError ? wrapped.code : 'SQLITE_CORRUPT';
  return { dbPath, code, newestGoodBackup: lastGoodBackup(dbPath) };
}

/** The lines the command line prints for a damaged database. */
export function damagedDatabaseMessage(report: DamageReport, command = 'smpp-attendance'): string {
  const what = report.code.startsWith('SQLITE_NOTADB')
    ? 'is not a readable database (its header is wrong)'
    : 'is damaged';
  const lines = [`The database file '${report.dbPath}' ${what} (${report.code}).`];
  const b = report.newestGoodBackup;
  if (b) {
    const counts = b.counts ? `, ${b.counts.events} events, ${b.counts.employees} employees` : '';
    lines.push(`The newest good backup is '${b.file}' (taken ${localMinute(b.at)}${counts}).`);
    lines.push(`To put it back (the damaged file is kept beside it as a safety copy):`);
    lines.push(`  ${command} restore --db ${quote(report.dbPath)} --from ${quote(b.file)}`);
  } else {
    lines.push('No good backup of this database is recorded. If you have one, restore it with:');
    lines.push(`  ${command} restore --db ${quote(report.dbPath)} --from BACKUP-FILE`);
  }
  return `${lines.join('\n')}\n`;
}

function quote(path: string): string {
  return /^[\w./:\\-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
