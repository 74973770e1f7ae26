/**
 * The calendar of the timesheet (docs/attendance-rules.md section 2): local days as `YYYY-MM-DD`
 * text (Gregorian), their weekdays and local midnights, Jalali months, and Iran's fixed solar
 * holidays. Pure: no I/O. The office's time zone is the process's.
 *
 * Date arithmetic runs on day numbers (days since 1970-01-01 of the calendar, not of UTC instants),
 * so adding days never meets a clock change; only `localDay` asks the process's zone, once per
 * date, and keeps the answer (the timesheet asks for the same few dozen dates thousands of times).
 */
import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import type { DayType, Holiday, Shift } from '../model.js';

const DAY_MS = 86_400_000;
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Dates kept by the caches below (a few decades of days). */
const LOCAL_DAY_CACHE = 20_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (calendar arithmetic, no time zone). */
export function dayNumber(date: string): number {
  const m = DATE_TEXT.exec(date);
  if (!m) throw new RangeError(`'${date}' is not a date as YYYY-MM-DD`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) throw new RangeError(`'${date}' is not a date`);
  return ms / DAY_MS;
}

const dateTexts = new Map<number, string>();

/** The `YYYY-MM-DD` text of a day number. */
export function dateOfDayNumber(n: number): string {
  let text = dateTexts.get(n);
  if (text === undefined) {
    text = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (dateTexts.size >= LOCAL_DAY_CACHE) dateTexts.clear();
    dateTexts.set(n, text);
  }
  return text;
}

export function addDays(date: string, n: number): string {
  return dateOfDayNumber(dayNumber(date) + n);
}

/** 0 Sunday … 6 Saturday, as `Date#getDay` and `ShiftInput.days` count. */
export function weekdayOf(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Every date from `from` to `to`, both included (empty when `from` is after `to`). */
export function eachDate(from: string, to: string): string[] {
  const first = dayNumber(from);
  const last = dayNumber(to);
  const out: string[] = [];
  for (let n = first; n <= last; n++) out.push(dateOfDayNumber(n));
  return out;
}

/** A local day as the rules need it: its midnight, the next midnight, its weekday. */
export interface LocalDay {
  date: string;
  year: number;
  month: number;
  day: number;
  /** Local midnight at its start (epoch ms). */
  start: number;
  /** Local midnight at the start of the next day: 24 h later except on a day the clocks change. */
  end: number;
  weekday: number;
}

const localDays = new Map<string, LocalDay>();

/** The local day of `date` in the process's zone (kept: the same dates are asked for again and again). */
export function localDay(date: string): LocalDay {
  let found = localDays.get(date);
  if (found !== undefined) return found;
  const n = dayNumber(date);
  const g = new Date(n * DAY_MS);
  const [year, month, day] = [g.getUTCFullYear(), g.getUTCMonth() + 1, g.getUTCDate()];
  found = {
    date,
    year,
    month,
    day,
    start: new Date(year, month - 1, day).getTime(),
    end: new Date(year, month - 1, day + 1).getTime(),
    weekday: g.getUTCDay(),
  };
  if (localDays.size >= LOCAL_DAY_CACHE) localDays.clear();
  localDays.set(date, found);
  return found;
}

/**
 * The instant of `minute` minutes after the local midnight of `day` (wall-clock time; 1440 and more
 * fall on the next day, as the end of a shift that crosses midnight does). On a day whose clocks
 * change the wall clock decides, as it does for the people punching.
 */
export function wallClockInstant(
  day: { year: number; month: number; day: number; start: number; end: number },
  minute: number,
): number {
  if (minute < 1440 && day.end - day.start === DAY_MS) return day.start + minute * 60_000;
  return new Date(day.year, day.month - 1, day.day, 0, minute).getTime();
}

/** The local `YYYY-MM-DD` of an instant. */
export function localDateOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

// ── Jalali ─────────────────────────────────────────────────────────────────────────────────────

export interface JalaliDate {
  year: number;
  month: number;
  day: number;
}

export function jalaliOf(date: string): JalaliDate {
  const d = localDayParts(date);
  const j = toJalaali(d.year, d.month, d.day);
  return { year: j.jy, month: j.jm, day: j.jd };
}

/** The Jalali month holding `date`, as `1405-09`. */
export function jalaliMonthOf(date: string): string {
  const j = jalaliOf(date);
  return `${j.year}-${pad2(j.month)}`;
}

const jalaliTexts = new Map<string, string>();

/** The Jalali date as `1405/09/04` (how an Iranian office writes it). */
export function jalaliText(date: string): string {
  let text = jalaliTexts.get(date);
  if (text === undefined) {
    const j = jalaliOf(date);
    text = `${j.year}/${pad2(j.month)}/${pad2(j.day)}`;
    if (jalaliTexts.size >= LOCAL_DAY_CACHE) jalaliTexts.clear();
    jalaliTexts.set(date, text);
  }
  return text;
}

/** The Gregorian `YYYY-MM-DD` of a Jalali date; null when that date does not exist. */
export function gregorianOfJalali(year: number, month: number, day: number): string | null {
  if (!isValidJalaaliDate(year, month, day)) return null;
  const g = toGregorian(year, month, day);
  return `${g.gy}-${pad2(g.gm)}-${pad2(g.gd)}`;
}

/**
 * A month as a date range: `1405-09` (a year before 1700 is Jalali: Azar 1405 = 2026-11-22 …
 * 2026-12-21) or `2026-11` (Gregorian). Throws a RangeError naming the problem otherwise.
 */
export function monthRange(text: string): { from: string; to: string } {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!m) throw new RangeError(`'${text}' is not a month as YYYY-MM (1405-09 or 2026-11)`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new RangeError(`'${text}' is not a month: there is no month ${month}`);
  if (year < 1700) {
    const from = gregorianOfJalali(year, month, 1);
    const to = gregorianOfJalali(year, month, jalaaliMonthLength(year, month));
    if (from === null || to === null) throw new RangeError(`'${text}' is not a Jalali month`);
    return { from, to };
  }
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-${pad2(month)}-01`, to: `${year}-${pad2(month)}-${pad2(last)}` };
}

// ── Holidays ───────────────────────────────────────────────────────────────────────────────────

/**
 * Iran's fixed solar holidays. `key` names one for the UI's dictionaries (a built-in holiday's
 * name is shown in the UI's language by this key; `name` is its English name, what files and the
 * database hold).
 */
export const IRAN_FIXED_HOLIDAYS: readonly { key: string; month: number; day: number; name: string }[] = [
  { key: 'farvardin-1', month: 1, day: 1, name: 'Nowruz' },
  { key: 'farvardin-2', month: 1, day: 2, name: 'Nowruz' },
  { key: 'farvardin-3', month: 1, day: 3, name: 'Nowruz' },
  { key: 'farvardin-4', month: 1, day: 4, name: 'Nowruz' },
  { key: 'farvardin-12', month: 1, day: 12, name: 'Islamic Republic Day' },
  { key: 'farvardin-13', month: 1, day: 13, name: 'Nature Day' },
  { key: 'khordad-14', month: 3, day: 14, name: 'Death of Imam Khomeini' },
  { key: 'khordad-15', month: 3, day: 15, name: 'Uprising of 15 Khordad' },
  { key: 'bahman-22', month: 11, day: 22, name: 'Victory of the Islamic Revolution' },
  { key: 'esfand-29', month: 12, day: 29, name: 'Oil Nationalization Day' },
];

/** The key of the fixed holiday on `date` (`farvardin-1` …), or null when `date` is not one. */
export function builtInHolidayKey(date: string): string | null {
  const j = jalaliOf(date);
  return IRAN_FIXED_HOLIDAYS.find((h) => h.month === j.month && h.day === j.day)?.key ?? null;
}

/** Iran's fixed holidays from `from` to `to` (both included), in date order, as built-in holidays. */
export function iranFixedHolidays(from: string, to: string): Holiday[] {
  const first = dayNumber(from);
  const last = dayNumber(to);
  if (first > last) return [];
  const out: Holiday[] = [];
  const firstYear = jalaliOf(from).year;
  const lastYear = jalaliOf(to).year;
  for (let year = firstYear; year <= lastYear; year++) {
    for (const h of IRAN_FIXED_HOLIDAYS) {
      const date = gregorianOfJalali(year, h.month, h.day);
      if (date === null) continue;
      const n = dayNumber(date);
      if (n >= first && n <= last) out.push({ date, name: h.name, builtIn: true });
    }
  }
  return out;
}

/**
 * The type of a day for a shift: a holiday (also on a weekend day), a weekend day (the shift has no
 * hours that weekday) or a workday.
 */
export function dayTypeOf(
  date: string,
  shift: Pick<Shift, 'days'>,
  holidayNames: ReadonlyMap<string, string>,
): DayType {
  if (holidayNames.has(date)) return 'holiday';
  return shift.days[localDay(date).weekday] ? 'workday' : 'weekend';
}

function localDayParts(date: string): { year: number; month: number; day: number } {
  const d = localDay(date);
  return { year: d.year, month: d.month, day: d.day };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
