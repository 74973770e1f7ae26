/** The timesheet's calendar: dates, weekdays, Jalali months and Iran's fixed holidays. */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  builtInHolidayKey,
  dayTypeOf,
  eachDate,
  iranFixedHolidays,
  jalaliMonthOf,
  jalaliText,
  localDay,
  monthRange,
  wallClockInstant,
  weekdayOf,
} from '../../../src-main/core/attendance/calendar.js';
import { officeShift } from './timesheet-fixtures.js';

describe('dates', () => {
  it('adds days across months and years, and knows weekdays as Date#getDay does', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(eachDate('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(eachDate('2026-12-02', '2026-11-29')).toEqual([]);
    for (const date of eachDate('1969-12-25', '1970-01-10').concat(eachDate('2026-11-20', '2026-12-05'))) {
      expect(weekdayOf(date)).toBe(new Date(`${date}T12:00:00`).getDay());
    }
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('gives each local day its midnight and the next, in the process zone', () => {
    const d = localDay('2026-11-22');
    expect(d.start).toBe(new Date(2026, 10, 22).getTime());
    expect(d.end - d.start).toBe(86_400_000);
    expect(d.weekday).toBe(0);
  });
});

describe('days whose clocks changed (Tehran kept summer time until 2022)', () => {
  it('places times of day on the wall clock, and a night shift’s end on the next morning', () => {
    const spring = localDay('2021-03-22'); // 00:00 became 01:00: a 23-hour day
    expect(spring.end - spring.start).toBe(23 * 3_600_000);
    expect(wallClockInstant(spring, 8 * 60)).toBe(new Date(2021, 2, 22, 8, 0).getTime());
    const autumn = localDay('2021-09-21'); // 24:00 became 23:00 again: a 25-hour day
    expect(autumn.end - autumn.start).toBe(25 * 3_600_000);
    expect(wallClockInstant(autumn, 16 * 60)).toBe(new Date(2021, 8, 21, 16, 0).getTime());
    expect(wallClockInstant(autumn, 1440 + 6 * 60)).toBe(new Date(2021, 8, 22, 6, 0).getTime());
    const plain = localDay('2026-11-22');
    expect(wallClockInstant(plain, 1440 + 6 * 60)).toBe(new Date(2026, 10, 23, 6, 0).getTime());
  });
});

describe('months', () => {
  it('reads a Jalali month (year before 1700) and a Gregorian one', () => {
    expect(monthRange('1405-09')).toEqual({ from: '2026-11-22', to: '2026-12-21' });
    expect(monthRange('1405-12')).toEqual({ from: '2027-02-20', to: '2027-03-20' });
    expect(monthRange('1403-12')).toEqual({ from: '2025-02-19', to: '2025-03-20' }); // a leap year: 30 Esfand
    expect(monthRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(() => monthRange('2026-13')).toThrow(RangeError);
    expect(() => monthRange('november')).toThrow(RangeError);
  });

  it('names the Jalali month and date of a day', () => {
    expect(jalaliMonthOf('2026-11-22')).toBe('1405-09');
    expect(jalaliMonthOf('2026-11-21')).toBe('1405-08');
    expect(jalaliText('2026-11-25')).toBe('1405/09/04');
  });
});

describe("Iran's fixed holidays", () => {
  it('lists the ten of a Jalali year on their Gregorian dates', () => {
    const year = iranFixedHolidays('2026-03-21', '2027-03-20'); // 1405
    expect(year.map((h) => h.date)).toEqual([
      '2026-03-21',
      '2026-03-22',
      '2026-03-23',
      '2026-03-24',
      '2026-04-01',
      '2026-04-02',
      '2026-06-04',
      '2026-06-05',
      '2027-02-11',
      '2027-03-20',
    ]);
    expect(year.every((h) => h.builtIn)).toBe(true);
    expect(year[0]?.name).toBe('Nowruz');
    expect(builtInHolidayKey('2027-02-11')).toBe('bahman-22');
    expect(builtInHolidayKey('2027-02-12')).toBeNull();
  });

  it('keeps to the range and has 29 Esfand in a leap year too', () => {
    expect(iranFixedHolidays('2026-04-02', '2026-06-04').map((h) => h.date)).toEqual(['2026-04-02', '2026-06-04']);
    expect(iranFixedHolidays('2025-03-19', '2025-03-20').map((h) => h.date)).toEqual(['2025-03-19']); // 1403 is leap
    expect(iranFixedHolidays('2026-06-06', '2026-06-01')).toEqual([]);
  });

  it('makes a holiday on a weekend day a holiday', () => {
    const shift = officeShift();
    const names = new Map([['2026-11-26', 'Closure']]); // a Thursday
    expect(dayTypeOf('2026-11-26', shift, names)).toBe('holiday');
    expect(dayTypeOf('2026-11-27', shift, names)).toBe('weekend');
    expect(dayTypeOf('2026-11-28', shift, names)).toBe('workday');
  });
});
