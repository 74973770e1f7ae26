/**
 * Shifts and their assignments (docs/attendance-rules.md section 2). A shift's hours are kept per
 * weekday as JSON (7 entries, Sunday first, null for a weekend day); exactly one shift is the
 * default (migration 7 seeds "Office" and a unique partial index keeps it one). Assignments give a
 * shift to one employee or one department from a date on; which one applies on a day is decided
 * by the pure rules (core/attendance/shift-for-day.ts).
 *
 * The methods here check their input and write; the store wraps each in a transaction with its
 * audit entry.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Shift, ShiftAssignment, ShiftDay, ShiftInput } from '../model.js';
import { ReasonError } from '../reason-error.js';
import { assertDate } from './dates.js';

interface ShiftRow {
  id: number;
  name: string;
  days: string;
  late_grace: number;
  early_grace: number;
  break_start: number | null;
  break_end: number | null;
  early_work_overtime: number;
  overtime_minimum: number;
  overtime_cap: number | null;
  is_default: number;
}

interface AssignmentRow {
  id: number;
  shift_id: number;
  employee_id: number | null;
  department: string | null;
  from_date: string;
}

type ShiftParams = [string, string, number, number, number | null, number | null, number, number, number | null];

export interface AssignInput {
  shiftId: number;
  target: ShiftAssignment['target'];
  /** YYYY-MM-DD */
  from: string;
}

const DAY_MINUTES = 24 * 60;

export class ShiftTable {
  private readonly all: Statement<[], ShiftRow>;
  private readonly byId: Statement<[number], ShiftRow>;
  private readonly insert: Statement<ShiftParams>;
  private readonly update: Statement<[...ShiftParams, number]>;
  private readonly remove: Statement<[number]>;
  private readonly clearDefault: Statement<[]>;
  private readonly setDefault: Statement<[number]>;
  private readonly assignmentsOf: Statement<[number], { n: number }>;
  private readonly allAssignments: Statement<[], AssignmentRow>;
  private readonly assignmentById: Statement<[number], AssignmentRow>;
  private readonly insertAssignment: Statement<[number, number | null, string | null, string]>;
  private readonly removeAssignmentStmt: Statement<[number]>;
  private readonly employeeExists: Statement<[number], { id: number }>;

  constructor(db: Database) {
    const columns =
      'id, name, days, late_grace, early_grace, break_start, break_end, early_work_overtime, overtime_minimum, overtime_cap, is_default';
    this.all = db.prepare(`SELECT ${columns} FROM shifts ORDER BY id`);
    this.byId = db.prepare(`SELECT ${columns} FROM shifts WHERE id = ?`);
    this.insert = db.prepare(
      `INSERT INTO shifts (name, days, late_grace, early_grace, break_start, break_end, early_work_overtime, overtime_minimum, overtime_cap)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.update = db.prepare(
      `UPDATE shifts SET name = ?, days = ?, late_grace = ?, early_grace = ?, break_start = ?, break_end = ?,
       early_work_overtime = ?, overtime_minimum = ?, overtime_cap = ? WHERE id = ?`,
    );
    this.remove = db.prepare('DELETE FROM shifts WHERE id = ?');
    this.clearDefault = db.prepare('UPDATE shifts SET is_default = 0 WHERE is_default = 1');
    this.setDefault = db.prepare('UPDATE shifts SET is_default = 1 WHERE id = ?');
    this.assignmentsOf = db.prepare('SELECT COUNT(*) AS n FROM shift_assignments WHERE shift_id = ?');
    const assignmentColumns = 'id, shift_id, employee_id, department, from_date';
    this.allAssignments = db.prepare(`SELECT ${assignmentColumns} FROM shift_assignments ORDER BY from_date, id`);
    this.assignmentById = db.prepare(`SELECT ${assignmentColumns} FROM shift_assignments WHERE id = ?`);
    this.insertAssignment = db.prepare(
      'INSERT INTO shift_assignments (shift_id, employee_id, department, from_date) VALUES (?, ?, ?, ?)',
    );
    this.removeAssignmentStmt = db.prepare('DELETE FROM shift_assignments WHERE id = ?');
    this.employeeExists = db.prepare('SELECT id FROM employees WHERE id = ?');
  }

  list(): Shift[] {
    return this.all.all().map(toShift);
  }

  get(id: number): Shift {
    const row = this.byId.get(id);
    if (!row) throw new ReasonError({ code: 'shift-not-found', params: { id } });
    return toShift(row);
  }

  /** The default shift (migration 7 guarantees there is one). */
  defaultShift(): Shift {
    const shift = this.list().find((s) => s.isDefault);
    if (!shift) throw new Error('the database has no default shift');
    return shift;
  }

  add(input: ShiftInput): Shift {
    const valid = validateShift(input);
    const id = Number(this.insert.run(...params(valid)).lastInsertRowid);
    return this.get(id);
  }

  /** Returns the shift before and after. */
  change(id: number, input: ShiftInput): { before: Shift; after: Shift } {
    const before = this.get(id);
    const valid = validateShift(input);
    this.update.run(...params(valid), id);
    return { before, after: this.get(id) };
  }

  /** Refuses the default shift and a shift still assigned (`shift-in-use`). */
  delete(id: number): Shift {
    const before = this.get(id);
    if (before.isDefault || (this.assignmentsOf.get(id)?.n ?? 0) > 0)
      throw new ReasonError({ code: 'shift-in-use', params: { id } });
    this.remove.run(id);
    return before;
  }

  /** Makes `id` the default; returns the former default and the new one. */
  makeDefault(id: number): { before: Shift; after: Shift } {
    const shift = this.get(id);
    const before = this.defaultShift();
    this.clearDefault.run();
    this.setDefault.run(shift.id);
    return { before, after: this.get(id) };
  }

  listAssignments(): ShiftAssignment[] {
    return this.allAssignments.all().map(toAssignment);
  }

  getAssignment(id: number): ShiftAssignment | null {
    const row = this.assignmentById.get(id);
    return row ? toAssignment(row) : null;
  }

  assign(input: AssignInput): ShiftAssignment {
    this.get(input.shiftId);
    assertDate(input.from, 'shift-invalid');
    let employeeId: number | null = null;
    let department: string | null = null;
    if (input.target.kind === 'employee') {
      employeeId = input.target.employeeId;
      if (!this.employeeExists.get(employeeId))
        throw new ReasonError({ code: 'employee-not-found', params: { id: employeeId } });
    } else {
      department = input.target.department.trim();
      if (department === '')
        throw new ReasonError({ code: 'shift-invalid', params: { detail: 'the department is empty' } });
    }
    const id = Number(this.insertAssignment.run(input.shiftId, employeeId, department, input.from).lastInsertRowid);
    return this.getAssignment(id)!;
  }

  unassign(id: number): void {
    this.removeAssignmentStmt.run(id);
  }
}

/** Checks a shift as the manager typed it; throws `shift-invalid` with the first problem. */
export function validateShift(input: ShiftInput): ShiftInput {
  const fail = (detail: string): never => {
    throw new ReasonError({ code: 'shift-invalid', params: { detail } });
  };
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '') fail('the name is empty');
  if (name.length > 100) fail('the name is longer than 100 characters');
  if (!Array.isArray(input.days) || input.days.length !== 7) fail('a shift has 7 weekdays');
  const days: (ShiftDay | null)[] = input.days.map((day, i) => {
    if (day === null) return null;
    if (!isMinute(day.start) || !isMinute(day.end)) fail(`weekday ${i}: times are minutes 0 … 1439`);
    if (day.start === day.end) fail(`weekday ${i}: the shift starts and ends at the same time`);
    return { start: day.start, end: day.end };
  });
  if (days.every((d) => d === null)) fail('a shift needs at least one workday');
  const minutes = (value: number, what: string, max = DAY_MINUTES): number =>
    Number.isInteger(value) && value >= 0 && value <= max ? value : fail(`${what} must be whole minutes 0 … ${max}`);
  let unpaidBreak: ShiftInput['unpaidBreak'] = null;
  if (input.unpaidBreak !== null && input.unpaidBreak !== undefined) {
    const { start, end } = input.unpaidBreak;
    if (!isMinute(start) || !isMinute(end) || end <= start)
      fail('the unpaid break is a start before its end, in minutes 0 … 1439');
    unpaidBreak = { start, end };
  }
  return {
    name,
    days,
    lateGraceMinutes: minutes(input.lateGraceMinutes, 'the late grace', 600),
    earlyGraceMinutes: minutes(input.earlyGraceMinutes, 'the early-leave grace', 600),
    unpaidBreak,
    earlyWorkIsOvertime: input.earlyWorkIsOvertime === true,
    overtimeMinimumMinutes: minutes(input.overtimeMinimumMinutes, 'the overtime minimum'),
    overtimeCapMinutes:
      input.overtimeCapMinutes === null ? null : minutes(input.overtimeCapMinutes, 'the overtime cap'),
  };
}

function isMinute(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < DAY_MINUTES;
}

function params(s: ShiftInput): ShiftParams {
  return [
    s.name,
    JSON.stringify(s.days),
    s.lateGraceMinutes,
    s.earlyGraceMinutes,
    s.unpaidBreak?.start ?? null,
    s.unpaidBreak?.end ?? null,
    s.earlyWorkIsOvertime ? 1 : 0,
    s.overtimeMinimumMinutes,
    s.overtimeCapMinutes,
  ];
}

function toShift(row: ShiftRow): Shift {
  return {
    id: row.id,
    name: row.name,
    days: JSON.parse(row.days) as (ShiftDay | null)[],
    lateGraceMinutes: row.late_grace,
    earlyGraceMinutes: row.early_grace,
    unpaidBreak:
      row.break_start === null || row.break_end === null ? null : { start: row.break_start, end: row.break_end },
    earlyWorkIsOvertime: row.early_work_overtime === 1,
    overtimeMinimumMinutes: row.overtime_minimum,
    overtimeCapMinutes: row.overtime_cap,
    isDefault: row.is_default === 1,
  };
}

function toAssignment(row: AssignmentRow): ShiftAssignment {
  return {
    id: row.id,
    shiftId: row.shift_id,
    target:
      row.employee_id !== null
        ? { kind: 'employee', employeeId: row.employee_id }
        : { kind: 'department', department: row.department ?? '' },
    from: row.from_date,
  };
}
