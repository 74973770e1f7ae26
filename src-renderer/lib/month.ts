/**
 * Months in the UI's calendar: Jalali months in Persian (Azar 1405 = 2026-11-22 … 2026-12-21),
 * Gregorian months in English. A month is its calendar, year and month number; its range is a
 * pair of Gregorian YYYY-MM-DD days, which is what the API takes.
 */
import { jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import type { Language } from './i18n/dictionary.js';
import { dayWithWeekdayFormat, isoDay, localNoon } from './i18n/format.js';

export interface CalendarMonth {
  calendar: 'jalali' | 'gregorian';
  year: number;
  /** 1 … 12 */
  month: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const gregorianIso = (g: { gy: number; gm: number; gd: number }): string => `${g.gy}-${pad(g.gm)}-${pad(g.gd)}`;

/** The month of the language's calendar that holds a YYYY-MM-DD day. */
export function monthOf(day: string, language: Language): CalendarMonth {
  const date = localNoon(day) ?? new Date();
  if (language === 'fa') {
    const j = toJalaali(date.getFullYear(), date.getMonth() + 1, date.getDate());
    return { calendar: 'jalali', year: j.jy, month: j.jm };
  }
  return { calendar: 'gregorian', year: date.getFullYear(), month: date.getMonth() + 1 };
}

/** The month's first and last day, Gregorian YYYY-MM-DD. */
export function monthRange(m: CalendarMonth): { from: string; to: string } {
  if (m.calendar === 'jalali') {
    const last = jalaaliMonthLength(m.year, m.month);
    return {
      from: gregorianIso(toGregorian(m.year, m.month, 1)),
      to: gregorianIso(toGregorian(m.year, m.month, last)),
    };
  }
  const last = new Date(m.year, m.month, 0).getDate();
  return { from: `${m.year}-${pad(m.month)}-01`, to: `${m.year}-${pad(m.month)}-${pad(last)}` };
}

export function shiftMonth(m: CalendarMonth, delta: number): CalendarMonth {
  const index = m.year * 12 + (m.month - 1) + delta;
  return { calendar: m.calendar, year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Every day from `from` to `to`, both inclusive, as YYYY-MM-DD. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  const day = localNoon(from);
  if (!day) return out;
  for (let guard = 0; guard < 400; guard++) {
    const iso = isoDay(day);
    if (iso > to) break;
    out.push(iso);
    day.setDate(day.getDate() + 1);
  }
  return out;
}

/**
 * "November 2026" / "آذر ۱۴۰۵": the month's name in its own calendar (the Persian year written
 * apart, after the month: ICU's pattern puts it first).
 */
export function monthTitle(m: CalendarMonth, language: Language): string {
  const first = localNoon(monthRange(m).from) ?? new Date();
  if (m.calendar === 'gregorian')
    return new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long' }).format(first);
  const locale = language === 'fa' ? 'fa-IR-u-ca-persian' : 'en-u-ca-persian';
  const month = new Intl.DateTimeFormat(locale, { month: 'long' }).format(first);
  const year = new Intl.DateTimeFormat(locale, { year: 'numeric' }).format(first);
  return `${month} ${year}`;
}

/** The day of the month in the language's calendar (Persian digits in Persian) and its short weekday. */
export function dayLabels(days: readonly string[], language: Language): { day: string; weekday: string }[] {
  const locale = language === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB';
  const dayNumber = new Intl.DateTimeFormat(locale, { day: 'numeric' });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'narrow' });
  return days.map((iso) => {
    const date = localNoon(iso) ?? new Date();
    return { day: dayNumber.format(date), weekday: weekday.format(date) };
  });
}

/** "Thu 1 Oct" / "پنجشنبه ۱ آبان": a day of a known month, in the language's calendar, without the year. */
export function dayInMonth(iso: string, language: Language): string {
  const locale = language === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB';
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' });
  return format.format(localNoon(iso) ?? new Date());
}

/** "Monday, 30 November 2026" / "دوشنبه ۹ آذر ۱۴۰۵": the formatter of `f.day`, with the weekday in full. */
export function fullDay(iso: string, language: Language): string {
  return dayWithWeekdayFormat(language, 'long')(localNoon(iso) ?? new Date());
}
