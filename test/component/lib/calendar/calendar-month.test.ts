import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dateText,
  fromParts,
  monthGrid,
  monthLength,
  parseDateText,
  toParts,
  weekdayOf,
} from '../../../../src-renderer/lib/calendar/calendar-month.js';

describe("the date picker's calendar arithmetic", () => {
  it('converts between Gregorian and Jalali both ways (Nowruz, a month start, a leap Esfand)', () => {
    expect(toParts('2026-03-21', 'jalali')).toEqual({ year: 1405, month: 1, day: 1 });
    expect(toParts('2026-11-22', 'jalali')).toEqual({ year: 1405, month: 9, day: 1 });
    expect(fromParts({ year: 1405, month: 9, day: 1 }, 'jalali')).toBe('2026-11-22');
    // 1403 is a leap year: Esfand has 30 days; 1404 has 29.
    expect(monthLength(1403, 12, 'jalali')).toBe(30);
    expect(monthLength(1404, 12, 'jalali')).toBe(29);
    expect(monthLength(2024, 2, 'gregorian')).toBe(29);
  });

  it('does day and month arithmetic without drifting across months, years and time zones', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-11-28')).toBe(6); // a Saturday
    expect(weekdayOf('2026-11-29')).toBe(0);
    // 31 Shahrivar 1405 + one month = 30 Mehr (Mehr has 30 days).
    const shahrivar31 = fromParts({ year: 1405, month: 6, day: 31 }, 'jalali');
    expect(toParts(addMonths(shahrivar31, 1, 'jalali'), 'jalali')).toEqual({ year: 1405, month: 7, day: 30 });
    expect(addMonths('2026-01-31', 1, 'gregorian')).toBe('2026-02-28');
    expect(addMonths('2026-01-15', -13, 'gregorian')).toBe('2024-12-15');
  });

  it('lays a Jalali month out from Saturday and a Gregorian one from Monday', () => {
    // 1 Azar 1405 = 2026-11-22, a Sunday: one blank (Saturday) before it.
    const azar = monthGrid(1405, 9, 'jalali');
    expect(azar[0]).toEqual([null, '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    expect(azar.flat().filter((c) => c !== null)).toHaveLength(30);
    for (const week of azar) expect(week).toHaveLength(7);
    // 1 November 2026 is a Sunday: six blanks from Monday.
    const november = monthGrid(2026, 11, 'gregorian');
    expect(november[0]?.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(november[0]?.[6]).toBe('2026-11-01');
  });

  it('reads what a person types in either calendar and any digits, and refuses what is not a date', () => {
    expect(parseDateText('1405/09/08')).toBe('2026-11-29');
    expect(parseDateText('۱۴۰۵/۰۹/۰۸')).toBe('2026-11-29');
    expect(parseDateText('2026-11-29')).toBe('2026-11-29');
    expect(parseDateText(' 2026/1/5 ')).toBe('2026-01-05');
    expect(parseDateText('1404/12/30')).toBeNull(); // 1404 is not leap
    expect(parseDateText('2026-02-30')).toBeNull();
    expect(parseDateText('2026-11')).toBeNull();
    expect(parseDateText('tomorrow')).toBeNull();
    expect(dateText('2026-11-29', 'jalali')).toBe('1405/09/08');
    expect(dateText('2026-11-29', 'gregorian')).toBe('2026-11-29');
  });
});
