/**
 * A change of settings in the audit log (docs/attendance-rules.md section 4): the fields that
 * changed, before and after, except the secrets: a new password or key is written as "changed",
 * never itself.
 */
import type { AttendanceStore } from '../store/attendance-store.js';
import type { StoredSettings } from './settings-repository.js';

const SECRETS = new Set<string>(['password', 'key']);
/** Not a setting the manager changes: the app's own memory. */
const IGNORED = new Set<string>(['wasConnected']);

/** Appends one entry when something changed; nothing otherwise. */
export function auditSettings(store: AttendanceStore, before: StoredSettings, after: StoredSettings): void {
  const was: Record<string, unknown> = {};
  const is: Record<string, unknown> = {};
  for (const field of Object.keys(after) as (keyof StoredSettings)[]) {
    if (IGNORED.has(field)) continue;
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    if (SECRETS.has(field)) {
      was[field] = 'changed';
      is[field] = 'changed';
    } else {
      was[field] = before[field] ?? null;
      is[field] = after[field] ?? null;
    }
  }
  if (Object.keys(is).length === 0) return;
  store.appendAudit({
    entity: 'settings',
    action: 'update',
    subject: Object.keys(is).join(', '),
    before: was,
    after: is,
  });
}
