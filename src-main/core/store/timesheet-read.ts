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
 */
import type { Database, Statement } from 'better-sqlite3';
import {
  REVIEW_FLAGS,
  type AttendanceStatus,
  type ConnectionInterval,
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
}

export class TimesheetReader {
  private readonly events: Statement<[string, number, number], EventTuple>;
  private readonly correctedIds: Statement<[], number>;
  private readonly corrections: Statement<[string, number, number], CorrectionPunchRow>;
  private readonly reported: Statement<[number, number, number, number], PunchRow>;
  private readonly voided: Statement<[string, number, number], { employeeId: number; at: number }>;

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
    // Punches voided (by the correction in force): no punch is left of them, but their day was corrected.
    this.voided = db.prepare(
      `SELECT e.employee_id AS employeeId, e.at FROM corrections c JOIN events e ON e.id = c.event_id
       WHERE c.kind = 'void' AND ${IN_FORCE} AND e.employee_id IN (SELECT value FROM json_each(?)) AND e.at >= ? AND e.at < ?`,
    );
    // Unreviewed flagged punches counted outside the range whose reported time lies inside it:
    // read on the partial index of flagged events (few), whatever the employee.
    this.reported = db.prepare(
      `SELECT e.id, e.employee_id AS employeeId, e.status, e.at, e.occurred_at AS occurredAt, e.flags
       FROM events e INDEXED BY events_flagged
       WHERE e.flags IS NOT NULL AND e.employee_id IS NOT NULL AND e.occurred_at >= ? AND e.occurred_at < ?
         AND (e.at < ? OR e.at >= ?) AND ${NOT_CORRECTED}`,
    );
  }

  /** The employees of a timesheet, in order (name, phone). */
  employees(filter: TimesheetFilter): Employee[] {
    assertDate(filter.from, 'period-invalid');
    assertDate(filter.to, 'period-invalid');
    return this.tables.employees.employedIn(filter);
  }

  /** The rows of `employees` (from `employees()`), a slice of punches at a time. */
  *rows(employees: readonly Employee[], range: { from: string; to: string; now: number }): Generator<TimesheetRow> {
    if (employees.length === 0) return;
    const shared = this.shared(range);
    for (let i = 0; i < employees.length; i += SLICE) {
      const slice = employees.slice(i, i + SLICE);
      const ids = JSON.stringify(slice.map((e) => e.id));
      const punches = this.punchesOf(ids, shared);
      const voided = new Map<number, Set<string>>();
      for (const v of this.voided.all(ids, shared.fromMs, shared.toMs)) {
        const dates = voided.get(v.employeeId) ?? new Set<string>();
        dates.add(localDateOf(v.at));
        voided.set(v.employeeId, dates);
      }
      for (const employee of slice) {
        const days = buildEmployeeDays({
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
        yield { employee, days, summary: summarize(employee, days) };
      }
    }
  }

  private shared(range: { from: string; to: string; now: number }): Shared {
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
