/**
 * What the timesheet commands share: who is at the keyboard (for the audit log), dates as the
 * office types them (Gregorian `2026-11-22` or Jalali `1405-09-01` / `1405/09/01`), date ranges
 * (`--from`/`--to` or `--month`) and `--json` output for scripts.
 */
import { asciiDigits } from '../core/text/ascii-digits.js';
import { gregorianOfJalali, jalaliMonthOf, jalaliOf, localDateOf, monthRange } from '../core/attendance/calendar.js';
import { optionalString } from './options.js';
import { osOperator } from '../core/store/attendance-store.js';
import { UsageError } from './usage.js';
import type { CliIo } from './cli-io.js';

/** The audit log's "who": `--who NAME`, else the OS user name (docs/attendance-rules.md section 4). */
export function whoOption(values: Record<string, unknown>): string {
  const given = optionalString(values, 'who')?.trim();
  return given ? given : osOperator();
}

/** A calendar day typed by a person: `YYYY-MM-DD` or `YYYY/MM/DD`; a year before 1700 is Jalali. Gregorian `YYYY-MM-DD` out. */
export function parseDay(text: string, flag: string): string {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(asciiDigits(text.trim()));
  const bad = (): UsageError =>
    new UsageError(`${flag} must be a date as YYYY-MM-DD (Gregorian, or Jalali such as 1405-09-01), got '${text}'`);
  if (!m) throw bad();
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1700) {
    const g = gregorianOfJalali(year, month, day);
    if (g === null) throw bad();
    return g;
  }
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw bad();
  return isoDate(year, month, day);
}

export function dayOption(values: Record<string, unknown>, name: string): string | undefined {
  const text = optionalString(values, name);
  return text === undefined ? undefined : parseDay(text, `--${name}`);
}

/**
 * `--month 1405-09` (Jalali: a year before 1700) or `--month 2026-11`, or `--from D --to D`
 * (either may be Jalali). Without any: `fallback`, or a usage error when there is none.
 */
export function rangeOptions(
  values: Record<string, unknown>,
  fallback?: () => { from: string; to: string },
): { from: string; to: string } {
  const month = optionalString(values, 'month');
  const from = dayOption(values, 'from');
  const to = dayOption(values, 'to');
  if (month !== undefined) {
    if (from !== undefined || to !== undefined) throw new UsageError('give either --month or --from/--to, not both');
    try {
      return monthRange(asciiDigits(month.trim()));
    } catch {
      throw new UsageError(
        `--month must be a month as YYYY-MM (Jalali such as 1405-09, or Gregorian such as 2026-11), got '${month}'`,
      );
    }
  }
  if (from === undefined && to === undefined) {
    if (fallback) return fallback();
    throw new UsageError('give the days: --month YYYY-MM, or --from YYYY-MM-DD --to YYYY-MM-DD');
  }
  if (from === undefined || to === undefined) throw new UsageError('give both --from and --to (or --month)');
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
  return { from, to };
}

/** `--year 1405` (Jalali: Farvardin 1 to the end of Esfand) or `--year 2026` (January 1 to December 31). */
export function yearRange(text: string, flag = '--year'): { from: string; to: string } {
  const t = asciiDigits(text.trim());
  if (!/^\d{4}$/.test(t)) throw new UsageError(`${flag} must be a year such as 1405 (Jalali) or 2026, got '${text}'`);
  return { from: monthRange(`${t}-01`).from, to: monthRange(`${t}-12`).to };
}

/** The Jalali month of an instant, as `from`/`to` days (the default of lists by month). */
export function thisMonth(ms: number): { from: string; to: string } {
  return monthRange(jalaliMonthOf(localDateOf(ms)));
}

/** The Jalali year of a day, for defaults (the office's year starts at Nowruz). */
export function jalaliYearOf(ms: number): number {
  return jalaliOf(localDateOf(ms)).year;
}

/** Minutes after midnight from `HH:MM`. */
export function parseClock(text: string, flag: string): number {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(asciiDigits(text.trim()));
  if (!m) throw new UsageError(`${flag} takes times as HH:MM (00:00 to 23:59), got '${text}'`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** `HH:MM` from minutes after midnight. */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `--json`: one JSON document on stdout, for scripts. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
