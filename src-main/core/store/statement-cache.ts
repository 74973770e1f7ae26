/**
 * Prepared statements for queries whose WHERE clause depends on which filters are set. Each
 * distinct SQL text is prepared once; the number of variants is small and fixed by the code.
 */
import type { Database, Statement } from 'better-sqlite3';

export class StatementCache {
  private readonly statements = new Map<string, Statement<unknown[], unknown>>();

  constructor(private readonly db: Database) {}

  get<Row>(sql: string): Statement<unknown[], Row> {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, stmt);
    }
    return stmt as Statement<unknown[], Row>;
  }
}
