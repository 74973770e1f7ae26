import { describe, expect, it } from 'vitest';
import { localIsoFormatter } from '../../../src-main/core/export/local-iso-time.js';
import { neutraliseFormula } from '../../../src-main/core/export/csv-injection.js';
import { dayRange } from '../../../src-main/core/export/day-range.js';

describe('localIsoFormatter', () => {
  it('formats in the process zone (Asia/Tehran in tests) with its offset, to the second', () => {
    const iso = localIsoFormatter();
    expect(iso(Date.parse('2026-11-25T05:01:00.999Z'))).toBe('2026-11-25T08:31:00+03:30');
    expect(iso(Date.parse('1999-12-31T20:29:59Z'))).toBe('1999-12-31T23:59:59+03:30');
  });

  it('formats in a named zone, across DST changes and negative offsets', () => {
    const ny = localIsoFormatter('America/New_York');
    expect(ny(Date.parse('2026-07-01T12:00:00Z'))).toBe('2026-07-01T08:00:00-04:00');
    expect(ny(Date.parse('2026-12-01T12:00:00Z'))).toBe('2026-12-01T07:00:00-05:00');
    // The spring-forward instant (07:00Z = 03:00 EDT) and one second before it (01:59:59 EST).
    expect(ny(Date.parse('2026-03-08T06:59:59Z'))).toBe('2026-03-08T01:59:59-05:00');
    expect(ny(Date.parse('2026-03-08T07:00:00Z'))).toBe('2026-03-08T03:00:00-04:00');
    expect(localIsoFormatter('Asia/Kathmandu')(Date.parse('2026-01-01T00:00:00Z'))).toBe('2026-01-01T05:45:00+05:45');
    expect(localIsoFormatter('UTC')(0)).toBe('1970-01-01T00:00:00+00:00');
    expect(() => localIsoFormatter('Mars/Olympus')).toThrow(RangeError);
  });
});

describe('neutraliseFormula', () => {
  it('prefixes cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=1+1', '+98', '-2', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    for (const cell of [' 08:31', '989102211824', 'Sara', 'سارا', '', "'x"]) expect(neutraliseFormula(cell)).toBe(cell);
  });
});

describe('dayRange', () => {
  it('makes local days, the end inclusive', () => {
    expect(dayRange()).toEqual({});
    const r = dayRange('2026-11-01', '2026-11-30');
    expect(new Date(r.fromMs!).toISOString()).toBe('2026-10-31T20:30:00.000Z');
    expect(new Date(r.toMs!).toISOString()).toBe('2026-11-30T20:30:00.000Z');
    expect(dayRange(undefined, '2026-11-30')).toEqual({ toMs: r.toMs });
    expect(dayRange('2026-11-25', '2026-11-25').toMs! - dayRange('2026-11-25').fromMs!).toBe(86_400_000);
  });

  it('refuses impossible dates and reversed ranges', () => {
    expect(() => dayRange('2026-02-30')).toThrow(/'2026-02-30' is not a date: month 02 of 2026 has 28 days/);
    expect(() => dayRange('2026-11-02', '2026-11-01')).toThrow(
      new RangeError('the start date 2026-11-02 is after the end date 2026-11-01'),
    );
  });
});
