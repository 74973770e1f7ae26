/**
 * Which time a punch counts at (docs/attendance-rules.md section 1): the reported time when the app
 * can corroborate it, else the time of receipt with a flag for the manager. Pure: the recorder
 * (store/record-message.ts) and migration 5 give it what the database knows.
 */
import type { PunchFlag } from '../model.js';
import { startOfLocalDay } from '../store/local-day.js';

/** How far a reported time may lie before / after its receipt and still be believed. */
export interface TimeTolerances {
  lateMs: number;
  futureMs: number;
}

export interface CountedTimeInput {
  /** The reported time; null when the text did not parse. */
  occurredAt: number | null;
  receivedAt: number;
  /** The text named a date (`2026-11-29 08:00`), not only a time. */
  explicitDate: boolean;
  /**
   * True when the app's connection history shows it was NOT bound at `at` (false for time before
   * the history begins: before the database existed nothing is known).
   */
  wasNotBoundAt: (at: number) => boolean;
}

export interface CountedTime {
  countedAt: number;
  /** The time flag, if any (at most one: the table's cases exclude each other). */
  flag: PunchFlag | null;
}

export function countedTime(p: CountedTimeInput, tolerances: TimeTolerances): CountedTime {
  const { occurredAt, receivedAt } = p;
  if (occurredAt === null) return { countedAt: receivedAt, flag: 'unparsed_time' };
  if (p.explicitDate) {
    const day = startOfLocalDay(occurredAt);
    const receivedDay = startOfLocalDay(receivedAt);
    if (day !== receivedDay && day !== startOfLocalDay(receivedDay - 1))
      return { countedAt: receivedAt, flag: 'date_mismatch' };
  }
  if (occurredAt > receivedAt + tolerances.futureMs) return { countedAt: receivedAt, flag: 'future_time' };
  if (occurredAt < receivedAt - tolerances.lateMs) {
    return p.wasNotBoundAt(occurredAt)
      ? { countedAt: occurredAt, flag: 'held' }
      : { countedAt: receivedAt, flag: 'late_report' };
  }
  return { countedAt: occurredAt, flag: null };
}

/** Flags as stored in `events.flags`: codes in PUNCH_FLAGS order joined by ';', null when none. */
export function flagsColumn(flags: readonly PunchFlag[]): string | null {
  return flags.length === 0 ? null : flags.join(';');
}

export function readFlags(column: string | null): PunchFlag[] {
  return column === null || column === '' ? [] : (column.split(';') as PunchFlag[]);
}

/** More punches than this from one number on one local day are flagged `too_many`. */
export const MAX_PUNCHES_PER_DAY = 8;

/** C0 controls (CR, LF, TAB, ESC, …), DEL and C1 controls: never in what a phone's app writes. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F-\u009F]/u;

/** The first control character's code point, or null when there is none. */
export function firstControlCharacter(text: string): number | null {
  const match = CONTROL_CHARACTER.exec(text);
  return match ? match[0].codePointAt(0)! : null;
}
