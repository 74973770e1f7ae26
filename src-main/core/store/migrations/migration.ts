/**
 * The shape of one numbered migration, and what the migrations share. A migration is its schema
 * version, a name, the SQL that takes the schema there, and (where SQL alone cannot say it) a data
 * step run after the SQL in the same transaction.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** A data step after `sql`, in the same transaction (for what SQL alone cannot say). */
  readonly data?: (db: Database) => void;
}

/** Rows a data step reads per page by id: memory stays bounded however large the table. */
export const PAGE_ROWS = 10_000;

export function migration(version: number, name: string, sql: string, data?: (db: Database) => void): Migration {
  return data ? { version, name, sql, data } : { version, name, sql };
}
