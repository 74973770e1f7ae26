/**
 * The data key that seals employees' own keys in the database (own-key-cipher.ts). It is kept
 * beside the database in `<database>.datakey`, never inside it, so a copied database file alone
 * opens no own key:
 *
 * - In the desktop app the file holds the data key encrypted by the OS keychain (Electron's
 *   safeStorage, a {@link SecretBox} of kind `keychain` or `weak`): the file is useless without
 *   the user's login.
 * - Where there is no keychain (the CLI, the browser preview) the file holds the data key itself,
 *   written with mode 0600: only the file's permissions protect it (and anyone who can read both
 *   the database and this file as the same user can read the own keys). The owner is told so.
 *
 * The file is created the first time a key has to be sealed, so databases without own keys never
 * get one. Losing it loses the own keys (not the attendance): the employees then need new keys.
 */
import { chmodSync, existsSync, linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../settings/secret-box.js';
import { DATA_KEY_BYTES } from './own-key-cipher.js';

/** What protects the data key: the OS keychain, safeStorage's fixed-password fallback, or only the file's permissions. */
export type DataKeyProtection = 'keychain' | 'weak' | 'file';

export interface DataKey {
  key: Buffer;
  protection: DataKeyProtection;
  path: string;
}

interface DataKeyFile {
  version: 1;
  /** `file`: `key` is the data key in base64; otherwise `key` is what the SecretBox made of it. */
  sealedBy: DataKeyProtection;
  key: string;
}

export class DataKeyUnavailableError extends Error {
  override readonly name = 'DataKeyUnavailableError';
}

export function dataKeyPath(dbPath: string): string {
  return `${dbPath}.datakey`;
}

/** Reads the data key of a database where no keychain is available (CLI, preview); creates it if `create`. */
export function loadDataKeyFromFile(dbPath: string, opts: { create: boolean }): DataKey | null {
  const path = dataKeyPath(dbPath);
  const stored = readDataKeyFile(path);
  if (stored === null) {
    if (!opts.create) return null;
    const key = randomBytes(DATA_KEY_BYTES);
    // Exclusive: when `serve` and an `employees set-key` create it at the same moment, one wins and both use its key.
    if (!createDataKeyFile(path, { version: 1, sealedBy: 'file', key: key.toString('base64') }))
      return loadDataKeyFromFile(dbPath, opts);
    return { key, protection: 'file', path };
  }
  if (stored.sealedBy !== 'file') {
    throw new DataKeyUnavailableError(
      `the employees' own keys of this database are protected by the desktop app's OS keychain (${path}); set, generate or use them in the app, or remove and set them again here`,
    );
  }
  return { key: checked(Buffer.from(stored.key, 'base64'), path), protection: 'file', path };
}

/**
 * The desktop app's way: the data key sealed by the OS keychain. A key file written by the CLI
 * (`file`) is taken over and sealed by the keychain from then on.
 */
export async function loadDataKeyWithBox(dbPath: string, box: SecretBox): Promise<DataKey> {
  if (box.kind === 'memory') {
    const fromFile = loadDataKeyFromFile(dbPath, { create: true });
    return fromFile!;
  }
  const path = dataKeyPath(dbPath);
  const stored = readDataKeyFile(path);
  let key: Buffer;
  if (stored === null) {
    key = randomBytes(DATA_KEY_BYTES);
  } else if (stored.sealedBy === 'file') {
    key = checked(Buffer.from(stored.key, 'base64'), path);
  } else {
    let opened;
    try {
      opened = await box.decrypt(stored.key);
    } catch (error) {
      throw new DataKeyUnavailableError(
        `the OS keychain cannot open the data key in ${path} (another user, or a changed keychain): ${(error as Error).message}`,
      );
    }
    key = checked(Buffer.from(opened.plaintext, 'base64'), path);
    if (!opened.reEncrypt) return { key, protection: box.kind, path };
  }
  writeDataKeyFile(path, { version: 1, sealedBy: box.kind, key: await box.encrypt(key.toString('base64')) });
  return { key, protection: box.kind, path };
}

function readDataKeyFile(path: string): DataKeyFile | null {
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DataKeyUnavailableError(`the data key file ${path} cannot be read: ${(error as Error).message}`);
  }
  const file = parsed as Partial<DataKeyFile>;
  if (
    file.version !== 1 ||
    typeof file.key !== 'string' ||
    !['keychain', 'weak', 'file'].includes(file.sealedBy as string)
  ) {
    throw new DataKeyUnavailableError(`the data key file ${path} is not one this version understands`);
  }
  return file as DataKeyFile;
}

/** Written to a temporary file with mode 0600 and renamed over, so a crash leaves the old file or the new one. */
function writeDataKeyFile(path: string, file: DataKeyFile): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file)}\n`, { mode: 0o600, flush: true });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** Creates the file only if there is none (a hard link of a complete temporary file, so it never exists half-written); false if one was there. */
function createDataKeyFile(path: string, file: DataKeyFile): boolean {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file)}\n`, { mode: 0o600, flush: true });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function checked(key: Buffer, path: string): Buffer {
  if (key.length !== DATA_KEY_BYTES)
    throw new DataKeyUnavailableError(`the data key in ${path} is damaged (${key.length} bytes)`);
  return key;
}
