/**
 * One person's day from their events, in order: first arrival, last exit, and the time present,
 * summing each arrival to the next exit. A second arrival before an exit keeps the first (the phone
 * resent, or the person forgot to send Exit and the day's first arrival is what payroll trusts);
 * an exit without an open arrival adds nothing. An arrival still open at the end counts until the
 * end of the day or `now`, whichever is first.
 */
import type { AttendanceStatus, DaySummaryRow } from '../model.js';

export interface DayEvent {
  phone: string;
  employeeId: number | null;
  name: string | null;
  status: AttendanceStatus;
  at: number;
}

/** `events` of one person, sorted by time. */
export function summarisePersonDay(events: readonly DayEvent[], dayEnd: number, now: number): DaySummaryRow {
  const first = events[0];
  if (!first) throw new Error('summarisePersonDay needs at least one event');
  let firstArrival: number | null = null;
  let lastExit: number | null = null;
  let presentMs = 0;
  let openSince: number | null = null;
  for (const event of events) {
    if (event.status === 'arrival') {
      firstArrival ??= event.at;
      openSince ??= event.at;
    } else {
      lastExit = event.at;
      if (openSince !== null) presentMs += event.at - openSince;
      openSince = null;
    }
  }
  if (openSince !== null) presentMs += Math.max(0, Math.min(dayEnd, now) - openSince);
  const named = events.find((e) => e.name !== null) ?? first;
  return {
    phone: first.phone,
    employeeId: named.employeeId,
    name: named.name,
    firstArrival,
    lastExit,
    presentMs,
    openArrival: openSince !== null,
    events: events.length,
  };
}
