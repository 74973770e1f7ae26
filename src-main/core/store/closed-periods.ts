/**
 * Closed periods (docs/attendance-rules.md section 4): a closed period is frozen — no correction,
 * review decision, leave, holiday or shift assignment inside it — until it is reopened with a
 * reason. Reopening keeps the row (who closed it and who reopened it, and why, stay visible); a
 * period is in force while it has not been reopened.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ClosedPeriod } from '../model.js';
import { ReasonError } from '../reason-error.js';
import { assertDate } from './dates.js';

const COLUMNS = `id, from_date AS "from", to_date AS "to", closed_at AS closedAt, closed_by AS closedBy,
  reopened_at AS reopenedAt, reopened_by AS reopenedBy, reopen_why AS reopenWhy`;

export class ClosedPeriods {
  private readonly all: Statement<[], ClosedPeriod>;
  private readonly byId: Statement<[number], ClosedPeriod>;
  private readonly overlapping: Statement<[string, string], ClosedPeriod>;
  private readonly insert: Statement<[string, string, number, string]>;
  private readonly reopenStmt: Statement<[number, string, string, number]>;

  constructor(db: Database) {
    this.all = db.prepare(`SELECT ${COLUMNS} FROM closed_periods ORDER BY from_date DESC, id DESC`);
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM closed_periods WHERE id = ?`);
    this.overlapping = db.prepare(
      `SELECT ${COLUMNS} FROM closed_periods WHERE reopened_at IS NULL AND from_date <= ? AND to_date >= ? ORDER BY from_date LIMIT 1`,
    );
    this.insert = db.prepare(
      'INSERT INTO closed_periods (from_date, to_date, closed_at, closed_by) VALUES (?, ?, ?, ?)',
    );
    this.reopenStmt = db.prepare(
      'UPDATE closed_periods SET reopened_at = ?, reopened_by = ?, reopen_why = ? WHERE id = ? AND reopened_at IS NULL',
    );
  }

  list(): ClosedPeriod[] {
    return this.all.all();
  }

  get(id: number): ClosedPeriod | null {
    return this.byId.get(id) ?? null;
  }

  /** The closed period (in force) that overlaps from … to (inclusive), or null. */
  closedIn(from: string, to: string = from): ClosedPeriod | null {
    return this.overlapping.get(to, from) ?? null;
  }

  /** Throws `period-closed` when a day of from … to (inclusive) lies in a closed period. */
  assertOpen(from: string, to: string = from): void {
    const closed = this.closedIn(from, to);
    if (closed) throw new ReasonError({ code: 'period-closed', params: { from: closed.from, to: closed.to } });
  }

  /** Call inside a transaction. Refuses a range that is not dates in order, or overlaps a closed period. */
  close(range: { from: string; to: string }, meta: { who: string; now: number }): ClosedPeriod {
    assertDate(range.from, 'period-invalid');
    assertDate(range.to, 'period-invalid');
    if (range.to < range.from)
      throw new ReasonError({
        code: 'period-invalid',
        params: { detail: `the period ends (${range.to}) before it starts (${range.from})` },
      });
    const closed = this.closedIn(range.from, range.to);
    if (closed)
      throw new ReasonError({
        code: 'period-invalid',
        params: { detail: `it overlaps the closed period ${closed.from} … ${closed.to}` },
      });
    const id = Number(this.insert.run(range.from, range.to, meta.now, meta.who).lastInsertRowid);
    return this.byId.get(id)!;
  }

  /** Call inside a transaction. Needs a reason; refuses a period that does not exist or is not closed. */
  reopen(id: number, meta: { who: string; now: number; why?: string }): { before: ClosedPeriod; after: ClosedPeriod } {
    const why = meta.why?.trim() ?? '';
    if (why === '') throw new ReasonError({ code: 'period-invalid', params: { detail: 'reopening needs a reason' } });
    const before = this.byId.get(id);
    if (!before) throw new ReasonError({ code: 'period-invalid', params: { detail: `there is no period ${id}` } });
    if (before.reopenedAt !== null)
      throw new ReasonError({
        code: 'period-invalid',
        params: { detail: `the period ${before.from} … ${before.to} is not closed` },
      });
    this.reopenStmt.run(meta.now, meta.who, why, id);
    return { before, after: this.byId.get(id)! };
  }
}
