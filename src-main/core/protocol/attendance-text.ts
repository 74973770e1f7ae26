/**
 * The decrypted plaintext: `Arrival<time text>` or `Exit<time text>`.
 *
 * The status word is matched case-sensitively, exactly as the phone app sends it: the ack we
 * return tells the phone "recorded", so we only accept what the real app produces. It must be
 * followed by the end of the text, whitespace or a digit, so `Arrivals` or `ArrivalX` are not
 * arrivals. The rest is kept raw (`reportedTime`, usually with its leading space) and, where it
 * parses, also turned into a timestamp in the process's local time zone.
 */
import { asciiDigits } from '../text/ascii-digits.js';
import { jalaliToGregorian } from './jalali-date.js';

export type AttendanceStatus = 'arrival' | 'exit';

export type AttendanceTextResult =
  | { ok: true; status: AttendanceStatus; reportedTime: string; occurredAt: number | null }
  | { ok: false; reason: { code: 'unknown-status' } };

const DIGIT = '0-9\u06F0-\u06F9\u0660-\u0669';
const STATUS_WORD = new RegExp(`^(Arrival|Exit)(?=$|\\s|[${DIGIT}])`);

/** Jalali years are written with four digits below this; Gregorian ones at or above it. */
const FIRST_GREGORIAN_YEAR = 1700;

export function parseAttendanceText(plaintext: string, receivedAt: number): AttendanceTextResult {
  const match = STATUS_WORD.exec(plaintext);
  if (!match) return { ok: false, reason: { code: 'unknown-status' } };
  const word = match[1] as string;
  const reportedTime = plaintext.slice(word.length);
  return {
    ok: true,
    status: word === 'Arrival' ? 'arrival' : 'exit',
    reportedTime,
    occurredAt: parseReportedTime(reportedTime, receivedAt),
  };
}

// [date (YYYY-MM-DD or YYYY/MM/DD) then spaces or T] HH:MM[:SS]
const TIME_TEXT = /^(?:(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:\s+|T))?(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** The time text names a date (`2026-11-29 08:00`, `1405/09/08 08:00`), not only a time of day. */
export function hasExplicitDate(text: string): boolean {
  const match = TIME_TEXT.exec(asciiDigits(text.replace(BIDI_MARKS, '')).trim());
  return match !== null && match[1] !== undefined;
}

/** Bidirectional marks that Persian keyboards and phones insert around digits. */
const BIDI_MARKS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Reads `HH:MM`, `HH:MM:SS`, `YYYY-MM-DD HH:MM[:SS]` or `YYYY/MM/DD HH:MM[:SS]` (Persian and
 * Arabic-Indic digits allowed; a year below 1700 is Jalali) as local time. A bare time is on
 * the local day of `receivedAt`, unless that would put it more than 12 hours after the message
 * was received: a message cannot arrive before it was sent, so `Arrival 23:59` received at 00:01
 * (or redelivered after a night-long outage) belongs to the day before. Null for anything else or
 * for impossible values.
 */
export function parseReportedTime(text: string, receivedAt: number): number | null {
  const match = TIME_TEXT.exec(asciiDigits(text.replace(BIDI_MARKS, '')).trim());
  if (!match) return null;
  const [, yearText, , monthText, dayText, hourText, minuteText, secondText] = match;
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  if (hour > 23 || minute > 59 || second > 59) return null;

  let year: number;
  let month: number;
  let day: number;
  if (yearText === undefined) {
    const received = new Date(receivedAt);
    if (Number.isNaN(received.getTime())) return null;
    year = received.getFullYear();
    month = received.getMonth() + 1;
    day = received.getDate();
  } else {
    year = Number(yearText);
    month = Number(monthText);
    day = Number(dayText);
    if (year < FIRST_GREGORIAN_YEAR) {
      const gregorian = jalaliToGregorian(year, month, day);
      if (!gregorian) return null;
      ({ year, month, day } = gregorian);
    }
  }

  const local = new Date(year, month - 1, day, hour, minute, second);
  // Date rolls impossible values over (31 April → 1 May; a skipped DST hour moves): refuse those.
  const exact =
    local.getFullYear() === year &&
    local.getMonth() === month - 1 &&
    local.getDate() === day &&
    local.getHours() === hour &&
    local.getMinutes() === minute &&
    local.getSeconds() === second;
  if (!exact) return null;
  if (yearText === undefined && local.getTime() - receivedAt > BARE_TIME_FUTURE_LIMIT_MS) {
    local.setDate(local.getDate() - 1);
    return local.getHours() === hour && local.getMinutes() === minute ? local.getTime() : null;
  }
  return local.getTime();
}

/** How far after its receipt a bare time may lie before it is read as the previous day (phone clocks drift, but not by half a day). */
const BARE_TIME_FUTURE_LIMIT_MS = 12 * 60 * 60 * 1000;
