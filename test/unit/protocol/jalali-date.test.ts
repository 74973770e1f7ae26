import { describe, expect, it } from 'vitest';
import { isJalaliLeapYear, jalaliToGregorian } from '../../../src-main/core/protocol/jalali-date.js';

const persian = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-latn', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

function intlJalali(utcMs: number): [number, number, number] {
  const parts = Object.fromEntries(persian.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  return [Number(parts.year), Number(parts.month), Number(parts.day)];
}

describe('jalaliToGregorian', () => {
  it('knows well-attested dates', () => {
    expect(jalaliToGregorian(1405, 9, 4)).toEqual({ year: 2026, month: 11, day: 25 });
    expect(jalaliToGregorian(1403, 1, 1)).toEqual({ year: 2024, month: 3, day: 20 });
    expect(jalaliToGregorian(1403, 12, 30)).toEqual({ year: 2025, month: 3, day: 20 });
    expect(jalaliToGregorian(1357, 11, 22)).toEqual({ year: 1979, month: 2, day: 11 });
  });

  it('agrees with Intl’s persian calendar on every day from 1990 to 2050', () => {
    let checked = 0;
    for (let ms = Date.UTC(1990, 0, 1); ms <= Date.UTC(2050, 11, 31); ms += 86_400_000) {
      const [jy, jm, jd] = intlJalali(ms);
      const g = new Date(ms);
      expect(jalaliToGregorian(jy, jm, jd), `${jy}/${jm}/${jd}`).toEqual({
        year: g.getUTCFullYear(),
        month: g.getUTCMonth() + 1,
        day: g.getUTCDate(),
      });
      checked++;
    }
    expect(checked).toBeGreaterThan(22_000);
  });

  it('agrees with Intl on which years are leap years, 1369–1429', () => {
    for (let jy = 1369; jy <= 1429; jy++) {
      const nowruz = jalaliToGregorian(jy + 1, 1, 1);
      expect(nowruz).not.toBeNull();
      if (!nowruz) continue;
      // Per Intl, the day before our 1 Farvardin must be the last of Esfand: the 30th exactly in leap years.
      const lastOfEsfand = intlJalali(Date.UTC(nowruz.year, nowruz.month - 1, nowruz.day) - 86_400_000);
      expect(lastOfEsfand.slice(0, 2), String(jy)).toEqual([jy, 12]);
      expect(isJalaliLeapYear(jy), String(jy)).toBe(lastOfEsfand[2] === 30);
    }
  });

  it('refuses dates that do not exist', () => {
    expect(jalaliToGregorian(1405, 12, 30)).toBeNull();
    expect(jalaliToGregorian(1405, 13, 1)).toBeNull();
    expect(jalaliToGregorian(1405, 0, 1)).toBeNull();
    expect(jalaliToGregorian(1405, 7, 31)).toBeNull();
    expect(jalaliToGregorian(1405, 6, 32)).toBeNull();
    expect(jalaliToGregorian(1405, 1, 0)).toBeNull();
    expect(jalaliToGregorian(1405.5, 1, 1)).toBeNull();
    expect(jalaliToGregorian(5000, 1, 1)).toBeNull();
  });
});
