import { describe, expect, it } from 'vitest';
import { summarisePersonDay, type DayEvent } from '../../../src-main/core/store/day-summary.js';
import { localDayBounds } from '../../../src-main/core/store/local-day.js';

const ev = (status: DayEvent['status'], at: number, name: string | null = 'Sara'): DayEvent => ({
  phone: '98910',
  employeeId: name ? 1 : null,
  name,
  status,
  at,
});

describe('summarisePersonDay', () => {
  it('pairs each arrival with the next exit', () => {
    const row = summarisePersonDay(
      [ev('arrival', 100), ev('exit', 200), ev('arrival', 300), ev('exit', 450)],
      10_000,
      5_000,
    );
    expect(row).toEqual({
      phone: '98910',
      employeeId: 1,
      name: 'Sara',
      firstArrival: 100,
      lastExit: 450,
      presentMs: 250,
      openArrival: false,
      events: 4,
    });
  });

  it('keeps the first of two arrivals, ignores an exit without arrival, and counts an open arrival until min(day end, now)', () => {
    expect(
      summarisePersonDay([ev('exit', 50), ev('arrival', 100), ev('arrival', 150), ev('exit', 300)], 1000, 2000)
        .presentMs,
    ).toBe(200);
    expect(summarisePersonDay([ev('arrival', 100)], 1000, 400)).toMatchObject({
      presentMs: 300,
      openArrival: true,
      lastExit: null,
    });
    expect(summarisePersonDay([ev('arrival', 100)], 1000, 5000)).toMatchObject({ presentMs: 900, openArrival: true });
    expect(summarisePersonDay([ev('arrival', 100)], 1000, 50).presentMs).toBe(0);
    expect(summarisePersonDay([ev('exit', 100, null)], 1000, 50)).toMatchObject({
      firstArrival: null,
      lastExit: 100,
      presentMs: 0,
      name: null,
      employeeId: null,
    });
  });
});

describe('localDayBounds (TZ Asia/Tehran)', () => {
  it('gives local midnight to midnight', () => {
    const { start, end } = localDayBounds('2026-11-25');
    expect(new Date(start).toISOString()).toBe('2026-11-24T20:30:00.000Z');
    expect(end - start).toBe(24 * 3_600_000);
  });

  it('refuses dates that do not exist, with the reason', () => {
    expect(() => localDayBounds('2026-02-30')).toThrow(
      new RangeError("'2026-02-30' is not a date: month 02 of 2026 has 28 days"),
    );
    expect(() => localDayBounds('2028-02-30')).toThrow(/has 29 days/);
    expect(() => localDayBounds('2026-13-01')).toThrow(/no month 13/);
    expect(() => localDayBounds('2026-01-00')).toThrow(RangeError);
    expect(() => localDayBounds('26-1-1')).toThrow(/YYYY-MM-DD/);
  });
});
