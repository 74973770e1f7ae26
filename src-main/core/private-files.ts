/**
 * Files at rest are the owner's only: the database and its -wal/-shm, settings, exports and backups
 * are created with mode 0600 and their folders 0700, whatever the umask. On Windows the modes mean
 * little (the user's profile folder is private by its ACL) and these calls do no harm there.
 */
import {
  chmodSync,
  closeSync,
  createWriteStream,
  existsSync,
  fchmodSync,
  fstatSync,
  mkdirSync,
  openSync,
  statSync,
  type WriteStream,
} from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Sets the mode of an existing file or folder; quietly does nothing on a file we may not change (another owner). */
function tighten(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // not ours, or a file system without modes: leave it
  }
}

/**
 * Before SQLite opens `dbPath` read-write: creates the file 0600 when missing (SQLite gives its
 * -wal and -shm files the database's mode), or takes group and world access away from an existing
 * database and its -wal/-shm.
 */
export function prepareDatabaseFile(dbPath: string): void {
  if (dbPath === ':memory:' || dbPath === '') return;
  try {
    closeSync(openSync(dbPath, 'wx', PRIVATE_FILE_MODE));
    tighten(dbPath, PRIVATE_FILE_MODE);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return; // SQLite will say what is wrong with the path
  }
  for (const path of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    if (existsSync(path) && statSync(path).isFile() && (statSync(path).mode & 0o077) !== 0)
      tighten(path, PRIVATE_FILE_MODE);
  }
}

/**
 * The app's own data folder, created 0700, and an existing one made 0700 when it is ours. Only
 * for a folder that belongs to the app alone (Electron's user-data folder): never a shared one,
 * and a sticky folder such as /tmp is left alone in any case.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const mode = statSync(dir).mode;
  if ((mode & 0o1000) === 0 && (mode & 0o077) !== 0) tighten(dir, PRIVATE_DIR_MODE);
}

/** A folder created 0700 when missing; an existing one is left as it is (it may be the user's). */
export function createPrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * A write stream to `path` (truncated), 0600 whether it is new or existed with another mode. A
 * path that is not a regular file (`/dev/stdout`, a pipe) keeps its mode.
 */
export function createPrivateWriteStream(path: string): WriteStream {
  const fd = openSync(path, 'w', PRIVATE_FILE_MODE);
  try {
    if (fstatSync(fd).isFile()) fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch {
    // not ours or no modes here: written as it is
  }
  return createWriteStream('', { fd });
}
