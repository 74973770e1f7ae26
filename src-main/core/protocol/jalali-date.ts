/**
 * Jalali (Solar Hijri) → Gregorian conversion for dates the phones may send, e.g. `1405/09/04`.
 *
 * `Intl` only formats *into* the Persian calendar, it cannot parse out of it, so this uses the
 * well-known jalCal algorithm of Kazimierz M. Borkowski as published in jalaali-js (MIT): the
 * table of "break" years gives the leap-year pattern of the astronomical calendar for years
 * -61…3177. Tests cross-check it against `Intl`'s persian calendar day by day.
 */

export type GregorianDate = { year: number; month: number; day: number };

const BREAKS = [
  -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
];

const DAY_MS = 86_400_000;

/** Converts a Jalali date to Gregorian; null when the date does not exist (month 13, 30 Esfand of a common year, …). */
export function jalaliToGregorian(jy: number, jm: number, jd: number): GregorianDate | null {
  if (!Number.isInteger(jy) || !Number.isInteger(jm) || !Number.isInteger(jd)) return null;
  const first = BREAKS[0] as number;
  const last = BREAKS[BREAKS.length - 1] as number;
  if (jy < first || jy >= last) return null;
  if (jm < 1 || jm > 12 || jd < 1 || jd > jalaliMonthLength(jy, jm)) return null;

  const { gy, march } = jalCal(jy);
  // Days before month jm: months 1–6 have 31 days, months 7–11 have 30.
  const dayOfYear = (jm <= 7 ? (jm - 1) * 31 : 186 + (jm - 7) * 30) + jd - 1;
  const date = new Date(Date.UTC(gy, 2, march) + dayOfYear * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function isJalaliLeapYear(jy: number): boolean {
  return jalCal(jy).leap === 0;
}

function jalaliMonthLength(jy: number, jm: number): number {
  if (jm <= 6) return 31;
  if (jm <= 11) return 30;
  return isJalaliLeapYear(jy) ? 30 : 29;
}

/**
 * For Jalali year `jy`: the Gregorian year in which it starts, the day of March of 1 Farvardin,
 * and `leap` (0 for a leap year; years since the last leap year otherwise).
 */
function jalCal(jy: number): { gy: number; march: number; leap: number } {
  const gy = jy + 621;
  let leapJ = -14;
  let jp = BREAKS[0] as number;
  let jump = 0;
  for (let i = 1; i < BREAKS.length; i++) {
    const jm = BREAKS[i] as number;
    jump = jm - jp;
    if (jy < jm) break;
    leapJ += div(jump, 33) * 8 + div(mod(jump, 33), 4);
    jp = jm;
  }
  let n = jy - jp;
  leapJ += div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
  if (mod(jump, 33) === 4 && jump - n === 4) leapJ += 1;
  const leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
  const march = 20 + leapJ - leapG;

  if (jump - n < 6) n = n - jump + div(jump + 4, 33) * 33;
  let leap = mod(mod(n + 1, 33) - 1, 4);
  if (leap === -1) leap = 4;
  return { gy, march, leap };
}

/** Integer division truncating toward zero, as in the published algorithm. */
function div(a: number, b: number): number {
  return Math.trunc(a / b);
}

function mod(a: number, b: number): number {
  return a - Math.trunc(a / b) * b;
}
