import { describe, expect, it } from 'vitest';
import {
  dayInMonth,
  daysOf,
  fullDay,
  monthOf,
  monthRange,
  monthTitle,
  shiftMonth,
} from '../../../src-renderer/lib/month.js';
import { createFormatter } from '../../../src-renderer/lib/i18n/format.js';

describe('months in the UI calendar', () => {
  it('are Jalali in Persian: Azar 1405 is 2026-11-22 … 2026-12-21', () => {
    const azar = monthOf('2026-11-29', 'fa');
    expect(azar).toEqual({ calendar: 'jalali', year: 1405, month: 9 });
    expect(monthRange(azar)).toEqual({ from: '2026-11-22', to: '2026-12-21' });
    expect(monthTitle(azar, 'fa')).toBe('آذر ۱۴۰۵');
    expect(monthRange(shiftMonth(azar, 4))).toEqual({ from: '2027-03-21', to: '2027-04-20' }); // Farvardin 1406
    expect(shiftMonth({ calendar: 'jalali', year: 1405, month: 1 }, -1)).toEqual({
      calendar: 'jalali',
      year: 1404,
      month: 12,
    });
  });

  it('are Gregorian in English', () => {
    const november = monthOf('2026-11-29', 'en');
    expect(monthRange(november)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthRange(shiftMonth(november, 3))).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(monthTitle(november, 'en')).toBe('November 2026');
    expect(daysOf('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('write a day with its weekday, the Persian year after the month', () => {
    expect(fullDay('2026-11-30', 'fa')).toBe('دوشنبه ۹ آذر ۱۴۰۵');
    expect(fullDay('2026-11-30', 'en')).toBe('Monday, 30 November 2026');
    expect(dayInMonth('2026-11-30', 'fa')).toBe('دوشنبه ۹ آذر');
    expect(dayInMonth('2026-11-30', 'en')).toBe('Mon 30 Nov');
  });

  it('the app-wide day format (f.day) writes the Persian day the same way: weekday, day, month, year', () => {
    const fa = createFormatter('fa');
    expect(fa.day('2026-11-30')).toBe('دوشنبه ۹ آذر ۱۴۰۵');
    expect(fa.day('2027-03-21')).toBe('یکشنبه ۱ فروردین ۱۴۰۶');
    expect(fa.day('2026-11-30')).not.toMatch(/,/); // no Latin comma
    expect(createFormatter('en').day('2026-11-30')).toBe('Mon, 30 November 2026');
    expect(fa.day('not a day')).toBe('not a day');
  });
});
