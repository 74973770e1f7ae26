/** The counted-time rule of docs/attendance-rules.md section 1, at its boundaries. */
import { describe, expect, it } from 'vitest';
import { countedTime, firstControlCharacter } from '../../../src-main/core/attendance/counted-time.js';

const MIN = 60_000;
const tol = { lateMs: 10 * MIN, futureMs: 2 * MIN };
const received = Date.parse('2026-11-29T12:00:00+03:30');
const judge = (occurredAt: number | null, opts: { explicitDate?: boolean; notBound?: boolean } = {}) =>
  countedTime(
    {
      occurredAt,
      receivedAt: received,
      explicitDate: opts.explicitDate ?? false,
      wasNotBoundAt: () => opts.notBound ?? false,
    },
    tol,
  );

describe('countedTime', () => {
  it('counts the reported time inside the tolerances, both ends included', () => {
    expect(judge(received - 10 * MIN)).toEqual({ countedAt: received - 10 * MIN, flag: null });
    expect(judge(received + 2 * MIN)).toEqual({ countedAt: received + 2 * MIN, flag: null });
  });

  it('counts at receipt, flagged, just outside them; held only when the app was not bound', () => {
    expect(judge(received + 2 * MIN + 1)).toEqual({ countedAt: received, flag: 'future_time' });
    expect(judge(received - 10 * MIN - 1)).toEqual({ countedAt: received, flag: 'late_report' });
    expect(judge(received - 10 * MIN - 1, { notBound: true })).toEqual({
      countedAt: received - 10 * MIN - 1,
      flag: 'held',
    });
    expect(judge(null)).toEqual({ countedAt: received, flag: 'unparsed_time' });
  });

  it('accepts an explicit date of the day of receipt or the day before, and flags any other', () => {
    expect(judge(Date.parse('2026-11-28T00:00:00+03:30'), { explicitDate: true, notBound: true }).flag).toBe('held');
    expect(judge(Date.parse('2026-11-27T23:59:00+03:30'), { explicitDate: true, notBound: true })).toEqual({
      countedAt: received,
      flag: 'date_mismatch',
    });
    expect(judge(Date.parse('2026-11-30T08:00:00+03:30'), { explicitDate: true })).toEqual({
      countedAt: received,
      flag: 'date_mismatch',
    });
  });

  it('finds control characters (C0, DEL, C1) and nothing else', () => {
    expect(firstControlCharacter('Arrival 08:00')).toBeNull();
    expect(firstControlCharacter('Arrival \u200f۰۸:۰۰')).toBeNull();
    expect(firstControlCharacter('Arrival 08:00\n')).toBe(10);
    expect(firstControlCharacter('Arrival\u007f')).toBe(0x7f);
    expect(firstControlCharacter('Arrival\u009b1m')).toBe(0x9b);
  });
});
