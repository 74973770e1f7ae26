/**
 * "This database is in use by a running app": a lock file `<database>.lock` holding the owner's
 * process id, written by the long-running owners (`serve`, the desktop app, the preview) while
 * they hold the database open, and checked by `restore`, which must not swap the file under them.
 *
 * Why a pid file and not SQLite's own locks: with WAL, a connection that is merely open holds no
 * lock another process could test for without disturbing it, and taking the database in exclusive
 * locking mode would stop `status` and `export` from reading while `serve` runs. A lock file whose
 * process is gone (a crash, a power cut) is stale and ignored. The file is created with O_EXCL, so
 * of two owners starting at once exactly one gets it.
 */
import { localMinute } from './backup-files.js';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';

export interface LockInfo {
  pid: number;
  /** What holds it: 'serve', 'desktop app', 'preview'. */
  owner: string;
  since: number;
  host: string;
  /** When the machine started (ms, to the minute): a lock from before a restart is stale whatever its pid. */
  boot?: number;
}

/** The machine's start time, rounded to the minute (uptime and the clock drift apart a little). */
function bootTime(): number {
  return Math.round((Date.now() - uptime() * 1000) / 60_000) * 60_000;
}

export function lockFilePath(dbPath: string): string {
  return `${dbPath}.lock`;
}

export class DatabaseInUseError extends Error {
  override readonly name = 'DatabaseInUseError';

  constructor(
    readonly dbPath: string,
    readonly holder: LockInfo,
  ) {
    super(
      `the database '${dbPath}' is in use by ${holder.owner} (process ${holder.pid}, since ${localMinute(holder.since)}). ` +
        `Stop it first (Ctrl+C in its terminal, or Quit in the app). If nothing is running, delete '${lockFilePath(dbPath)}'.`,
    );
  }
}

/** The live holder of the database, or null (no lock file, or its process is gone). */
export function databaseHolder(dbPath: string): LockInfo | null {
  let info: LockInfo;
  try {
    info = JSON.parse(readFileSync(lockFilePath(dbPath), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
  if (!Number.isInteger(info.pid) || info.pid <= 0) return null;
  if (info.host && info.host !== hostname()) return info; // another machine's process: cannot tell, so assume alive
  if (info.boot !== undefined && Math.abs(info.boot - bootTime()) > 2 * 60_000) return null; // written before a restart
  return processAlive(info.pid) ? info : null;
}

/**
 * Takes the lock for this process; throws DatabaseInUseError when a live process holds it.
 * Returns the function that releases it (idempotent).
 */
export function acquireDatabaseLock(dbPath: string, owner: string, opts: { onlyInstance?: boolean } = {}): () => void {
  const path = lockFilePath(dbPath);
  const info: LockInfo = { pid: process.pid, owner, since: Date.now(), host: hostname(), boot: bootTime() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify(info));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = databaseHolder(dbPath);
      // `onlyInstance`: the caller knows no other instance of itself runs (the desktop app's single-instance
      // lock), so a lock of the same owner is left over from a crash even if its pid now belongs to another process.
      const leftOver = opts.onlyInstance === true && holder?.owner === owner;
      if (holder && holder.pid !== process.pid && !leftOver) throw new DatabaseInUseError(dbPath, holder);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      const current = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
      if (current.pid === process.pid) rmSync(path, { force: true });
    } catch {
      // already gone
    }
  };
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}
