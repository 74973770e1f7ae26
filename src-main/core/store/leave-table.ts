/**
 * Leave (docs/attendance-rules.md section 2): a whole day (paid, unpaid, sick, mission) or part of
 * a day (hourly leave, from … to in minutes after midnight) of one employee on one date.
 */
import type { Database, Statement } from 'better-sqlite3';
import { LEAVE_KINDS, type Leave, type LeaveInput } from '../model.js';
import { ReasonError } from '../reason-error.js';
import { assertDate } from './dates.js';
import { StatementCache } from './statement-cache.js';

interface LeaveRow {
  id: number;
  employeeId: number;
  date: string;
  kind: Leave['kind'];
  from: number | null;
  to: number | null;
  note: string;
}

const COLUMNS = 'id, employee_id AS employeeId, date, kind, from_minute AS "from", to_minute AS "to", note';

export class LeaveTable {
  private readonly byId: Statement<[number], LeaveRow>;
  private readonly insert: Statement<[number, string, string, number | null, number | null, string]>;
  private readonly remove: Statement<[number]>;
  private readonly employeeExists: Statement<[number], { id: number }>;
  private readonly cache: StatementCache;

  constructor(db: Database) {
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM leave WHERE id = ?`);
    this.insert = db.prepare(
      'INSERT INTO leave (employee_id, date, kind, from_minute, to_minute, note) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.remove = db.prepare('DELETE FROM leave WHERE id = ?');
    this.employeeExists = db.prepare('SELECT id FROM employees WHERE id = ?');
    this.cache = new StatementCache(db);
  }

  /** Leave of from … to (inclusive), by employee, date, id; of one employee when given. */
  list(q: { from: string; to: string; employeeId?: number }): Leave[] {
    if (q.employeeId !== undefined)
      return this.cache
        .get<LeaveRow>(
          `SELECT ${COLUMNS} FROM leave WHERE employee_id = ? AND date >= ? AND date <= ? ORDER BY date, id`,
        )
        .all(q.employeeId, q.from, q.to);
    return this.cache
      .get<LeaveRow>(`SELECT ${COLUMNS} FROM leave WHERE date >= ? AND date <= ? ORDER BY employee_id, date, id`)
      .all(q.from, q.to);
  }

  get(id: number): Leave {
    const row = this.byId.get(id);
    if (!row) throw new ReasonError({ code: 'leave-not-found', params: { id } });
    return row;
  }

  /** Checks and adds; throws `leave-invalid` or `employee-not-found`. */
  add(input: LeaveInput): Leave {
    const valid = validateLeave(input);
    if (!this.employeeExists.get(valid.employeeId))
      throw new ReasonError({ code: 'employee-not-found', params: { id: valid.employeeId } });
    const id = Number(
      this.insert.run(valid.employeeId, valid.date, valid.kind, valid.from, valid.to, valid.note).lastInsertRowid,
    );
    return this.get(id);
  }

  delete(id: number): Leave {
    const before = this.get(id);
    this.remove.run(id);
    return before;
  }
}

/** Throws `leave-invalid` with the first problem. */
export function validateLeave(input: LeaveInput): LeaveInput {
  const fail = (detail: string): never => {
    throw new ReasonError({ code: 'leave-invalid', params: { detail } });
  };
  if (!Number.isInteger(input.employeeId)) fail('no employee');
  assertDate(input.date, 'leave-invalid');
  if (!LEAVE_KINDS.includes(input.kind)) fail(`'${String(input.kind)}' is not a kind of leave`);
  const from = input.from ?? null;
  const to = input.to ?? null;
  if ((from === null) !== (to === null)) fail('hourly leave needs both its start and its end');
  if (from !== null && to !== null) {
    const minute = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 24 * 60;
    if (!minute(from) || !minute(to) || to <= from) fail('hourly leave is a start before its end, in minutes 0 … 1440');
  }
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (note.length > 500) fail('the note is longer than 500 characters');
  return { employeeId: input.employeeId, date: input.date, kind: input.kind, from, to, note };
}
