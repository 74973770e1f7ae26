/** Every migration, in order. Append only: released migrations are never edited or removed. */
import { migration001 } from './001-initial.js';
import { migration002 } from './002-query-indexes.js';
import { migration003 } from './003-message-parts.js';
import { migration004 } from './004-reason-codes.js';
import { migration005 } from './005-counted-time.js';
import { migration006 } from './006-sealed-own-keys.js';
import { migration007 } from './007-timesheet.js';
import { migration008 } from './008-frozen-days.js';
import { migration009 } from './009-added-punch-corrections.js';
import { migration010 } from './010-fewer-event-indexes.js';
import type { Migration } from './migration.js';

export type { Migration };

export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
];
