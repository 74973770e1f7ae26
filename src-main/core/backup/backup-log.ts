/**
 * The record of every backup of a database, kept beside it as `<database>.backups.jsonl`: one JSON
 * line per attempt (good or failed), appended, never rewritten. It lives next to the database and
 * not in the backup folder so that every backup of this database (daily, before a migration, from
 * the command line into any folder) is found from the database's path alone, which is all a user
 * has when the database is damaged.
 */
import { appendFileSync, chmodSync, existsSync, readFileSync } from 'node:fs';
import type { RowCounts } from './verify-database.js';

export type BackupTrigger = 'daily' | 'manual' | 'pre-migration';

export interface BackupRecord {
  /** When the backup was finished (or failed), ms since the epoch. */
  at: number;
  trigger: BackupTrigger;
  /** Absolute path of the backup file (for a failed backup: the file it would have been). */
  file: string;
  /** Written and verified (integrity check passed, row counts equal to the database's at that moment). */
  ok: boolean;
  schemaVersion?: number;
  counts?: RowCounts;
  bytes?: number;
  durationMs: number;
  /** Where the copy and its check ran: on a worker thread, or on the main thread where no worker could start. */
  thread?: 'worker' | 'main';
  /** Why it failed, in words for the user. */
  error?: string;
}

export function backupLogPath(dbPath: string): string {
  return `${dbPath}.backups.jsonl`;
}

export function appendBackupRecord(dbPath: string, record: BackupRecord): void {
  const path = backupLogPath(dbPath);
  const created = !existsSync(path);
  appendFileSync(path, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  if (created) chmodSync(path, 0o600);
}

/** Every record, oldest first. Lines that are not a record (a torn last line) are skipped. */
export function readBackupLog(dbPath: string): BackupRecord[] {
  let text: string;
  try {
    text = readFileSync(backupLogPath(dbPath), 'utf8');
  } catch {
    return [];
  }
  const records: BackupRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const r = JSON.parse(line) as BackupRecord;
      if (typeof r.at === 'number' && typeof r.file === 'string' && typeof r.ok === 'boolean') records.push(r);
    } catch {
      // a line torn by a crash while appending
    }
  }
  return records;
}

/** The newest verified backup whose file is still there, or null. */
export function lastGoodBackup(dbPath: string): BackupRecord | null {
  const records = readBackupLog(dbPath);
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.ok && existsSync(r.file)) return r;
  }
  return null;
}

/** The newest attempt, good or not, or null. */
export function lastBackupAttempt(dbPath: string): BackupRecord | null {
  const records = readBackupLog(dbPath);
  return records[records.length - 1] ?? null;
}
