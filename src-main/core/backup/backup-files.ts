/**
 * Backup files in a folder: their names (`attendance-2026-11-29_130000-daily.db`, local time so
 * that the manager reads them), the listing, and the retention rule that decides which ones an
 * automatic backup folder keeps. Only files with this name pattern are ever listed or deleted:
 * anything else in the folder is left alone.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BackupTrigger } from './backup-log.js';

const NAME = /^attendance-(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})(\d{2})-(daily|manual|pre-migration)(?:-(\d+))?\.db$/;

export function backupFileName(at: number, trigger: BackupTrigger, n?: number): string {
  const d = new Date(at);
  const p = (v: number): string => String(v).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}_${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
  return `attendance-${stamp}-${trigger}${n ? `-${n}` : ''}.db`;
}

/** `2026-11-29 13:00` in local time, as messages show a moment to the user. */
export function localMinute(at: number): string {
  const d = new Date(at);
  const p = (v: number): string => String(v).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export interface BackupFile {
  file: string;
  /** The local time in its name, ms. */
  at: number;
  trigger: BackupTrigger;
  bytes: number;
}

/** The backup files in `dir`, newest first (empty when the folder does not exist). */
export function listBackupFiles(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: BackupFile[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    const at = new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!).getTime();
    let bytes: number;
    try {
      const st = statSync(join(dir, name));
      if (!st.isFile()) continue;
      bytes = st.size;
    } catch {
      continue;
    }
    files.push({ file: resolve(dir, name), at, trigger: m[7] as BackupTrigger, bytes });
  }
  return files.sort((a, b) => b.at - a.at || b.file.localeCompare(a.file));
}

/** How many backups an automatic backup folder keeps. */
export interface RetentionRule {
  /** The newest backup of each of the last `daily` days that have one. */
  daily: number;
  /** The newest of each of the last `weekly` weeks (Monday to Sunday). */
  weekly: number;
  /** The newest of each of the last `monthly` months. */
  monthly: number;
  /** The newest `preMigration` backups taken before a migration, kept apart from the rule above. */
  preMigration: number;
}

export const DEFAULT_RETENTION: RetentionRule = { daily: 7, weekly: 4, monthly: 12, preMigration: 3 };

/** The files of `files` that the rule does not keep. Pure: decides, deletes nothing. */
export function backupsToPrune(files: readonly BackupFile[], rule: RetentionRule = DEFAULT_RETENTION): BackupFile[] {
  const newestFirst = [...files].sort((a, b) => b.at - a.at || b.file.localeCompare(a.file));
  const keep = new Set<string>();
  const regular = newestFirst.filter((f) => f.trigger !== 'pre-migration');
  for (const f of newestFirst.filter((f) => f.trigger === 'pre-migration').slice(0, rule.preMigration))
    keep.add(f.file);
  const bucket = (key: (at: number) => string, count: number): void => {
    const seen = new Set<string>();
    for (const f of regular) {
      const k = key(f.at);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(f.file);
    }
  };
  bucket(dayKey, rule.daily);
  bucket(weekKey, rule.weekly);
  bucket(monthKey, rule.monthly);
  return newestFirst.filter((f) => !keep.has(f.file));
}

/** Deletes what the rule does not keep in `dir`; returns the files deleted. */
export function pruneBackups(dir: string, rule: RetentionRule = DEFAULT_RETENTION): string[] {
  const doomed = backupsToPrune(listBackupFiles(dir), rule);
  for (const f of doomed) rmSync(f.file, { force: true });
  return doomed.map((f) => f.file);
}

function dayKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

function monthKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${d.getMonth()}`;
}

/** The local date of the Monday that starts the week of `at`. */
function weekKey(at: number): string {
  const d = new Date(at);
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return dayKey(d.getTime());
}
