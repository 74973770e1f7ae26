/**
 * The timesheet read (docs/attendance-rules.md sections 3 and 5): loads the inputs of the pure
 * rules with few queries and computes each employee's days with buildEmployeeDays.
 *
 * Per call: the shifts, assignments, holidays, leave, connection history and the unreviewed
 * punches whose reported time may fall in the range (one scan of the small flagged index). Then,
 * a slice of employees at a time (SLICE ids), their punches of the range and one day either side
 * in two queries: the events without a correction (from the covering index events_employee_at) and the corrections in
 * force that add or replace a punch (on corrections_employee_at); and the voided punches, whose
 * day is marked corrected (by the calendar day of the punch voided). Nothing is kept between slices,
 * so an export of thousands of employees holds one slice of punches at a time.
 *
 * A closed period is frozen (docs/attendance-rules.md section 4): closing writes its computed day
 * results to `frozen_days` (`freeze`), and every read returns those for the days inside a frozen
 * period (an employee with no frozen row there has no day there) and computes the others.
 */
import type { Database, Statement } from 'better-sqlite3';
import {
  REVIEW_FLAGS,
  type AttendanceStatus,
  type ClosedPeriod,
  type ConnectionInterval,
  type DayResult,
  type Employee,
  type Leave,
  type Punch,
  type PunchFlag,
  type PunchSource,
  type Shift,
  type ShiftAssignment,
  type TimesheetRow,
} from '../model.js';
import { readFlags } from '../attendance/counted-time.js';
import { addDays, localDateOf, localDay } from '../attendance/calendar.js';
import { buildEmployeeDays, holidayMap, summarize } from '../attendance/timesheet.js';
import { IN_FORCE, NOT_CORRECTED } from './corrections.js';
import type { EmployeeTable } from './employee-table.js';
import type { ShiftTable } from './shift-table.js';
import type { HolidayTable } from './holiday-table.js';
import type { LeaveTable } from './leave-table.js';
import type { ConnectionHistory } from './connection-history.js';
import { assertDate } from './dates.js';

/** Employees whose punches are read together. */
const SLICE = 250;

export interface TimesheetFilter {
  /** YYYY-MM-DD, both included. */
  from: string;
  to: string;
  search?: string;
  department?: string;
  employeeIds?: readonly number[];
}

interface PunchRow {
  id: number;
  employeeId: number;
  status: AttendanceStatus;
  at: number;
  occurredAt: number | null;
  flags: string | null;
}

type EventTuple = [
  id: number,
  employeeId: number,
  status: AttendanceStatus,
  at: number,
  occurredAt: number | null,
  flags: string | null,
];

interface CorrectionPunchRow extends PunchRow {
  eventId: number | null;
  source: 'manual' | 'import';
}

/** What every employee of one read shares. */
interface Shared {
  from: string;
  to: string;
  shifts: Shift[];
  assignments: ShiftAssignment[];
  defaultShift: Shift;
  holidays: Map<string, string>;
  leave: Map<number, Leave[]>;
  connection: ConnectionInterval[];
  reportedElsewhere: Map<number, Punch[]>;
  /** Events that have a correction (left out: their correction in force, if any, counts instead). */
  corrected: Set<number>;
  /** Counted times of the punches read: local midnight of from − 1 … of to + 2. */
  fromMs: number;
  toMs: number;
  now: number;
  /** The frozen periods (in force) overlapping the range: their days are read, not computed. */
  frozen: FrozenPeriod[];
  /** No day of the range lies outside the frozen periods. */
  allFrozen: boolean;
}

interface FrozenPeriod {
  id: number;
  from: string;
  to: string;
}

export class TimesheetReader {
  private readonly events: Statement<[string, number, number], EventTuple>;
  private readonly correctedIds: Statement<[], number>;
  private readonly corrections: Statement<[string, number, number], CorrectionPunchRow>;
  private readonly reported: Statement<[number, number, number, number], PunchRow>;
  private readonly voided: Statement<
    [string, number, number, string, number, number],
    { employeeId: number; at: number }
  >;
  private readonly frozenPeriods: Statement<[string, string], FrozenPeriod>;
  private readonly frozenDays: Statement<[number, string], { employeeId: number; days: string }>;
  private readonly insertFrozen: Statement<[number, number, string]>;
  private readonly markFrozen: Statement<[number]>;
  private readonly frozenEmployees: Statement<[string], number>;
  private readonly deleteFrozen: Statement<[number]>;

  constructor(
    db: Database,
    private readonly tables: {
      employees: EmployeeTable;
      shifts: ShiftTable;
      holidays: HolidayTable;
      leave: LeaveTable;
      history: ConnectionHistory;
    },
  ) {
    // No ORDER BY: each employee's punches come off the index in time order, and sorting the whole
    // slice in SQL would cost a temporary b-tree; they are grouped (and checked in order) in JS.
    // Read from the covering index alone, as arrays (no object per row); the corrected punches are
    // left out in JS by the ids of `correctedIds`, read once per call (cheaper than a probe per row).
    this.events = db
      .prepare<[string, number, number], EventTuple>(
        `SELECT e.id, e.employee_id, e.status, e.at, e.occurred_at, e.flags
         FROM events e
         WHERE e.employee_id IN (SELECT value FROM json_each(?)) AND e.at >= ? AND e.at < ?`,
      )
      .raw(true);
    this.correctedIds = db
      .prepare<[], number>('SELECT DISTINCT event_id FROM corrections WHERE event_id IS NOT NULL')
      .pluck();
    this.corrections = db.prepare(
      `SELECT c.id, c.event_id AS eventId, c.employee_id AS employeeId, c.status, c.at, c.source,
              ev.occurred_at AS occurredAt, ev.flags
       FROM corrections c LEFT JOIN events ev ON ev.id = c.event_id
       WHERE c.employee_id IN (SELECT value FROM json_each(?)) AND c.at >= ? AND c.at < ? AND ${IN_FORCE}`,
    );
    // Punches voided (by the correction in force), recorded or added: no punch is left of them, but their day was corrected.
    this.voided = db.prepare(
      `SELECT e.employee_id AS employeeId, e.at FROM corrections c JOIN events e ON e.id = c.event_id
       WHERE c.kind = 'void' AND ${IN_FORCE} AND e.employee_id IN (SELECT value FROM json_each(?)) AND e.at >= ? AND e.at < ?
       UNION ALL
       SELECT a.employee_id, a.at FROM corrections a JOIN corrections c ON c.corrects_id = a.id
       WHERE a.kind = 'add' AND a.employee_id IN (SELECT value FROM json_each(?)) AND a.at >= ? AND a.at < ?
         AND c.kind = 'void' AND ${IN_FORCE}`,
    );
    // Unreviewed flagged punches counted outside the range whose reported time lies inside it:
    // read on the partial index of flagged events (few), whatever the employee.
    this.reported = db.prepare(
      `SELECT e.id, e.employee_id AS employeeId, e.status, e.at, e.occurred_at AS occurredAt, e.flags
       FROM events e INDEXED BY events_flagged
       WHERE e.flags IS NOT NULL AND e.employee_id IS NOT NULL AND e.occurred_at >= ? AND e.occurred_at < ?
         AND (e.at < ? OR e.at >= ?) AND ${NOT_CORRECTED}`,
    );
    this.frozenPeriods = db.prepare(
      `SELECT id, from_date AS "from", to_date AS "to" FROM closed_periods
       WHERE reopened_at IS NULL AND frozen = 1 AND from_date <= ? AND to_date >= ? ORDER BY from_date`,
    );
    this.frozenDays = db.prepare(
      `SELECT employee_id AS employeeId, days FROM frozen_days
       WHERE period_id = ? AND employee_id IN (SELECT value FROM json_each(?))`,
    );
    this.insertFrozen = db.prepare('INSERT INTO frozen_days (employee_id, period_id, days) VALUES (?, ?, ?)');
    this.frozenEmployees = db
      .prepare<[string], number>(
        'SELECT DISTINCT employee_id FROM frozen_days WHERE period_id IN (SELECT value FROM json_each(?))',
      )
      .pluck();
    this.markFrozen = db.prepare('UPDATE closed_periods SET frozen = 1 WHERE id = ?');
    this.deleteFrozen = db.prepare('DELETE FROM frozen_days WHERE period_id = ?');
  }

  /**
   * Call inside the close's transaction, after the period's row is written: computes the day
   * results of every employee employed in the period and stores them as the period's.
   */
  freeze(period: ClosedPeriod, now: number): void {
    const range = { from: period.from, to: period.to, now };
    for (const { employee, days } of this.rows(this.employees(range), range, false))
      if (days.length > 0) this.insertFrozen.run(employee.id, period.id, encodeDays(days));
    this.markFrozen.run(period.id);
  }

  /** Call inside the reopen's transaction: the period's days are computed again from then on. */
  unfreeze(periodId: number): void {
    this.deleteFrozen.run(periodId);
  }

  /** The employees of a timesheet, in order (name, phone). */
  employees(filter: TimesheetFilter): Employee[] {
    assertDate(filter.from, 'period-invalid');
    assertDate(filter.to, 'period-invalid');
    const employed = this.tables.employees.employedIn(filter);
    const frozen = this.frozenPeriods.all(filter.to, filter.from);
    if (frozen.length === 0) return employed;
    // Inside a frozen period the employees are those frozen there, whatever their employment says now.
    const frozenIds = new Set(this.frozenEmployees.all(JSON.stringify(frozen.map((p) => p.id))));
    const open = openParts(filter, frozen);
    const employedOpen = (e: Employee): boolean =>
      open.some((r) => (e.employmentStart ?? r.to) <= r.to && (e.employmentEnd ?? r.from) >= r.from);
    const kept = employed.filter((e) => frozenIds.has(e.id) || employedOpen(e));
    for (const e of kept) frozenIds.delete(e.id);
    if (frozenIds.size === 0) return kept;
    const ids = filter.employeeIds ? filter.employeeIds.filter((id) => frozenIds.has(id)) : [...frozenIds];
    const others = this.tables.employees.employedIn({
      ...filter,
      from: '0000-01-01',
      to: '9999-12-31',
      employeeIds: ids,
    });
    return [...kept, ...others].sort(byNameThenPhone);
  }

  /** The rows of `employees` (from `employees()`), a slice of punches at a time. */
  *rows(
    employees: readonly Employee[],
    range: { from: string; to: string; now: number },
    readFrozen = true,
  ): Generator<TimesheetRow> {
    if (employees.length === 0) return;
    const shared = this.shared(range, readFrozen);
    for (let i = 0; i < employees.length; i += SLICE) {
      const slice = employees.slice(i, i + SLICE);
      const ids = JSON.stringify(slice.map((e) => e.id));
      const frozen = this.frozenOf(ids, shared);
      if (frozen && shared.allFrozen) {
        // Every day of the range is frozen: nothing to compute.
        for (const employee of slice) {
          const days = withFrozen([], frozen.get(employee.id), shared);
          yield { employee, days, summary: summarize(employee, days) };
        }
        continue;
      }
      const punches = this.punchesOf(ids, shared);
      const voided = new Map<number, Set<string>>();
      for (const v of this.voided.all(ids, shared.fromMs, shared.toMs, ids, shared.fromMs, shared.toMs)) {
        const dates = voided.get(v.employeeId) ?? new Set<string>();
        dates.add(localDateOf(v.at));
        voided.set(v.employeeId, dates);
      }
      for (const employee of slice) {
        let days = buildEmployeeDays({
          employee,
          from: shared.from,
          to: shared.to,
          shifts: shared.shifts,
          assignments: shared.assignments,
          defaultShift: shared.defaultShift,
          holidays: shared.holidays,
          leave: shared.leave.get(employee.id) ?? [],
          punches: punches.get(employee.id) ?? [],
          reportedElsewhere: shared.reportedElsewhere.get(employee.id) ?? [],
          connection: shared.connection,
          now: shared.now,
        });
        const voidedOn = voided.get(employee.id);
        if (voidedOn) for (const day of days) if (voidedOn.has(day.date)) day.corrected = true;
        if (frozen) days = withFrozen(days, frozen.get(employee.id), shared);
        yield { employee, days, summary: summarize(employee, days) };
      }
    }
  }

  /** The frozen days of these employees in the range, by employee; null when no frozen period overlaps it. */
  private frozenOf(json: string, shared: Shared): Map<number, DayResult[]> | null {
    if (shared.frozen.length === 0) return null;
    const byEmployee = new Map<number, DayResult[]>();
    for (const period of shared.frozen)
      for (const row of this.frozenDays.all(period.id, json)) {
        const days = decodeDays(row.days).filter((d) => d.date >= shared.from && d.date <= shared.to);
        const list = byEmployee.get(row.employeeId);
        if (list) list.push(...days);
        else byEmployee.set(row.employeeId, days);
      }
    return byEmployee;
  }

  private shared(range: { from: string; to: string; now: number }, readFrozen: boolean): Shared {
    const { from, to, now } = range;
    const before = addDays(from, -1);
    const after = addDays(to, 1);
    const fromMs = localDay(before).start;
    const toMs = localDay(after).end;
    const shifts = this.tables.shifts.list();
    const defaultShift = shifts.find((s) => s.isDefault);
    if (!defaultShift) throw new Error('the database has no default shift');
    const leave = new Map<number, Leave[]>();
    for (const l of this.tables.leave.list({ from, to })) {
      const list = leave.get(l.employeeId);
      if (list) list.push(l);
      else leave.set(l.employeeId, [l]);
    }
    const frozen = readFrozen ? this.frozenPeriods.all(to, from) : [];
    const reportedElsewhere = new Map<number, Punch[]>();
    for (const row of this.reported.all(localDay(from).start, localDay(to).end, fromMs, toMs)) {
      const punch = eventPunch(row);
      if (!punch.needsReview) continue;
      const list = reportedElsewhere.get(row.employeeId);
      if (list) list.push(punch);
      else reportedElsewhere.set(row.employeeId, [punch]);
    }
    return {
      from,
      to,
      shifts,
      assignments: this.tables.shifts.listAssignments(),
      defaultShift,
      holidays: holidayMap(this.tables.holidays.list(before, after)),
      leave,
      connection: this.tables.history.intervals(fromMs, toMs),
      reportedElsewhere,
      corrected: new Set(this.correctedIds.all()),
      fromMs,
      toMs,
      now,
      frozen,
      allFrozen: frozen.length > 0 && openParts(range, frozen).length === 0,
    };
  }

  /** The punches of these employees in the shared range, corrections applied, each list by counted time. */
  private punchesOf(json: string, shared: Shared): Map<number, Punch[]> {
    const byEmployee = new Map<number, Punch[]>();
    const add = (p: Punch): void => {
      const list = byEmployee.get(p.employeeId);
      if (list) list.push(p);
      else byEmployee.set(p.employeeId, [p]);
    };
    for (const [id, employeeId, status, at, occurredAt, flags] of this.events.all(json, shared.fromMs, shared.toMs)) {
      if (shared.corrected.has(id)) continue;
      add(smsPunch(id, employeeId, status, at, occurredAt, flags));
    }
    let corrected = false;
    for (const row of this.corrections.all(json, shared.fromMs, shared.toMs)) {
      corrected = true;
      const source: PunchSource = row.eventId === null ? row.source : 'sms';
      add({
        eventId: row.eventId,
        correctionId: row.id,
        employeeId: row.employeeId,
        status: row.status,
        at: row.at,
        reportedAt: row.occurredAt,
        source,
        flags: flagsOf(row.flags),
        needsReview: false,
        corrected: true,
      });
    }
    for (const list of byEmployee.values()) if (corrected || !inOrder(list)) list.sort(byCountedTime);
    return byEmployee;
  }
}

/** A frozen day is stored as the array of its values in this order (half the size of the object's JSON). */
const DAY_FIELDS = [
  'employeeId',
  'date',
  'dayType',
  'holidayName',
  'shiftId',
  'shiftName',
  'scheduledMinutes',
  'pairs',
  'firstIn',
  'lastOut',
  'workedMinutes',
  'lateMinutes',
  'earlyLeaveMinutes',
  'overtimeMinutes',
  'shortfallMinutes',
  'status',
  'flags',
  'corrected',
  'covered',
  'inProgress',
  'leave',
] as const satisfies readonly (keyof DayResult)[];
// Every field of DayResult is stored: a field added to the type without being added here fails to compile.
const EVERY_FIELD: Exclude<keyof DayResult, (typeof DAY_FIELDS)[number]> extends never ? true : never = true;
void EVERY_FIELD;

function encodeDays(days: readonly DayResult[]): string {
  return JSON.stringify(days.map((d) => DAY_FIELDS.map((k) => d[k])));
}

function decodeDays(json: string): DayResult[] {
  return (JSON.parse(json) as unknown[][]).map((values) => {
    const day: Record<string, unknown> = {};
    for (let i = 0; i < DAY_FIELDS.length; i++) day[DAY_FIELDS[i]!] = values[i];
    return day as unknown as DayResult;
  });
}

/** The parts of from … to outside the frozen periods (sorted by from, not overlapping). */
function openParts(
  range: { from: string; to: string },
  frozen: readonly FrozenPeriod[],
): { from: string; to: string }[] {
  const parts: { from: string; to: string }[] = [];
  let from = range.from;
  for (const p of frozen) {
    if (p.from > from) parts.push({ from, to: p.from > range.to ? range.to : addDays(p.from, -1) });
    if (p.to >= from) from = addDays(p.to, 1);
    if (from > range.to) return parts;
  }
  parts.push({ from, to: range.to });
  return parts;
}

/** The order of employedIn: name (SQLite's NOCASE: ASCII letters folded), then phone. */
function byNameThenPhone(a: Employee, b: Employee): number {
  const fold = (t: string): string => t.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  const x = fold(a.name);
  const y = fold(b.name);
  return x < y ? -1 : x > y ? 1 : a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0;
}

/** The computed days outside the frozen periods, and the frozen days inside them, in date order. */
function withFrozen(days: DayResult[], frozen: DayResult[] | undefined, shared: Shared): DayResult[] {
  const inFrozen = (date: string): boolean => shared.frozen.some((p) => date >= p.from && date <= p.to);
  const merged = days.filter((d) => !inFrozen(d.date));
  if (frozen) merged.push(...frozen);
  return merged.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The flags of a punch without any: one shared array (the rules only read a punch's flags). */
const NO_FLAGS = Object.freeze([]) as unknown as PunchFlag[];

function flagsOf(column: string | null): PunchFlag[] {
  return column === null ? NO_FLAGS : (readFlags(column) as PunchFlag[]);
}

function eventPunch(row: PunchRow): Punch {
  return smsPunch(row.id, row.employeeId, row.status, row.at, row.occurredAt, row.flags);
}

function smsPunch(
  id: number,
  employeeId: number,
  status: AttendanceStatus,
  at: number,
  occurredAt: number | null,
  column: string | null,
): Punch {
  const flags = flagsOf(column);
  return {
    eventId: id,
    correctionId: null,
    employeeId,
    status,
    at,
    reportedAt: occurredAt,
    source: 'sms',
    flags,
    needsReview: flags.length > 0 && flags.some((f) => REVIEW_FLAGS.includes(f)),
    corrected: false,
  };
}

function inOrder(list: readonly Punch[]): boolean {
  for (let i = 1; i < list.length; i++) if (byCountedTime(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}

function byCountedTime(a: Punch, b: Punch): number {
  return a.at - b.at || (a.eventId ?? -(a.correctionId ?? 0)) - (b.eventId ?? -(b.correctionId ?? 0));
}
