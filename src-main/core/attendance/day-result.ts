/**
 * One employee's day from its inputs (docs/attendance-rules.md section 3): pairs, first in, last
 * out, worked, late, early leave, overtime, shortfall, status, coverage. Pure: everything it needs
 * is in the input, so each rule can be checked row by row.
 *
 * Everything is computed in whole minutes since the epoch: punches are cut to the minute first,
 * and the shift's and leave's times of day become instants on the wall clock of the day's date
 * (the end of a shift that crosses midnight falls on the next morning).
 */
import { REVIEW_FLAGS } from '../model.js';
import type { DayFlag, DayResult, DayStatus, DayType, Leave, LeaveKind, Punch, Shift } from '../model.js';
import { localDay, wallClockInstant } from './calendar.js';

const MIN = 60_000;
/** A workday's window for punches opens this long before the shift's start … */
export const WINDOW_BEFORE_MINUTES = 3 * 60;
/** … and closes this long after its end. */
export const WINDOW_AFTER_MINUTES = 6 * 60;

/** What the rules need to know about one day, whoever the employee's punches are. */
export interface DayContext {
  /** YYYY-MM-DD */
  date: string;
  /** Local midnight at the start of the day (epoch ms). */
  dayStart: number;
  dayType: DayType;
  holidayName: string | null;
  /** The shift that applies to the employee on this day. */
  shift: Shift;
  /** The employee's leave on this day (whole day: `from` and `to` null; hourly: both set). */
  leave: Leave[];
}

export interface DayInput extends DayContext {
  employeeId: number;
  /** The punches that belong to this day (section 2), ordered by counted time. */
  punches: Punch[];
  /** Flags of unreviewed punches of other days whose REPORTED time falls on this day. */
  reportedHereFlags: DayFlag[];
  /** Ms the app was bound between shift start and shift end; null: no connection history at all. */
  boundMsInShift: number | null;
  now: number;
}

const spans = new WeakMap<Shift, Map<string, { start: number; end: number } | null>>();

/**
 * The shift's hours on a day as instants (ms), or null when the shift has none that weekday. Kept
 * per shift object and date (thousands of employees share a shift).
 */
export function shiftInstants(date: string, shift: Shift): { start: number; end: number } | null {
  let byDate = spans.get(shift);
  if (byDate === undefined) spans.set(shift, (byDate = new Map()));
  let span = byDate.get(date);
  if (span !== undefined) return span;
  const day = localDay(date);
  const hours = shift.days[day.weekday];
  if (!hours) span = null;
  else {
    const end = hours.end <= hours.start ? hours.end + 1440 : hours.end;
    span = { start: wallClockInstant(day, hours.start), end: wallClockInstant(day, end) };
  }
  if (byDate.size >= 20_000) byDate.clear();
  byDate.set(date, span);
  return span;
}

type Interval = [number, number];

export function computeDay(input: DayInput): DayResult {
  const { shift, dayType, punches } = input;
  const day = localDay(input.date);
  const hours = shift.days[day.weekday] ?? null;
  const workday = dayType === 'workday' && hours !== null;
  const crossesMidnight = hours !== null && hours.end <= hours.start;
  /** Minutes since the epoch of a time of day on this day (after midnight for a night shift's morning). */
  const at = (minute: number): number => Math.floor(wallClockInstant(day, minute) / MIN);
  /** An interval of times of day; on a night shift, one that starts by the shift's end is the next morning's. */
  const onShiftClock = (from: number, to: number): Interval => {
    const nextMorning = crossesMidnight && hours !== null && from <= hours.end && from < hours.start;
    const a = from + (nextMorning ? 1440 : 0);
    const b = to + (nextMorning ? 1440 : 0) + (to <= from ? 1440 : 0);
    return [at(a), at(b)];
  };

  const S = hours === null ? 0 : at(hours.start);
  const E = hours === null ? 0 : at(crossesMidnight ? hours.end + 1440 : hours.end);
  const wholeLeave = input.leave.find((l) => l.from === null || l.to === null) ?? null;
  const hourly = input.leave.filter((l) => l.from !== null && l.to !== null);
  const leaveIntervals = hourly.map((l) => onShiftClock(l.from as number, l.to as number));
  const breakInterval: Interval | null =
    workday && shift.unpaidBreak !== null
      ? clip(onShiftClock(shift.unpaidBreak.start, shift.unpaidBreak.end), S, E)
      : null;
  const breakMinutes = breakInterval === null ? 0 : breakInterval[1] - breakInterval[0];
  const scheduledMinutes = workday && wholeLeave === null ? E - S - breakMinutes : 0;

  // Pairs: each Arrival with the next Exit.
  const flags: DayFlag[] = [];
  const pairs: { in: number | null; out: number | null }[] = [];
  const complete: Interval[] = [];
  let open: number | null = null;
  let firstIn: number | null = null;
  let lastOut: number | null = null;
  let missingExit = false;
  let missingArrival = false;
  for (const p of punches) {
    const m = Math.floor(p.at / MIN);
    if (p.status === 'arrival') {
      if (firstIn === null || m < firstIn) firstIn = m;
      if (open !== null) {
        pairs.push({ in: open * MIN, out: null });
        missingExit = true;
      }
      open = m;
    } else {
      if (lastOut === null || m > lastOut) lastOut = m;
      if (open !== null) {
        pairs.push({ in: open * MIN, out: m * MIN });
        complete.push([open, m]);
        open = null;
      } else {
        pairs.push({ in: null, out: m * MIN });
        missingArrival = true;
      }
    }
  }
  const windowEnd = workday ? E + WINDOW_AFTER_MINUTES : 0;
  const inProgress = input.now < Math.max(day.end, windowEnd * MIN);
  if (open !== null) {
    pairs.push({ in: open * MIN, out: null });
    // Still at work on a day that has not ended: not missing yet.
    if (!inProgress) missingExit = true;
  }
  if (missingExit) flags.push('missing_exit');
  if (missingArrival) flags.push('missing_arrival');

  // Worked: complete pairs, less the unpaid break they span.
  let worked = 0;
  for (const [a, b] of complete) worked += b - a - (breakInterval === null ? 0 : overlap(a, b, breakInterval));

  // Paid hourly leave and missions count as worked, up to the scheduled minutes.
  if (workday && wholeLeave === null) {
    const credited: Interval[] = [];
    hourly.forEach((l, i) => {
      if (l.kind === 'paid' || l.kind === 'mission') credited.push(leaveIntervals[i] as Interval);
    });
    if (credited.length > 0) {
      const taken: Interval[] = breakInterval === null ? [...complete] : [...complete, breakInterval];
      const credit = lengthOf(subtract(union(credited.map((iv) => clip(iv, S, E))), union(taken)));
      worked += Math.min(credit, Math.max(0, scheduledMinutes - worked));
    }
  }

  // Late and early leave, with the start and end moved by leave that covers them.
  let late = 0;
  let early = 0;
  let startUsed = S;
  let endUsed = E;
  if (workday && wholeLeave === null) {
    for (let moved = true; moved;) {
      moved = false;
      for (const [a, b] of leaveIntervals) {
        if (a <= startUsed && startUsed < b) {
          startUsed = b;
          moved = true;
        }
        if (a < endUsed && endUsed <= b) {
          endUsed = a;
          moved = true;
        }
      }
    }
    if (firstIn !== null && firstIn > startUsed + shift.lateGraceMinutes) late = firstIn - startUsed;
    if (lastOut !== null && lastOut < endUsed - shift.earlyGraceMinutes) early = endUsed - lastOut;
  }

  // Overtime: never netted against lateness.
  let overtime = 0;
  if (wholeLeave === null) {
    if (workday) {
      for (const [a, b] of complete) {
        overtime += Math.max(0, b - Math.max(a, E));
        if (shift.earlyWorkIsOvertime) overtime += Math.max(0, Math.min(b, S) - a);
      }
      if (overtime < shift.overtimeMinimumMinutes) overtime = 0;
      if (shift.overtimeCapMinutes !== null) overtime = Math.min(overtime, shift.overtimeCapMinutes);
    } else if (dayType !== 'workday') {
      overtime = worked;
    }
  }

  const covered =
    punches.length > 0 || (hours !== null && input.boundMsInShift !== null && input.boundMsInShift * 2 > (E - S) * MIN);

  let status: DayStatus;
  if (dayType === 'holiday') status = 'holiday';
  else if (dayType === 'weekend' || hours === null) status = 'weekend';
  else if (wholeLeave !== null) status = 'leave';
  else if (complete.length > 0) status = 'present';
  else if (punches.length > 0) status = 'incomplete';
  else if (covered && input.now >= E * MIN) status = 'absent';
  else status = 'no_data';

  let shortfall = 0;
  if (status === 'present') {
    const gaps: Interval[] = [];
    for (let i = 0; i + 1 < complete.length; i++) {
      const a = (complete[i] as Interval)[1];
      const b = (complete[i + 1] as Interval)[0];
      if (b > a) gaps.push(clip([a, b], S, E));
    }
    const excused = breakInterval === null ? leaveIntervals : [...leaveIntervals, breakInterval];
    shortfall = late + early + lengthOf(subtract(union(gaps), union(excused)));
  } else if (status === 'absent') {
    shortfall = scheduledMinutes;
  }

  for (const p of punches) {
    if (!p.needsReview) continue;
    for (const f of p.flags) if (REVIEW_FLAGS.includes(f) && !flags.includes(f)) flags.push(f);
  }
  for (const f of input.reportedHereFlags) if (!flags.includes(f)) flags.push(f);

  const leaveKinds: LeaveKind[] = [];
  if (wholeLeave !== null) leaveKinds.push(wholeLeave.kind);
  else for (const l of hourly) if (!leaveKinds.includes(l.kind)) leaveKinds.push(l.kind);

  return {
    employeeId: input.employeeId,
    date: input.date,
    dayType,
    holidayName: input.holidayName,
    shiftId: shift.id,
    shiftName: shift.name,
    scheduledMinutes,
    pairs,
    firstIn: firstIn === null ? null : firstIn * MIN,
    lastOut: lastOut === null ? null : lastOut * MIN,
    workedMinutes: worked,
    lateMinutes: late,
    earlyLeaveMinutes: early,
    overtimeMinutes: overtime,
    shortfallMinutes: shortfall,
    status,
    flags,
    corrected: punches.some((p) => p.corrected || p.source !== 'sms'),
    covered,
    inProgress,
    leave: leaveKinds,
  };
}

function overlap(a: number, b: number, iv: Interval): number {
  return Math.max(0, Math.min(b, iv[1]) - Math.max(a, iv[0]));
}

function clip(iv: Interval, lo: number, hi: number): Interval {
  const a = Math.max(iv[0], lo);
  const b = Math.min(iv[1], hi);
  return b > a ? [a, b] : [a, a];
}

/** Sorted, non-overlapping intervals covering the same minutes. */
function union(ivs: Interval[]): Interval[] {
  const sorted = ivs.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The minutes of `from` not in `cut` (both unions). */
function subtract(from: Interval[], cut: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [a0, b] of from) {
    let a = a0;
    for (const [c, d] of cut) {
      if (d <= a || c >= b) continue;
      if (c > a) out.push([a, c]);
      a = Math.max(a, d);
      if (a >= b) break;
    }
    if (a < b) out.push([a, b]);
  }
  return out;
}

function lengthOf(ivs: Interval[]): number {
  let n = 0;
  for (const [a, b] of ivs) n += b - a;
  return n;
}
