import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_CONFIG,
  evaluateAlerts,
  inWorkingHours,
  sameAlerts,
  type AlertInputs,
} from '../../../src-main/core/alerts/alert-rules.js';

/** Local time: 2026-11-29 is a Sunday (a working day), 2026-11-27 a Friday (not). */
const at = (day: number, h: number, m = 0): number => new Date(2026, 10, day, h, m).getTime();
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

function inputs(over: Partial<AlertInputs> & { now: number }): AlertInputs {
  return {
    notBoundSince: null,
    ackFailures: [],
    queueSamples: [],
    ackRatePerMinute: 0,
    disk: null,
    backup: null,
    ...over,
  };
}
const codes = (i: AlertInputs): string[] => evaluateAlerts(i).map((a) => a.code);

describe('working hours', () => {
  it('Saturday to Wednesday, 07:00 to 19:00 by default', () => {
    const h = DEFAULT_ALERT_CONFIG.workingHours;
    expect(inWorkingHours(at(29, 7, 0), h)).toBe(true); // Sunday
    expect(inWorkingHours(at(29, 6, 59), h)).toBe(false);
    expect(inWorkingHours(at(29, 19, 0), h)).toBe(false);
    expect(inWorkingHours(at(28, 10), h)).toBe(true); // Saturday
    expect(inWorkingHours(at(26, 10), h)).toBe(false); // Thursday
    expect(inWorkingHours(at(27, 10), h)).toBe(false); // Friday
  });

  it('a shift over midnight belongs to the day it started', () => {
    const night = { days: [0], from: '22:00', to: '06:00' };
    expect(inWorkingHours(at(29, 23), night)).toBe(true); // Sunday night
    expect(inWorkingHours(at(30, 5), night)).toBe(true); // Monday early: Sunday's shift
    expect(inWorkingHours(at(30, 23), night)).toBe(false);
  });

  it('from equal to to: the whole day', () => {
    const allDay = { days: [0], from: '00:00', to: '00:00' };
    expect(inWorkingHours(at(29, 0, 0), allDay)).toBe(true);
    expect(inWorkingHours(at(29, 23, 59), allDay)).toBe(true);
    expect(inWorkingHours(at(30, 12), allDay)).toBe(false);
  });
});

describe('evaluateAlerts', () => {
  it('the gateway not bound for more than 5 minutes during working hours, not outside them', () => {
    const since = at(29, 9, 0);
    expect(codes(inputs({ now: since + 5 * MIN, notBoundSince: since }))).toEqual([]);
    const alerts = evaluateAlerts(inputs({ now: since + 5 * MIN + 1000, notBoundSince: since }));
    expect(alerts).toEqual([{ code: 'gatewayDown', since, minutes: 5 }]);
    expect(codes(inputs({ now: at(27, 10), notBoundSince: at(27, 8) }))).toEqual([]); // Friday
    // Down since the night: told as the working day starts.
    expect(codes(inputs({ now: at(29, 7, 0), notBoundSince: at(29, 2) }))).toEqual(['gatewayDown']);
    expect(codes(inputs({ now: at(29, 10), notBoundSince: null }))).toEqual([]);
  });

  it('acks failing: three failures within 30 minutes, forgotten after', () => {
    const now = at(29, 10);
    expect(codes(inputs({ now, ackFailures: [now - 40 * MIN, now - 5 * MIN, now - MIN] }))).toEqual([]);
    expect(evaluateAlerts(inputs({ now, ackFailures: [now - 20 * MIN, now - 5 * MIN, now - MIN] }))).toEqual([
      { code: 'acksFailing', failed: 3, windowMinutes: 30 },
    ]);
  });

  it('the ack queue growing for 10 minutes while bound', () => {
    const now = at(29, 10);
    const series = (values: number[]): AlertInputs['queueSamples'] =>
      values.map((queued, i) => ({ at: now - (values.length - 1 - i) * 2 * MIN, queued, sent: 0 }));
    expect(evaluateAlerts(inputs({ now, queueSamples: series([4, 6, 9, 12, 15, 20]) }))).toEqual([
      { code: 'ackQueueGrowing', queued: 20, was: 4, minutes: 10 },
    ]);
    expect(codes(inputs({ now, queueSamples: series([4, 6, 2, 12, 15, 20]) }))).toEqual([]); // it drained in between
    expect(codes(inputs({ now, queueSamples: series([1, 2, 3, 4, 5, 6]) }))).toEqual([]); // small
    expect(codes(inputs({ now, queueSamples: series([15, 20]) }))).toEqual([]); // not watched long enough
    expect(codes(inputs({ now, queueSamples: series([20, 20, 20, 20, 20, 20]) }))).toEqual([]); // stuck but not growing
  });

  it('a queue that grows only because of the ack pace is not an alert; acks leaving well below the pace are', () => {
    const now = at(29, 8);
    // Samples 2 minutes apart over 10 minutes; `sent` counts the acks the gateway accepted.
    const series = (values: number[], sentPerSample: number): AlertInputs['queueSamples'] =>
      values.map((queued, i) => ({
        at: now - (values.length - 1 - i) * 2 * MIN,
        queued,
        sent: 100 + i * sentPerSample,
      }));
    const burst = [4, 9, 15, 22, 30, 40]; // the morning's arrivals, faster than one ack a minute
    // One a minute (the default): 10 acks went in 10 minutes, as the pace allows.
    expect(codes(inputs({ now, ackRatePerMinute: 1, queueSamples: series(burst, 2) }))).toEqual([]);
    // Half the pace still counts as keeping it (a sample may fall just before a send).
    expect(codes(inputs({ now, ackRatePerMinute: 1, queueSamples: series(burst, 1) }))).toEqual([]);
    // None left in 10 minutes at one a minute: the gateway is not taking them.
    expect(evaluateAlerts(inputs({ now, ackRatePerMinute: 1, queueSamples: series(burst, 0) }))).toEqual([
      { code: 'ackQueueGrowing', queued: 40, was: 4, minutes: 10 },
    ]);
    // 600 a minute allows 6,000 in 10 minutes; 50 is far below: the phone's limit, most likely.
    expect(codes(inputs({ now, ackRatePerMinute: 600, queueSamples: series(burst, 10) }))).toEqual(['ackQueueGrowing']);
    expect(codes(inputs({ now, ackRatePerMinute: 600, queueSamples: series(burst, 600) }))).toEqual([]);
    // Without a pace, acks go as fast as the gateway answers: ten minutes of growth is an alert whatever left.
    expect(codes(inputs({ now, ackRatePerMinute: 0, queueSamples: series(burst, 600) }))).toEqual(['ackQueueGrowing']);
    // The share is configurable.
    expect(
      evaluateAlerts(inputs({ now, ackRatePerMinute: 1, queueSamples: series(burst, 1) }), {
        ...DEFAULT_ALERT_CONFIG,
        ackPaceShare: 0.8,
      }).map((a) => a.code),
    ).toEqual(['ackQueueGrowing']);
  });

  it('the disk nearly full', () => {
    const now = at(29, 10);
    expect(evaluateAlerts(inputs({ now, disk: { freeBytes: 200 * 1024 * 1024, folder: '/data' } }))).toEqual([
      { code: 'diskLow', freeBytes: 200 * 1024 * 1024, folder: '/data' },
    ]);
    expect(codes(inputs({ now, disk: { freeBytes: 50 * 1024 ** 3, folder: '/data' } }))).toEqual([]);
  });

  it('the last good backup older than two days, a failed latest backup, no backup since watching began', () => {
    const now = at(29, 10);
    const backup = (
      lastGoodAt: number | null,
      lastFailed: { at: number; error: string } | null = null,
      watchingSince = now - MIN,
    ) => ({ lastGoodAt, watchingSince, lastFailed });
    expect(codes(inputs({ now, backup: backup(now - DAY) }))).toEqual([]);
    expect(evaluateAlerts(inputs({ now, backup: backup(now - 3 * DAY) }))).toEqual([
      { code: 'backupOld', lastGoodAt: now - 3 * DAY, days: 3 },
    ]);
    expect(codes(inputs({ now, backup: backup(null) }))).toEqual([]); // just started
    expect(codes(inputs({ now, backup: backup(null, null, now - 3 * DAY) }))).toEqual(['backupOld']);
    expect(codes(inputs({ now, backup: backup(now - DAY, { at: now - MIN, error: 'disk full' }) }))).toEqual([
      'backupFailed',
    ]);
    expect(codes(inputs({ now, backup: backup(now - MIN, { at: now - DAY, error: 'disk full' }) }))).toEqual([]); // a good one since
  });

  it('sameAlerts: the minutes counting up are no change, a new outage is', () => {
    const a = evaluateAlerts(inputs({ now: at(29, 9, 10), notBoundSince: at(29, 9) }));
    const b = evaluateAlerts(inputs({ now: at(29, 9, 20), notBoundSince: at(29, 9) }));
    const c = evaluateAlerts(inputs({ now: at(29, 9, 20), notBoundSince: at(29, 9, 5) }));
    expect(sameAlerts(a, b)).toBe(true);
    expect(sameAlerts(a, c)).toBe(false);
    expect(sameAlerts(a, [])).toBe(false);
  });
});

describe('working hours as the command line writes them', async () => {
  const { parseWorkingHours } = await import('../../../src-main/core/alerts/working-hours-text.js');
  it('day ranges run forward through the week', () => {
    expect(parseWorkingHours('sat-wed 07:00-19:00')).toEqual({ days: [0, 1, 2, 3, 6], from: '07:00', to: '19:00' });
    expect(parseWorkingHours('sun,tue 08:00-16:30')).toEqual({ days: [0, 2], from: '08:00', to: '16:30' });
    expect(parseWorkingHours('all')).toEqual({ days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' });
  });
  it('says what is wrong', () => {
    expect(() => parseWorkingHours('weekdays')).toThrow(/like 'sat-wed 07:00-19:00'/);
    expect(() => parseWorkingHours('sat-fun 07:00-19:00')).toThrow(/unknown day/);
    expect(() => parseWorkingHours('sat 25:00-19:00')).toThrow(/not a time/);
  });
});
