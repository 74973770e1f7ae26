/**
 * Numbers, times and dates for one language, through `Intl` (no date library: the browser's
 * persian calendar is the Jalali calendar the office uses). Persian gets Persian digits and
 * Jalali dates; English gets Western digits and Gregorian dates; both use a 24-hour clock.
 */
import type { Dictionary, Language } from './dictionary.js';

export interface Formatter {
  number(value: number): string;
  /** A whole number without group separators (a port, a limit): 65535 / ۶۵۵۳۵. */
  digits(value: number): string;
  /** 08:31 */
  time(ms: number): string;
  /** 25 Nov 2025, 08:31 / ۴ آذر ۱۴۰۴، ۰۸:۳۱ */
  dateTime(ms: number): string;
  /** A calendar day given as YYYY-MM-DD, written out in the language's calendar: Mon, 30 November 2026 / دوشنبه ۹ آذر ۱۴۰۵. */
  day(isoDay: string): string;
  /** A calendar day in the Jalali calendar whatever the language (hint next to a date picker). */
  jalaliDay(isoDay: string): string;
  /** 7 h 05 min */
  duration(ms: number, units: Dictionary['units']): string;
}

const LOCALE: Record<Language, string> = { en: 'en-GB', fa: 'fa-IR-u-ca-persian' };

/** Local noon of a YYYY-MM-DD day, so no time-zone shift can move it to another date. */
export function localNoon(isoDay: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12);
}

/** Today's local date as YYYY-MM-DD (what `<input type="date">` and the API expect). */
export function isoDay(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today, YYYY-MM-DD, on the local calendar. */
export function today(): string {
  return isoDay(new Date());
}

/**
 * A day with its weekday in the language's calendar: "Mon, 30 November 2026" (`short`) or "Monday,
 * 30 November 2026" (`long`) in English, "دوشنبه ۹ آذر ۱۴۰۵" in Persian. In Persian the year is
 * written apart, after the month: ICU's pattern for a Persian date with its weekday puts the year
 * first and the weekday last, after a Latin comma ("۱۴۰۵ آذر ۹, دوشنبه"). Build it once and call it
 * per day.
 */
export function dayWithWeekdayFormat(language: Language, weekday: 'short' | 'long'): (date: Date) => string {
  if (language === 'en') {
    const format = new Intl.DateTimeFormat(LOCALE.en, { weekday, day: 'numeric', month: 'long', year: 'numeric' });
    return (date) => format.format(date);
  }
  const dayMonth = new Intl.DateTimeFormat(LOCALE.fa, { weekday, day: 'numeric', month: 'long' });
  const year = new Intl.DateTimeFormat(LOCALE.fa, { year: 'numeric' });
  return (date) => `${dayMonth.format(date)} ${year.format(date)}`;
}

export function createFormatter(language: Language): Formatter {
  const locale = LOCALE[language];
  const numbers = new Intl.NumberFormat(language === 'fa' ? 'fa-IR' : 'en-GB');
  const plain = new Intl.NumberFormat(language === 'fa' ? 'fa-IR' : 'en-GB', { useGrouping: false });
  const twoDigits = new Intl.NumberFormat(language === 'fa' ? 'fa-IR' : 'en-GB', { minimumIntegerDigits: 2 });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const day = dayWithWeekdayFormat(language, 'short');
  const jalali = new Intl.DateTimeFormat(language === 'fa' ? LOCALE.fa : 'en-u-ca-persian', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  });
  const writeDay = (format: (date: Date) => string, iso: string): string => {
    const date = localNoon(iso);
    return date ? format(date) : iso;
  };
  return {
    number: (value) => numbers.format(value),
    digits: (value) => plain.format(value),
    time: (ms) => time.format(ms),
    dateTime: (ms) => dateTime.format(ms),
    day: (iso) => writeDay(day, iso),
    jalaliDay: (iso) => writeDay((date) => jalali.format(date), iso),
    duration(ms, units) {
      const totalMinutes = Math.max(0, Math.round(ms / 60_000));
      const hours = Math.floor(totalMinutes / 60);
      const minutes = totalMinutes % 60;
      return hours === 0
        ? units.minutes(numbers.format(minutes))
        : units.hoursMinutes(numbers.format(hours), twoDigits.format(minutes));
    },
  };
}
