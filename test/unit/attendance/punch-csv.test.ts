import { describe, expect, it } from 'vitest';
import { parsePunchesCsv, parseTime } from '../../../src-main/core/attendance/punch-csv.js';
import { ReasonError } from '../../../src-main/core/reason-error.js';

const IR = { defaultCountry: 'IR' };

/** The ReasonError a parse throws (the test fails when it does not throw one). */
function refusal(text: string, options: Parameters<typeof parsePunchesCsv>[1] = IR): ReasonError['reason'] {
  try {
    parsePunchesCsv(text, options);
  } catch (error) {
    if (error instanceof ReasonError) return error.reason;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('parsePunchesCsv', () => {
  it('reads ISO 8601 times with an offset and local YYYY-MM-DD HH:MM times (TZ Asia/Tehran), numbers normalised', () => {
    expect(process.env.TZ).toBe('Asia/Tehran');
    const rows = parsePunchesCsv(
      '\uFEFFphone,status,time\n' +
        '09102211824,Arrival,2026-11-25 08:05\n' +
        '+98 912 123 4567,exit,2026-11-25T17:45:30+03:30\n' +
        '989102211824,EXIT,2026-11-25T13:00:00Z\n' +
        '۰۹۱۰۲۲۱۱۸۲۴,arrival,۲۰۲۶-۱۱-۲۶ ۰۷:۵۹\n',
      IR,
    );
    expect(rows).toEqual([
      { line: 2, phone: '989102211824', status: 'arrival', at: Date.parse('2026-11-25T08:05:00+03:30') },
      { line: 3, phone: '989121234567', status: 'exit', at: Date.parse('2026-11-25T17:45:30+03:30') },
      { line: 4, phone: '989102211824', status: 'exit', at: Date.parse('2026-11-25T16:30:00+03:30') },
      { line: 5, phone: '989102211824', status: 'arrival', at: Date.parse('2026-11-26T07:59:00+03:30') },
    ]);
  });

  it('takes the columns in the order of the header, or phone,status,time without one; blank lines are skipped', () => {
    const withHeader = parsePunchesCsv('time,note,status,phone\n2026-11-25 08:05,late bus,arrival,09102211824\n', IR);
    expect(withHeader).toEqual([
      { line: 2, phone: '989102211824', status: 'arrival', at: Date.parse('2026-11-25T08:05:00+03:30') },
    ]);
    const noHeader = parsePunchesCsv(
      '\n09102211824,exit,2026-11-25 16:00\n\n09121234567,arrival,2026-11-25 08:00\n',
      IR,
    );
    expect(noHeader.map((r) => [r.line, r.phone, r.status])).toEqual([
      [2, '989102211824', 'exit'],
      [4, '989121234567', 'arrival'],
    ]);
    expect(parsePunchesCsv('phone,status,time\n', IR)).toEqual([]);
  });

  it.each([
    [
      'phone,status,time\n09102211824,arrival,2026-11-25 08:05\n09102211824,leave,2026-11-25 16:00\n',
      3,
      /'leave' is not arrival or exit/,
    ],
    ['09102211824,arrival,2026-11-25 08:05\n,arrival,2026-11-25 08:06\n', 2, /no phone number/],
    ['09102211824,arrival,2026-11-25 8:05\n', 1, /not YYYY-MM-DD HH:MM/],
    ['09102211824,arrival,25/11/2026 08:05\n', 1, /not YYYY-MM-DD HH:MM/],
    ['09102211824,arrival,2026-02-30 08:05\n', 1, /not a real date/],
    ['09102211824,arrival,2026-11-25 24:00\n', 1, /not a real date/],
    ['09102211824,arrival,2026-11-25T08:05+15:00\n', 1, /not a real UTC offset/],
    ['09102211824,arrival,\n', 1, /the time is empty/],
    ['09102211824,arrival\n', 1, /the time is empty/],
    ['0910abc,arrival,2026-11-25 08:05\n', 1, /not a phone number|0910abc/],
    ['phone,status\n09102211824,arrival\n', 1, /no 'time' column/],
    ['phone,status,time\n"0910,arrival,2026-11-25 08:05\n', 2, /not valid CSV/],
    ['phone,status,time\n"a\nb",arrival,2026-11-25 08:05\n', 2, /.+/],
  ])('%j is refused naming line %i', (text, line, detail) => {
    const reason = refusal(text);
    expect(reason.code).toBe('punch-import-invalid');
    const params = (reason as { params: { line: number; detail: string } }).params;
    expect(params.line).toBe(line);
    expect(params.detail).toMatch(detail);
  });

  it('refuses a time after now, and files over the size or row limits', () => {
    const now = Date.parse('2026-11-25T12:00:00+03:30');
    expect(parsePunchesCsv('09102211824,arrival,2026-11-25 12:00\n', { ...IR, now })).toHaveLength(1);
    const future = refusal('09102211824,arrival,2026-11-25 08:00\n09102211824,exit,2026-11-25 12:01\n', { ...IR, now });
    expect(future).toEqual({
      code: 'punch-import-invalid',
      params: { line: 2, detail: "the time '2026-11-25 12:01' is in the future" },
    });
    const text = '09102211824,arrival,2026-11-25 08:00\n'.repeat(3);
    expect(refusal(text, { ...IR, limits: { maxBytes: 100, maxRows: 10 } })).toEqual({
      code: 'csv-too-large',
      params: { bytes: text.length, max: 100 },
    });
    expect(refusal(text, { ...IR, limits: { maxBytes: 10_000, maxRows: 2 } })).toEqual({
      code: 'csv-too-many-rows',
      params: { max: 2 },
    });
  });
});

describe('parseTime', () => {
  it('reads offsets with and without a colon, seconds and milliseconds', () => {
    expect(parseTime('2026-11-25T08:05:00-0500')).toBe(Date.parse('2026-11-25T13:05:00Z'));
    expect(parseTime('2026-11-25 08:05:07.250+03:30')).toBe(Date.parse('2026-11-25T04:35:07Z'));
    expect(parseTime('2026-11-25t08:05z')).toBe(Date.parse('2026-11-25T08:05:00Z'));
  });

  it('reads a local time in the process time zone, including Tehran before 2022 (summer time)', () => {
    expect(parseTime('2021-06-01 09:00')).toBe(Date.parse('2021-06-01T09:00:00+04:30'));
    expect(parseTime('2026-06-01 09:00')).toBe(Date.parse('2026-06-01T09:00:00+03:30'));
    // 22 March 2021, 00:00 → 01:00 in Tehran: 00:30 that night never happened.
    expect(parseTime('2021-03-22 00:30')).toMatch(/does not exist/);
  });
});
