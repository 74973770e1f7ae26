/**
 * Backups as the app uses them: the daily backup into the chosen folder, "back up now", the list of
 * backups, the last good one and whether it is too old. One per running owner of the database (the
 * desktop app, the preview, `serve`). Restoring needs the database closed: the owner closes its
 * core, calls `restoreDatabase` (restore.ts) and opens it again.
 */
import { resolve } from 'node:path';
import { DailyBackupTimer, DEFAULT_BACKUP_TIME, nextDailyBackupAt, parseBackupTime } from './backup-schedule.js';
import {
  DEFAULT_RETENTION,
  listBackupFiles,
  pruneBackups,
  type BackupFile,
  type RetentionRule,
} from './backup-files.js';
import { lastBackupAttempt, lastGoodBackup, type BackupRecord, type BackupTrigger } from './backup-log.js';
import { takeBackup } from './take-backup.js';

/** A last good backup older than this is warned about. */
export const BACKUP_STALE_MS = 2 * 24 * 60 * 60_000;

export interface BackupServiceOptions {
  dbPath: string;
  /** The folder of the automatic backups. */
  dir: string;
  /** Daily time, HH:MM local. Default 13:00. */
  time?: string;
  retention?: RetentionRule;
  now?: () => number;
  /** Wait after start before the first (catch-up) backup. Default 0. */
  startDelayMs?: number;
  /** Told about every backup taken (good or failed) and every file pruned. */
  onBackup?: (record: BackupRecord, pruned: string[]) => void;
}

export interface BackupStatus {
  dir: string;
  time: string;
  lastGood: BackupRecord | null;
  lastAttempt: BackupRecord | null;
  /** No good backup, or the last good one is older than two days. */
  stale: boolean;
  /** When the next daily backup is due (now or earlier: due at once). */
  nextDailyAt: number;
}

export interface BackupService {
  /** Starts the daily timer. */
  start(): void;
  stop(): void;
  /** Takes a backup into the folder now (joins one already running), then applies the retention rule. */
  backupNow(trigger?: BackupTrigger): Promise<BackupRecord>;
  /** Backup files in the folder, newest first. */
  list(): BackupFile[];
  status(): BackupStatus;
  /** Changes the folder and/or the daily time; throws RangeError for a time that is not HH:MM. */
  configure(next: { dir?: string; time?: string }): void;
}

export function createBackupService(opts: BackupServiceOptions): BackupService {
  const now = opts.now ?? Date.now;
  const retention = opts.retention ?? DEFAULT_RETENTION;
  let dir = resolve(opts.dir);
  let time = opts.time ?? DEFAULT_BACKUP_TIME;
  parseBackupTime(time);
  let running: Promise<BackupRecord> | null = null;

  const backupNow = (trigger: BackupTrigger = 'manual'): Promise<BackupRecord> => {
    running ??= (async () => {
      try {
        const record = await takeBackup(opts.dbPath, dir, trigger, { now });
        let pruned: string[] = [];
        if (record.ok) {
          try {
            pruned = pruneBackups(dir, retention);
          } catch {
            // pruning again next time; the new backup is written
          }
        }
        opts.onBackup?.(record, pruned);
        return record;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const timer = new DailyBackupTimer({
    time: () => time,
    lastGoodAt: () => lastGoodBackup(opts.dbPath)?.at ?? null,
    run: async () => (await backupNow('daily')).ok,
    now,
    ...(opts.startDelayMs !== undefined ? { startDelayMs: opts.startDelayMs } : {}),
  });

  return {
    start: () => timer.start(),
    stop: () => timer.stop(),
    backupNow,
    list: () => listBackupFiles(dir),
    status() {
      const lastGood = lastGoodBackup(opts.dbPath);
      const at = now();
      return {
        dir,
        time,
        lastGood,
        lastAttempt: lastBackupAttempt(opts.dbPath),
        stale: lastGood === null || at - lastGood.at > BACKUP_STALE_MS,
        nextDailyAt: nextDailyBackupAt(time, lastGood?.at ?? null, at),
      };
    },
    configure(next) {
      if (next.time !== undefined) {
        parseBackupTime(next.time);
        time = next.time;
      }
      if (next.dir !== undefined) dir = resolve(next.dir);
      timer.reschedule();
    },
  };
}
