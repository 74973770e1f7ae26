/** Every migration, in order. Append only: released migrations are never edited or removed. */
import { migration001 } from './001-initial.js';
import { migration002 } from './002-query-indexes.js';
import { migration003 } from './003-message-parts.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [migration001, migration002, migration003];
