/**
 * What a long-running owner of the database (the desktop app, the preview) does around its core:
 * holds the database's lock file (so that `restore` refuses to swap the file under it) and runs
 * the daily backup. `serve` does the same with its own options and log.
 */
import { acquireDatabaseLock } from './database-lock.js';
import { createBackupService, type BackupService, type BackupServiceOptions } from './backup-service.js';

/** The first daily backup waits this long after start, so that the gateway first delivers what it held. */
export const BACKUP_START_DELAY_MS = 5 * 60_000;

export interface DatabaseOwnership {
  backups: BackupService;
  /** Stops the daily backup and releases the lock (call after the core has closed the database). */
  release(): void;
}

/** Throws DatabaseInUseError when another live process holds the database. */
export function ownDatabase(owner: string, opts: BackupServiceOptions & { onlyInstance?: boolean }): DatabaseOwnership {
  const { onlyInstance, ...backupOptions } = opts;
  const releaseLock = acquireDatabaseLock(opts.dbPath, owner, { onlyInstance: onlyInstance === true });
  const backups = createBackupService({ startDelayMs: BACKUP_START_DELAY_MS, ...backupOptions });
  backups.start();
  return {
    backups,
    release() {
      backups.stop();
      releaseLock();
    },
  };
}
