import { existsSync } from 'node:fs';
import { openStore, type AttendanceStore } from '../core/store/attendance-store.js';
import { UsageError } from './usage.js';
import { SETTINGS_DEFAULTS } from '../core/settings/settings-defaults.js';

/** Commands that read (export, status, employees) must not create an empty database by a typo. */
export function openExistingStore(path: string, defaultCountry: string = SETTINGS_DEFAULTS.defaultCountry): AttendanceStore {
  if (!existsSync(path)) throw new UsageError(`no database at '${path}' (serve creates it; check the path)`);
  return openStore(path, { defaultCountry });
}
