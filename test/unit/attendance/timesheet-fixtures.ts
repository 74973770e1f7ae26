/** Shifts, punches and calls of the timesheet rules for unit tests (times are local: TZ=Asia/Tehran). */
import type { ConnectionInterval, Leave, Punch, PunchFlag, Shift, ShiftInput } from '../../../src-main/core/model.js';
import { buildEmployeeDays, type EmployeeDaysArgs } from '../../../src-main/core/attendance/timesheet.js';

const WORKDAY = { start: 8 * 60, end: 16 * 60 };

/** The default "Office" shift: 08:00–16:00 Saturday to Wednesday, graces 10/10. */
export function officeShift(over: Partial<ShiftInput> & { id?: number } = {}): Shift {
  return {
    id: over.id ?? 1,
    name: over.name ?? 'Office',
    isDefault: over.id === undefined || over.id === 1,
    // Sunday … Saturday: Thursday (4) and Friday (5) are the weekend.
    days: over.days ?? [WORKDAY, WORKDAY, WORKDAY, WORKDAY, null, null, WORKDAY],
    lateGraceMinutes: over.lateGraceMinutes ?? 10,
    earlyGraceMinutes: over.earlyGraceMinutes ?? 10,
    unpaidBreak: over.unpaidBreak ?? null,
    earlyWorkIsOvertime: over.earlyWorkIsOvertime ?? false,
    overtimeMinimumMinutes: over.overtimeMinimumMinutes ?? 0,
    overtimeCapMinutes: over.overtimeCapMinutes ?? null,
  };
}

/** Minutes after midnight of `HH:MM`. */
export function hm(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return (h as number) * 60 + (m as number);
}

/** The local instant of `YYYY-MM-DD HH:MM[:SS]`. */
export function at(text: string): number {
  const [date, time] = text.split(' ');
  const [y, mo, d] = (date as string).split('-').map(Number);
  const [h, mi, s] = (time as string).split(':').map(Number);
  return new Date(y as number, (mo as number) - 1, d as number, h as number, mi as number, s ?? 0).getTime();
}

export function punch(
  status: 'arrival' | 'exit',
  when: string,
  over: Partial<Omit<Punch, 'status' | 'at'>> = {},
): Punch {
  return {
    eventId: over.eventId ?? 1,
    correctionId: over.correctionId ?? null,
    employeeId: over.employeeId ?? 7,
    status,
    at: at(when),
    reportedAt: over.reportedAt ?? null,
    source: over.source ?? 'sms',
    flags: over.flags ?? ([] as PunchFlag[]),
    needsReview: over.needsReview ?? false,
    corrected: over.corrected ?? false,
  };
}

export const arrive = (when: string, over: Partial<Omit<Punch, 'status' | 'at'>> = {}): Punch =>
  punch('arrival', when, over);
export const leave = (when: string, over: Partial<Omit<Punch, 'status' | 'at'>> = {}): Punch =>
  punch('exit', when, over);

let leaveIds = 0;
export function leaveOf(
  date: string,
  kind: Leave['kind'],
  from: string | null = null,
  to: string | null = null,
  employeeId = 7,
): Leave {
  return {
    id: ++leaveIds,
    employeeId,
    date,
    kind,
    from: from === null ? null : hm(from),
    to: to === null ? null : hm(to),
    note: '',
  };
}

/** Bound all the time from a long time ago until now. */
export const ALWAYS_BOUND: ConnectionInterval[] = [{ state: 'bound', from: 0, to: null }];

/** Days of employee 7 under the office shift (unless given), long after the range (nothing in progress). */
export function days(over: Partial<EmployeeDaysArgs> & { from: string; to?: string }) {
  const shift = officeShift();
  return buildEmployeeDays({
    employee: { id: 7, department: 'Sales', employmentStart: null, employmentEnd: null },
    to: over.to ?? over.from,
    shifts: [shift],
    assignments: [],
    defaultShift: shift,
    holidays: new Map(),
    leave: [],
    punches: [],
    connection: ALWAYS_BOUND,
    now: at('2030-01-01 00:00'),
    ...over,
  });
}

/** The one day of `days(...)`. */
export function day(over: Partial<EmployeeDaysArgs> & { from: string }) {
  const list = days(over);
  if (list.length !== 1) throw new Error(`expected one day, got ${list.length}`);
  return list[0]!;
}
