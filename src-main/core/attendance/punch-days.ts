/**
 * Which day a punch belongs to (docs/attendance-rules.md section 2), by its counted time cut to the
 * minute. Only workdays have windows, from the shift's start − 3 h to its end + 6 h, both ends
 * included. A punch inside one window belongs to that day; inside two, an Exit goes to the earlier
 * day and an Arrival to the later; inside none, to its calendar day. An Exit up to 16 h after an
 * unpaired Arrival (the punch just before it) belongs to that Arrival's day, window or not.
 */
import type { AttendanceStatus, Punch } from '../model.js';
import { localDay } from './calendar.js';
import { WINDOW_AFTER_MINUTES, WINDOW_BEFORE_MINUTES, shiftInstants, type DayContext } from './day-result.js';

const MIN = 60_000;
/** An Exit this long after an unpaired Arrival still belongs to the Arrival's day. */
export const NIGHT_EXIT_MINUTES = 16 * 60;

/** The days of a range, ready to place instants: consecutive contexts, their bounds and windows. */
export interface DayPlacer {
  /** Index of the day `at` belongs to by the windows (no pairing rule); -1 when outside every day. */
  dayOf(at: number, status: AttendanceStatus): number;
}

/** `contexts` must be consecutive days in date order. */
export function dayPlacer(contexts: readonly DayContext[]): DayPlacer {
  const n = contexts.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  const windowFrom = new Float64Array(n).fill(NaN);
  const windowTo = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const c = contexts[i] as DayContext;
    const day = localDay(c.date);
    starts[i] = day.start;
    ends[i] = day.end;
    if (c.dayType !== 'workday') continue;
    const span = shiftInstants(c.date, c.shift);
    if (span === null) continue;
    windowFrom[i] = span.start - WINDOW_BEFORE_MINUTES * MIN;
    windowTo[i] = span.end + WINDOW_AFTER_MINUTES * MIN;
  }
  const calendarIndex = (t: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (t < (starts[mid] as number)) hi = mid - 1;
      else if (t >= (ends[mid] as number)) lo = mid + 1;
      else return mid;
    }
    return -1;
  };
  return {
    dayOf(at, status) {
      if (n === 0) return -1;
      const t = Math.floor(at / MIN) * MIN;
      const c = calendarIndex(t);
      const around = c >= 0 ? c : t < (starts[0] as number) ? 0 : n - 1;
      let found = -1;
      for (let i = Math.max(0, around - 1); i <= Math.min(n - 1, around + 1); i++) {
        if (!(t >= (windowFrom[i] as number) && t <= (windowTo[i] as number))) continue;
        if (found === -1 || status === 'arrival') found = i;
      }
      return found === -1 ? c : found;
    },
  };
}

/**
 * The punches of each day, aligned with `contexts` (consecutive days in date order). `punches` are
 * one employee's, ordered by counted time; a punch outside every day of `contexts` is left out.
 */
export function assignPunchDays(
  contexts: readonly DayContext[],
  punches: readonly Punch[],
  placer: DayPlacer = dayPlacer(contexts),
): Punch[][] {
  const out: Punch[][] = contexts.map(() => []);
  let openArrival: { at: number; day: number } | null = null;
  for (const p of punches) {
    const t = Math.floor(p.at / MIN) * MIN;
    let day: number;
    if (p.status === 'exit' && openArrival !== null && t - openArrival.at <= NIGHT_EXIT_MINUTES * MIN) {
      day = openArrival.day;
    } else {
      day = placer.dayOf(t, p.status);
    }
    openArrival = p.status === 'arrival' ? { at: t, day } : null;
    if (day >= 0) (out[day] as Punch[]).push(p);
  }
  return out;
}
