import { existsSync } from 'node:fs';
import { openStore, type AttendanceStore } from '../core/store/attendance-store.js';
import type { OwnKeyCipher } from '../core/employees/own-key-cipher.js';
import { SETTINGS_DEFAULTS } from '../core/settings/settings-defaults.js';

/** A read-only command (status, export, employees list) on a path where there is no database. */
export class NoDatabaseError extends Error {
  override readonly name = 'NoDatabaseError';

  constructor(readonly path: string) {
    super(
      `there is no database at '${path}' yet. serve, employees add, employees import and punches import create it; check the path.`,
    );
  }
}

/** Commands that only read must not create an empty database by a typo. */
export function openExistingStore(
  path: string,
  defaultCountry: string = SETTINGS_DEFAULTS.defaultCountry,
  ownKeys?: () => OwnKeyCipher,
): AttendanceStore {
  if (!existsSync(path)) throw new NoDatabaseError(path);
  return openStore(path, { defaultCountry, ...(ownKeys ? { ownKeys } : {}) });
}

/** Commands that bring data in (employees add, employees import, punches import) create the database when it is missing. */
export function openOrCreateStore(
  path: string,
  defaultCountry: string = SETTINGS_DEFAULTS.defaultCountry,
): AttendanceStore {
  return openStore(path, { defaultCountry });
}
