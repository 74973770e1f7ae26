import { describe, expect, it } from 'vitest';
import { localIsoFormatter, offsetSpans } from '../../../src-main/core/export/local-iso-time.js';
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

describe('offsetSpans', () => {
  const year2021 = [Date.parse('2021-01-01T00:00:00Z'), Date.parse('2022-01-01T00:00:00Z')] as const;

  it('finds the clock changes of a year to the minute, in a named zone and in the process zone', () => {
    const brief = (spans: ReturnType<typeof offsetSpans>) =>
      spans.map((s) => [new Date(s.from).toISOString(), new Date(s.to).toISOString(), s.text]);
    expect(brief(offsetSpans('Europe/Berlin', ...year2021))).toEqual([
      ['2021-01-01T00:00:00.000Z', '2021-03-28T01:00:00.000Z', '+01:00'],
      ['2021-03-28T01:00:00.000Z', '2021-10-31T01:00:00.000Z', '+02:00'],
      ['2021-10-31T01:00:00.000Z', '2022-01-01T00:00:00.000Z', '+01:00'],
    ]);
    // Tehran (the tests' TZ) still had summer time in 2021: from 22 March 00:00 to 21 September 24:00.
    const tehran = [
      ['2021-01-01T00:00:00.000Z', '2021-03-21T20:30:00.000Z', '+03:30'],
      ['2021-03-21T20:30:00.000Z', '2021-09-21T19:30:00.000Z', '+04:30'],
      ['2021-09-21T19:30:00.000Z', '2022-01-01T00:00:00.000Z', '+03:30'],
    ];
    expect(brief(offsetSpans('Asia/Tehran', ...year2021))).toEqual(tehran);
    expect(brief(offsetSpans(undefined, ...year2021))).toEqual(tehran);
    expect(offsetSpans('America/New_York', ...year2021).map((s) => s.minutes)).toEqual([-300, -240, -300]);
    expect(offsetSpans('Asia/Kathmandu', ...year2021).map((s) => s.text)).toEqual(['+05:45']);
  });

  it('gives every 15-minute slot of the range the offset the formatter writes for it', () => {
    for (const zone of ['Europe/Berlin', 'Asia/Tehran', 'America/St_Johns', 'Australia/Lord_Howe']) {
      const iso = localIsoFormatter(zone);
      const spans = offsetSpans(zone, ...year2021);
      expect(spans[0]!.from).toBe(year2021[0]);
      expect(spans.at(-1)!.to).toBe(year2021[1]);
      for (const [i, s] of spans.entries()) {
        if (i > 0) expect(s.from).toBe(spans[i - 1]!.to);
        for (let t = s.from; t < s.to; t += 15 * 60_000) {
          const text = iso(t + 59_999);
          if (!text.endsWith(s.text)) expect({ zone, at: new Date(t).toISOString(), text }).toBe(s.text);
        }
      }
    }
  });

  it('starts and ends on the 15-minute grid around a range that does not', () => {
    const spans = offsetSpans('UTC', Date.parse('2026-11-25T08:07:00Z'), Date.parse('2026-11-25T09:01:00Z'));
    expect(spans).toEqual([
      {
        from: Date.parse('2026-11-25T08:00:00Z'),
        to: Date.parse('2026-11-25T09:15:00Z'),
        minutes: 0,
        text: '+00:00',
      },
    ]);
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
