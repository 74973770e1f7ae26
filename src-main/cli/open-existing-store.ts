import { existsSync } from 'node:fs';
import { openStore, type AttendanceStore } from '../core/store/attendance-store.js';
import { UsageError } from './usage.js';

/** Commands that read (export, status, employees) must not create an empty database by a typo. */
export function openExistingStore(path: string, defaultCountry = 'IR'): AttendanceStore {
  if (!existsSync(path)) throw new UsageError(`no database at '${path}' (serve creates it; check the path)`);
  return openStore(path, { defaultCountry });
}
