/**
 * The date picker's arithmetic in the two calendars the UI speaks: Jalali (Persian) and Gregorian.
 * A date always travels as a Gregorian `YYYY-MM-DD` string (what the core and the contract take);
 * only what the picker shows and what a person types are in the UI's calendar. Jalali conversion
 * is jalaali-js (exact over the years an office will ever see); day arithmetic runs on UTC day
 * numbers, so no time zone or daylight-saving change can move a date.
 */
import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';

export type CalendarKind = 'jalali' | 'gregorian';

export interface CalendarParts {
  year: number;
  /** 1 … 12 */
  month: number;
  /** 1 … 31 */
  day: number;
}

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A Gregorian `YYYY-MM-DD`, or null when the text is not a real date. */
function gregorianParts(iso: string): CalendarParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isIsoDate(text: string): boolean {
  return gregorianParts(text) !== null;
}

export function isoFromGregorian(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The date's year, month and day in the given calendar. */
export function toParts(iso: string, kind: CalendarKind): CalendarParts {
  const g = gregorianParts(iso);
  if (!g) throw new RangeError(`not a date: ${iso}`);
  if (kind === 'gregorian') return g;
  const j = toJalaali(g.year, g.month, g.day);
  return { year: j.jy, month: j.jm, day: j.jd };
}

/** The Gregorian `YYYY-MM-DD` of a day given in the calendar. */
export function fromParts(parts: CalendarParts, kind: CalendarKind): string {
  if (kind === 'gregorian') return isoFromGregorian(parts.year, parts.month, parts.day);
  const g = toGregorian(parts.year, parts.month, parts.day);
  return isoFromGregorian(g.gy, g.gm, g.gd);
}

export function monthLength(year: number, month: number, kind: CalendarKind): number {
  if (kind === 'jalali') return jalaaliMonthLength(year, month);
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 (UTC day number) of a Gregorian date. */
function dayNumber(iso: string): number {
  const g = gregorianParts(iso);
  if (!g) throw new RangeError(`not a date: ${iso}`);
  return Date.UTC(g.year, g.month - 1, g.day) / DAY_MS;
}

function fromDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  return isoFromGregorian(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** 0 Sunday … 6 Saturday, as Date#getDay. */
export function weekdayOf(iso: string): number {
  return (((dayNumber(iso) + 4) % 7) + 7) % 7;
}

/** The same day `months` months later in the calendar (the last day when the month is shorter). */
export function addMonths(iso: string, months: number, kind: CalendarKind): string {
  const p = toParts(iso, kind);
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return fromParts({ year, month, day: Math.min(p.day, monthLength(year, month, kind)) }, kind);
}

/** The first day of the week: Saturday in the Iranian week, Monday otherwise. */
export function weekStartOf(kind: CalendarKind): number {
  return kind === 'jalali' ? 6 : 1;
}

/** The weekdays (0 Sunday … 6 Saturday) in the order of the grid's columns. */
export function weekdayOrder(kind: CalendarKind): number[] {
  const start = weekStartOf(kind);
  return Array.from({ length: 7 }, (_, i) => (start + i) % 7);
}

/**
 * The month's grid: weeks of seven cells, each a date of the month or null (a blank before the
 * first day or after the last).
 */
export function monthGrid(year: number, month: number, kind: CalendarKind): (string | null)[][] {
  const first = fromParts({ year, month, day: 1 }, kind);
  const length = monthLength(year, month, kind);
  const lead = (weekdayOf(first) - weekStartOf(kind) + 7) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 0; d < length; d += 1) cells.push(addDays(first, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits as ASCII. */
export function asciiDigits(text: string): string {
  return text
    .replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660));
}

/**
 * A date as a person types it: `YYYY-MM-DD` or `YYYY/MM/DD` (any digits); a year before 1700 is
 * Jalali (1405/09/08), a later one Gregorian (2026-11-29). Null when it is not a real date.
 */
export function parseDateText(text: string): string | null {
  const match = /^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*$/.exec(asciiDigits(text));
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1700) {
    if (!isValidJalaaliDate(year, month, day)) return null;
    return fromParts({ year, month, day }, 'jalali');
  }
  const iso = isoFromGregorian(year, month, day);
  return isIsoDate(iso) ? iso : null;
}

/** How the picker's text box writes a date: 1405/09/08 in the Jalali calendar, 2026-11-29 in the Gregorian. */
export function dateText(iso: string, kind: CalendarKind): string {
  if (!isIsoDate(iso)) return '';
  if (kind === 'gregorian') return iso;
  const p = toParts(iso, 'jalali');
  return `${pad(p.year, 4)}/${pad(p.month)}/${pad(p.day)}`;
}

/** ASCII digits as Persian digits (for the Persian UI); other text unchanged. */
export function persianDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/** The key of one of Iran's fixed holidays by its Jalali date (`farvardin-1` …), for its translated name. */
export const JALALI_MONTH_KEYS = [
  'farvardin',
  'ordibehesht',
  'khordad',
  'tir',
  'mordad',
  'shahrivar',
  'mehr',
  'aban',
  'azar',
  'dey',
  'bahman',
  'esfand',
] as const;

export function jalaliDayKey(iso: string): string {
  const p = toParts(iso, 'jalali');
  return `${JALALI_MONTH_KEYS[p.month - 1]}-${p.day}`;
}

/** The first and last day (Gregorian) of a year of the calendar. */
export function yearRange(year: number, kind: CalendarKind): { from: string; to: string } {
  return {
    from: fromParts({ year, month: 1, day: 1 }, kind),
    to: fromParts({ year, month: 12, day: monthLength(year, 12, kind) }, kind),
  };
}

/** The first and last day (Gregorian) of the calendar month `iso` falls in. */
export function monthRangeOf(iso: string, kind: CalendarKind): { from: string; to: string } {
  const p = toParts(iso, kind);
  return {
    from: fromParts({ year: p.year, month: p.month, day: 1 }, kind),
    to: fromParts({ year: p.year, month: p.month, day: monthLength(p.year, p.month, kind) }, kind),
  };
}
