/**
 * One employee's days over a range, and their sum (docs/attendance-rules.md sections 2, 3 and 5).
 * Pure: the store loads the inputs, this computes. Built to be called once per employee for
 * thousands of employees: the calendar's days, the assignments' index and the shifts' map are kept
 * between calls (for the same arrays), so the per-employee work is the employee's own days.
 */
import type {
  ConnectionInterval,
  DayFlag,
  DayResult,
  Holiday,
  Leave,
  Punch,
  Shift,
  ShiftAssignment,
  TimesheetSummary,
} from '../model.js';
import { REVIEW_FLAGS } from '../model.js';
import { dateOfDayNumber, dayNumber, dayTypeOf, localDay } from './calendar.js';
import { computeDay, shiftInstants, type DayContext } from './day-result.js';
import { assignPunchDays, dayPlacer } from './punch-days.js';
import { indexAssignments, shiftForDay } from './shift-for-day.js';

export interface TimesheetEmployee {
  id: number;
  department: string;
  /** YYYY-MM-DD or null (no limit). */
  employmentStart: string | null;
  employmentEnd: string | null;
}

export interface EmployeeDaysArgs {
  employee: TimesheetEmployee;
  /** YYYY-MM-DD, both included. */
  from: string;
  to: string;
  shifts: readonly Shift[];
  assignments: readonly ShiftAssignment[];
  defaultShift: Shift;
  /** Date → name of every holiday (at least from − 1 … to + 1). */
  holidays: ReadonlyMap<string, string>;
  /** This employee's leave (other dates are ignored). */
  leave: readonly Leave[];
  /** This employee's punches with counted time from − 1 … to + 1 (local days), ordered by `at`. */
  punches: readonly Punch[];
  /**
   * This employee's unreviewed punches counted OUTSIDE from − 1 … to + 1 whose reported time may fall
   * inside the range (their flags show on the day of the reported time). Optional.
   */
  reportedElsewhere?: readonly Punch[];
  /** The app's connection history, ordered by `from`; empty: no history at all. */
  connection: readonly ConnectionInterval[];
  now: number;
}

const NO_FLAGS = Object.freeze([]) as unknown as DayFlag[];
const NO_LEAVE = Object.freeze([]) as unknown as Leave[];
const shiftMaps = new WeakMap<readonly Shift[], Map<number, Shift>>();

function shiftsById(shifts: readonly Shift[]): Map<number, Shift> {
  let map = shiftMaps.get(shifts);
  if (map === undefined) {
    map = new Map(shifts.map((s) => [s.id, s]));
    shiftMaps.set(shifts, map);
  }
  return map;
}

/** Holiday list → the date → name map the rules take. */
export function holidayMap(holidays: readonly Holiday[]): Map<string, string> {
  return new Map(holidays.map((h) => [h.date, h.name]));
}

/** The day results of one employee from `from` to `to`, one per day of employment, in date order. */
export function buildEmployeeDays(args: EmployeeDaysArgs): DayResult[] {
  const { employee } = args;
  const first = dayNumber(args.from);
  const last = dayNumber(args.to);
  if (first > last) return [];
  const index = indexAssignments(args.assignments);
  const byId = shiftsById(args.shifts);

  const leaveByDate = new Map<string, Leave[]>();
  for (const l of args.leave) {
    if (l.employeeId !== employee.id) continue;
    const list = leaveByDate.get(l.date);
    if (list === undefined) leaveByDate.set(l.date, [l]);
    else list.push(l);
  }

  // The range and one day either side (punches near midnight may belong to a neighbour).
  const contexts: DayContext[] = [];
  for (let n = first - 1; n <= last + 1; n++) {
    const date = dateOfDayNumber(n);
    const shift = shiftForDay(date, employee, index, byId, args.defaultShift);
    contexts.push({
      date,
      dayStart: localDay(date).start,
      dayType: dayTypeOf(date, shift, args.holidays),
      holidayName: args.holidays.get(date) ?? null,
      shift,
      leave: leaveByDate.get(date) ?? NO_LEAVE,
    });
  }

  const placer = dayPlacer(contexts);
  const punchesByDay = assignPunchDays(contexts, args.punches, placer);

  // Flags of unreviewed punches on the day of their reported time, when it is another day.
  const reportedFlags: (DayFlag[] | undefined)[] = [];
  const noteReported = (p: Punch, countedDay: number): void => {
    if (!p.needsReview || p.reportedAt === null) return;
    const day = placer.dayOf(p.reportedAt, p.status);
    if (day < 0 || day === countedDay) return;
    const list = (reportedFlags[day] ??= []);
    for (const f of p.flags) if (REVIEW_FLAGS.includes(f) && !list.includes(f)) list.push(f);
  };
  punchesByDay.forEach((list, day) => {
    for (const p of list) noteReported(p, day);
  });
  for (const p of args.reportedElsewhere ?? []) noteReported(p, -1);

  const bound = boundTimeMeter(args.connection, args.now);
  const startDay = Math.max(first, employee.employmentStart === null ? first : dayNumber(employee.employmentStart));
  const endDay = Math.min(last, employee.employmentEnd === null ? last : dayNumber(employee.employmentEnd));
  const out: DayResult[] = [];
  for (let n = startDay; n <= endDay; n++) {
    const i = n - first + 1;
    const ctx = contexts[i] as DayContext;
    const span = shiftInstants(ctx.date, ctx.shift);
    out.push(
      computeDay({
        date: ctx.date,
        dayStart: ctx.dayStart,
        dayType: ctx.dayType,
        holidayName: ctx.holidayName,
        shift: ctx.shift,
        leave: ctx.leave,
        employeeId: employee.id,
        punches: punchesByDay[i] as Punch[],
        reportedHereFlags: reportedFlags[i] ?? NO_FLAGS,
        boundMsInShift: bound === null || span === null ? null : bound(span.start, span.end),
        now: args.now,
      }),
    );
  }
  return out;
}

/**
 * The bound time between two instants by the connection history (an interval still open lasts
 * until `now`); null without any history. Asked for ascending spans, it walks the history once.
 */
function boundTimeMeter(
  history: readonly ConnectionInterval[],
  now: number,
): ((from: number, to: number) => number) | null {
  if (history.length === 0) return null;
  let bound = boundOnly.get(history);
  if (bound === undefined) {
    bound = history.filter((h) => h.state === 'bound');
    boundOnly.set(history, bound);
  }
  const list = bound;
  let cursor = -1;
  return (from, to) => {
    if (cursor < 0) {
      // The first interval that may reach `from`: intervals do not overlap, so `from` orders them.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (((list[mid] as ConnectionInterval).to ?? now) <= from) lo = mid + 1;
        else hi = mid;
      }
      cursor = lo;
    }
    // Spans come in ascending order: intervals that end before this one starts are done with.
    while (cursor < list.length && ((list[cursor] as ConnectionInterval).to ?? now) <= from) cursor++;
    let total = 0;
    for (let i = cursor; i < list.length; i++) {
      const h = list[i] as ConnectionInterval;
      if (h.from >= to) break;
      total += Math.max(0, Math.min(h.to ?? now, to) - Math.max(h.from, from));
    }
    return total;
  };
}

const boundOnly = new WeakMap<readonly ConnectionInterval[], ConnectionInterval[]>();

/** The counts of a summary, in column order: what a department's total adds up. */
export const SUMMARY_COUNTS = [
  'daysPresent',
  'daysAbsent',
  'daysIncomplete',
  'daysLeave',
  'daysNoData',
  'lateCount',
  'lateMinutes',
  'earlyLeaveMinutes',
  'shortfallMinutes',
  'workedMinutes',
  'overtimeWorkdayMinutes',
  'overtimeOffDayMinutes',
] as const satisfies readonly (keyof TimesheetSummary)[];
export type SummaryCounts = Pick<TimesheetSummary, (typeof SUMMARY_COUNTS)[number]>;

export function zeroCounts(): SummaryCounts {
  return Object.fromEntries(SUMMARY_COUNTS.map((key) => [key, 0])) as SummaryCounts;
}

/** The sums of one employee's days (section 5). */
export function summarize(
  employee: { id: number; phone: string; name: string; department: string },
  days: readonly DayResult[],
): TimesheetSummary {
  const s: TimesheetSummary = {
    employeeId: employee.id,
    phone: employee.phone,
    name: employee.name,
    department: employee.department,
    ...zeroCounts(),
  };
  for (const d of days) {
    switch (d.status) {
      case 'present':
        s.daysPresent++;
        break;
      case 'absent':
        s.daysAbsent++;
        break;
      case 'incomplete':
        s.daysIncomplete++;
        break;
      case 'leave':
        s.daysLeave++;
        break;
      case 'no_data':
        // A day still to come (or under way) is not a day without data yet.
        if (!d.inProgress) s.daysNoData++;
        break;
      default:
        break;
    }
    if (d.lateMinutes > 0) s.lateCount++;
    s.lateMinutes += d.lateMinutes;
    s.earlyLeaveMinutes += d.earlyLeaveMinutes;
    s.shortfallMinutes += d.shortfallMinutes;
    s.workedMinutes += d.workedMinutes;
    if (d.dayType === 'workday') s.overtimeWorkdayMinutes += d.overtimeMinutes;
    else s.overtimeOffDayMinutes += d.overtimeMinutes;
  }
  return s;
}
