import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAttendanceText } from '../../../src-main/core/protocol/attendance-text.js';

/** Asia/Tehran has been UTC+03:30 all year since 2023 (no DST), so expected instants are computed without the code under test. */
const TEHRAN_OFFSET_MS = 3.5 * 3_600_000;
const tehran = (y: number, mo: number, d: number, h: number, mi: number, s = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s) - TEHRAN_OFFSET_MS;

const RECEIVED = tehran(2026, 11, 25, 9, 30);
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const toDigits = (text: string, digits: string): string => text.replace(/[0-9]/g, (d) => digits.charAt(Number(d)));

describe('parseAttendanceText', () => {
  it('runs in the Asia/Tehran zone the expectations assume', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Asia/Tehran');
  });

  it('reads the phones’ messages, keeping the raw time text', () => {
    expect(parseAttendanceText('Arrival 08:31', RECEIVED)).toEqual({
      ok: true,
      status: 'arrival',
      reportedTime: ' 08:31',
      occurredAt: tehran(2026, 11, 25, 8, 31),
    });
    expect(parseAttendanceText('Exit 17:05', RECEIVED)).toEqual({
      ok: true,
      status: 'exit',
      reportedTime: ' 17:05',
      occurredAt: tehran(2026, 11, 25, 17, 5),
    });
    expect(parseAttendanceText('Arrival 2026-11-25 08:31:07', RECEIVED)).toEqual({
      ok: true,
      status: 'arrival',
      reportedTime: ' 2026-11-25 08:31:07',
      occurredAt: tehran(2026, 11, 25, 8, 31, 7),
    });
  });

  it('puts a bare time on the local day of receipt, not the UTC day', () => {
    const justAfterLocalMidnight = tehran(2026, 11, 25, 0, 30); // still 24 November in UTC
    expect(new Date(justAfterLocalMidnight).getUTCDate()).toBe(24);
    expect(parseAttendanceText('Arrival 08:31:15', justAfterLocalMidnight)).toMatchObject({
      occurredAt: tehran(2026, 11, 25, 8, 31, 15),
    });
  });

  it('puts a bare time more than 12 hours after receipt on the day before (sent before midnight, received after)', () => {
    const justAfterMidnight = tehran(2026, 11, 26, 0, 1);
    expect(parseAttendanceText('Exit 23:59', justAfterMidnight)).toMatchObject({
      occurredAt: tehran(2026, 11, 25, 23, 59),
    });
    expect(parseAttendanceText('Exit 11:59', justAfterMidnight)).toMatchObject({
      occurredAt: tehran(2026, 11, 26, 11, 59),
    });
    // A phone clock a few minutes ahead stays on the same day.
    expect(parseAttendanceText('Exit 17:09', tehran(2026, 11, 25, 17, 5))).toMatchObject({
      occurredAt: tehran(2026, 11, 25, 17, 9),
    });
  });

  it('reads Persian and Arabic-Indic digits, with or without bidi marks', () => {
    expect(parseAttendanceText(`Arrival ${toDigits('08:31', PERSIAN)}`, RECEIVED)).toMatchObject({
      status: 'arrival',
      reportedTime: ' ۰۸:۳۱',
      occurredAt: tehran(2026, 11, 25, 8, 31),
    });
    expect(parseAttendanceText(`Exit ${toDigits('2026/11/25 17:05', ARABIC_INDIC)}`, RECEIVED)).toMatchObject({
      status: 'exit',
      occurredAt: tehran(2026, 11, 25, 17, 5),
    });
    expect(parseAttendanceText('Exit \u200f۱۷:۰۵\u200f', RECEIVED)).toMatchObject({
      occurredAt: tehran(2026, 11, 25, 17, 5),
    });
  });

  it('converts Jalali dates (year below 1700)', () => {
    expect(parseAttendanceText('Arrival 1405/09/04 08:31', RECEIVED)).toMatchObject({
      occurredAt: tehran(2026, 11, 25, 8, 31),
    });
    expect(parseAttendanceText(`Arrival ${toDigits('1405/09/04 08:31', PERSIAN)}`, RECEIVED)).toMatchObject({
      occurredAt: tehran(2026, 11, 25, 8, 31),
    });
    expect(parseAttendanceText('Exit 1403-12-30 17:00', RECEIVED)).toMatchObject({
      occurredAt: tehran(2025, 3, 20, 17, 0),
    });
    expect(parseAttendanceText('Exit 1405/01/01 09:00', RECEIVED)).toMatchObject({
      occurredAt: tehran(2026, 3, 21, 9, 0),
    });
  });

  it('accepts a digit straight after the word', () => {
    expect(parseAttendanceText('Arrival08:31', RECEIVED)).toMatchObject({
      ok: true,
      reportedTime: '08:31',
      occurredAt: tehran(2026, 11, 25, 8, 31),
    });
    expect(parseAttendanceText('Exit۱۷:۰۵', RECEIVED)).toMatchObject({
      ok: true,
      status: 'exit',
      reportedTime: '۱۷:۰۵',
    });
    expect(parseAttendanceText('Exit\t17:05', RECEIVED)).toMatchObject({
      ok: true,
      occurredAt: tehran(2026, 11, 25, 17, 5),
    });
  });

  it('keeps unparseable or impossible times as text with no timestamp', () => {
    for (const text of [
      'Arrival',
      'Arrival ',
      'Arrival 25:00',
      'Arrival 08:60',
      'Arrival 08:31:60',
      'Arrival 2026-13-01 08:00',
      'Arrival 2026-02-29 08:00', // 2026 is not a leap year
      'Arrival 2026-04-31 08:00',
      'Arrival 1405/12/30 08:00', // 1405 is not a Jalali leap year
      'Arrival 1405/13/01 08:00',
      'Arrival 2026-11/25 08:31', // mixed separators
      'Arrival 08:31 please',
      'Arrival morning',
      'Arrival 0831',
    ]) {
      const parsed = parseAttendanceText(text, RECEIVED);
      expect(parsed, text).toMatchObject({ ok: true, status: 'arrival', occurredAt: null });
      expect(parsed.ok && parsed.reportedTime, text).toBe(text.slice('Arrival'.length));
    }
  });

  it('rejects anything that does not start with the exact status word', () => {
    for (const text of [
      'Arrivals 08:31',
      'ArrivalX',
      'Exited 17:05',
      'arrival 08:31',
      'EXIT 17:05',
      ' Arrival 08:31',
      '',
      'Hello',
      'ورود ۰۸:۳۱',
    ]) {
      expect(parseAttendanceText(text, RECEIVED), text).toEqual({ ok: false, reason: { code: 'unknown-status' } });
    }
  });

  it('reads any Gregorian date-time in any digit system (property)', () => {
    const instant = fc.date({
      min: new Date('2023-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom('0123456789', PERSIAN, ARABIC_INDIC),
        fc.constantFrom('-', '/'),
        (date, digits, sep) => {
          const local = new Date(date.getTime() + TEHRAN_OFFSET_MS); // Tehran wall clock read through the UTC getters
          const pad = (n: number): string => String(n).padStart(2, '0');
          const text = `${local.getUTCFullYear()}${sep}${pad(local.getUTCMonth() + 1)}${sep}${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
          const parsed = parseAttendanceText(`Exit ${toDigits(text, digits)}`, RECEIVED);
          expect(parsed).toMatchObject({ ok: true, occurredAt: Math.floor(date.getTime() / 1000) * 1000 });
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('reads any Jalali date-time as Intl’s persian calendar writes it (property)', () => {
    const persian = new Intl.DateTimeFormat('en-US-u-ca-persian-nu-arabext', {
      timeZone: 'Asia/Tehran',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const instant = fc.date({
      min: new Date('2023-01-01T00:00:00Z'),
      max: new Date('2035-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instant, (date) => {
        const parts = Object.fromEntries(persian.formatToParts(date).map((p) => [p.type, p.value]));
        const text = `${parts.year}/${parts.month}/${parts.day} ${parts.hour}:${parts.minute}`;
        expect(parseAttendanceText(`Arrival ${text}`, RECEIVED), text).toMatchObject({
          ok: true,
          occurredAt: Math.floor(date.getTime() / 60_000) * 60_000,
        });
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
