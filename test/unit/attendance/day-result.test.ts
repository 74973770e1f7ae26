/**
 * The day rules of docs/attendance-rules.md sections 2 and 3, case by case, through
 * buildEmployeeDays (TZ=Asia/Tehran; 2026-11-22 is a Sunday, the 26th a Thursday).
 */
import { describe, expect, it } from 'vitest';
import { computeDay } from '../../../src-main/core/attendance/day-result.js';
import { localDay } from '../../../src-main/core/attendance/calendar.js';
import { summarize } from '../../../src-main/core/attendance/timesheet.js';
import { arrive, at, day, days, hm, leave, leaveOf, officeShift } from './timesheet-fixtures.js';

const SUN = '2026-11-22';
const MON = '2026-11-23';
const TUE = '2026-11-24';
const WED = '2026-11-25';
const THU = '2026-11-26';
const FRI = '2026-11-27';
const hours = (start: string, end: string) => ({ start: hm(start), end: hm(end) });

describe('a plain workday', () => {
  it('pairs an arrival with an exit: present, 480 worked, nothing late', () => {
    const d = day({ from: SUN, punches: [arrive(`${SUN} 08:00`), leave(`${SUN} 16:00`)] });
    expect(d).toMatchObject({
      status: 'present',
      dayType: 'workday',
      shiftId: 1,
      shiftName: 'Office',
      scheduledMinutes: 480,
      workedMinutes: 480,
      lateMinutes: 0,
      earlyLeaveMinutes: 0,
      overtimeMinutes: 0,
      shortfallMinutes: 0,
      flags: [],
      covered: true,
      inProgress: false,
      corrected: false,
      pairs: [{ in: at(`${SUN} 08:00`), out: at(`${SUN} 16:00`) }],
      firstIn: at(`${SUN} 08:00`),
      lastOut: at(`${SUN} 16:00`),
    });
  });

  it('is absent with no punches on a covered day, no_data without coverage', () => {
    expect(day({ from: SUN })).toMatchObject({ status: 'absent', shortfallMinutes: 480, covered: true });
    expect(day({ from: SUN, connection: [] })).toMatchObject({
      status: 'no_data',
      shortfallMinutes: 0,
      covered: false,
    });
  });

  it('cuts times to whole minutes before computing', () => {
    const d = day({ from: SUN, punches: [arrive(`${SUN} 08:10:59`), leave(`${SUN} 15:59:59`)] });
    expect(d.firstIn).toBe(at(`${SUN} 08:10`));
    expect(d.workedMinutes).toBe(15 * 60 + 59 - (8 * 60 + 10));
    expect(d.lateMinutes).toBe(0);
  });
});

describe('grace (strict comparisons)', () => {
  it('an arrival at exactly start + grace is not late; a minute later it is late by all its minutes', () => {
    expect(day({ from: SUN, punches: [arrive(`${SUN} 08:10`), leave(`${SUN} 16:00`)] }).lateMinutes).toBe(0);
    const late = day({ from: SUN, punches: [arrive(`${SUN} 08:11`), leave(`${SUN} 16:00`)] });
    expect(late.lateMinutes).toBe(11);
    expect(late.shortfallMinutes).toBe(11);
  });

  it('an exit at exactly end − grace is not early leave; a minute earlier it is', () => {
    expect(day({ from: SUN, punches: [arrive(`${SUN} 08:00`), leave(`${SUN} 15:50`)] }).earlyLeaveMinutes).toBe(0);
    const early = day({ from: SUN, punches: [arrive(`${SUN} 08:00`), leave(`${SUN} 15:49`)] });
    expect(early.earlyLeaveMinutes).toBe(11);
    expect(early.shortfallMinutes).toBe(11);
  });

  it('uses the shift’s own graces', () => {
    const shift = officeShift({ lateGraceMinutes: 0, earlyGraceMinutes: 30 });
    const d = day({
      from: SUN,
      shifts: [shift],
      defaultShift: shift,
      punches: [arrive(`${SUN} 08:01`), leave(`${SUN} 15:30`)],
    });
    expect(d.lateMinutes).toBe(1);
    expect(d.earlyLeaveMinutes).toBe(0);
  });
});

describe('pairs', () => {
  it('two arrivals in a row: the second starts a new pair, the first is missing_exit', () => {
    const d = day({ from: SUN, punches: [arrive(`${SUN} 08:00`), arrive(`${SUN} 08:30`), leave(`${SUN} 16:00`)] });
    expect(d.pairs).toEqual([
      { in: at(`${SUN} 08:00`), out: null },
      { in: at(`${SUN} 08:30`), out: at(`${SUN} 16:00`) },
    ]);
    expect(d).toMatchObject({ status: 'present', flags: ['missing_exit'], workedMinutes: 450, lateMinutes: 0 });
    expect(d.firstIn).toBe(at(`${SUN} 08:00`));
  });

  it('an exit with no arrival is missing_arrival; alone it makes the day incomplete', () => {
    const alone = day({ from: SUN, punches: [leave(`${SUN} 16:00`)] });
    expect(alone).toMatchObject({
      status: 'incomplete',
      flags: ['missing_arrival'],
      workedMinutes: 0,
      lateMinutes: 0,
      earlyLeaveMinutes: 0,
      shortfallMinutes: 0,
      firstIn: null,
      covered: true,
    });
    const then = day({
      from: SUN,
      punches: [leave(`${SUN} 12:00`), arrive(`${SUN} 13:00`), leave(`${SUN} 16:00`)],
    });
    expect(then).toMatchObject({ status: 'present', flags: ['missing_arrival'], workedMinutes: 180 });
    expect(then.pairs[0]).toEqual({ in: null, out: at(`${SUN} 12:00`) });
  });

  it('an arrival alone is incomplete and late is still measured', () => {
    const d = day({ from: SUN, punches: [arrive(`${SUN} 09:00`)] });
    expect(d).toMatchObject({ status: 'incomplete', flags: ['missing_exit'], lateMinutes: 60, shortfallMinutes: 0 });
    expect(d.lastOut).toBeNull();
    expect(d.earlyLeaveMinutes).toBe(0);
  });

  it('counts the gaps between pairs inside the shift as shortfall, not as late', () => {
    const d = day({
      from: SUN,
      punches: [arrive(`${SUN} 08:00`), leave(`${SUN} 11:00`), arrive(`${SUN} 11:45`), leave(`${SUN} 16:00`)],
    });
    expect(d).toMatchObject({ status: 'present', workedMinutes: 435, shortfallMinutes: 45, overtimeMinutes: 0 });
  });
});

describe('overtime', () => {
  const long = [arrive(`${SUN} 07:00`), leave(`${SUN} 18:00`)];
  const with_ = (over: Parameters<typeof officeShift>[0]) => {
    const shift = officeShift(over);
    return day({ from: SUN, shifts: [shift], defaultShift: shift, punches: long });
  };

  it('counts work after the end; before the start only when the shift says so', () => {
    expect(with_({}).overtimeMinutes).toBe(120);
    expect(with_({ earlyWorkIsOvertime: true }).overtimeMinutes).toBe(180);
    expect(with_({}).workedMinutes).toBe(660);
  });

  it('applies the daily minimum (below it: 0) and the cap', () => {
    expect(with_({ overtimeMinimumMinutes: 121 }).overtimeMinutes).toBe(0);
    expect(with_({ overtimeMinimumMinutes: 120 }).overtimeMinutes).toBe(120);
    expect(with_({ overtimeCapMinutes: 60 }).overtimeMinutes).toBe(60);
  });

  it('is never netted against lateness', () => {
    const d = day({ from: SUN, punches: [arrive(`${SUN} 09:00`), leave(`${SUN} 18:00`)] });
    expect(d).toMatchObject({ lateMinutes: 60, overtimeMinutes: 120, shortfallMinutes: 60 });
  });

  it('on a weekend day and a holiday all worked minutes are overtime, and nothing is late', () => {
    const weekend = day({ from: THU, punches: [arrive(`${THU} 09:30`), leave(`${THU} 13:00`)] });
    expect(weekend).toMatchObject({
      dayType: 'weekend',
      status: 'weekend',
      scheduledMinutes: 0,
      workedMinutes: 210,
      overtimeMinutes: 210,
      lateMinutes: 0,
      earlyLeaveMinutes: 0,
    });
    const holiday = day({
      from: SUN,
      holidays: new Map([[SUN, 'Closure']]),
      punches: [arrive(`${SUN} 10:00`), leave(`${SUN} 12:00`)],
    });
    expect(holiday).toMatchObject({
      dayType: 'holiday',
      status: 'holiday',
      holidayName: 'Closure',
      workedMinutes: 120,
      overtimeMinutes: 120,
      lateMinutes: 0,
      shortfallMinutes: 0,
    });
  });

  it('a holiday on a weekend day is a holiday; a weekend day without punches is just weekend', () => {
    const list = days({ from: THU, to: FRI, holidays: new Map([[THU, 'Closure']]) });
    expect(list.map((d) => d.status)).toEqual(['holiday', 'weekend']);
    expect(list.map((d) => d.shortfallMinutes)).toEqual([0, 0]);
  });
});

describe('the workweek is the shift’s', () => {
  it('a half-day Thursday is a setting: a workday of 240 minutes', () => {
    const half = officeShift({
      days: [0, 1, 2, 3, 4, 5, 6].map((w) =>
        w === 5 ? null : w === 4 ? hours('08:00', '12:00') : hours('08:00', '16:00'),
      ),
    });
    const list = days({
      from: THU,
      to: FRI,
      shifts: [half],
      defaultShift: half,
      punches: [arrive(`${THU} 08:00`), leave(`${THU} 12:30`)],
    });
    expect(list.map((d) => [d.dayType, d.status, d.scheduledMinutes, d.overtimeMinutes])).toEqual([
      ['workday', 'present', 240, 30],
      ['weekend', 'weekend', 0, 0],
    ]);
  });

  it('a holiday has no window: work on it is its own, all overtime', () => {
    // Monday is a holiday: its 06:00 arrival is in no window, so on its calendar day.
    const list = days({
      from: SUN,
      to: MON,
      holidays: new Map([[MON, 'Closure']]),
      punches: [arrive(`${SUN} 08:00`), leave(`${SUN} 16:00`), arrive(`${MON} 06:00`), leave(`${MON} 10:00`)],
    });
    expect(list.map((d) => [d.status, d.workedMinutes, d.overtimeMinutes])).toEqual([
      ['present', 480, 0],
      ['holiday', 240, 240],
    ]);
  });
});

describe('unpaid break', () => {
  const shift = officeShift({ unpaidBreak: { start: hm('12:00'), end: hm('13:00') } });
  const withBreak = (punches: ReturnType<typeof arrive>[]) =>
    day({ from: SUN, shifts: [shift], defaultShift: shift, punches });

  it('comes off the scheduled minutes and off a pair that spans it', () => {
    const d = withBreak([arrive(`${SUN} 08:00`), leave(`${SUN} 16:00`)]);
    expect(d).toMatchObject({ scheduledMinutes: 420, workedMinutes: 420, shortfallMinutes: 0 });
  });

  it('leaving for the break is not a gap; coming back late from it is', () => {
    const onTime = withBreak([
      arrive(`${SUN} 08:00`),
      leave(`${SUN} 12:00`),
      arrive(`${SUN} 13:00`),
      leave(`${SUN} 16:00`),
    ]);
    expect(onTime).toMatchObject({ workedMinutes: 420, shortfallMinutes: 0 });
    const late = withBreak([
      arrive(`${SUN} 08:00`),
      leave(`${SUN} 12:00`),
      arrive(`${SUN} 13:30`),
      leave(`${SUN} 16:00`),
    ]);
    expect(late).toMatchObject({ workedMinutes: 390, shortfallMinutes: 30 });
  });

  it('an absent day’s shortfall is the scheduled minutes', () => {
    expect(withBreak([])).toMatchObject({ status: 'absent', shortfallMinutes: 420 });
  });
});

describe('leave', () => {
  it('whole-day leave: status leave, nothing scheduled, late/early/overtime 0 even with punches', () => {
    const d = day({
      from: SUN,
      leave: [leaveOf(SUN, 'sick')],
      punches: [arrive(`${SUN} 09:00`), leave(`${SUN} 18:00`)],
    });
    expect(d).toMatchObject({
      status: 'leave',
      leave: ['sick'],
      scheduledMinutes: 0,
      lateMinutes: 0,
      earlyLeaveMinutes: 0,
      overtimeMinutes: 0,
      shortfallMinutes: 0,
      workedMinutes: 540,
    });
    expect(day({ from: SUN, leave: [leaveOf(SUN, 'mission')] })).toMatchObject({ status: 'leave', leave: ['mission'] });
  });

  it('only the employee’s own leave counts', () => {
    expect(day({ from: SUN, leave: [leaveOf(SUN, 'paid', null, null, 8)] }).status).toBe('absent');
  });

  it('hourly leave covering the start moves the start used for lateness to its end', () => {
    const hourly = [leaveOf(SUN, 'unpaid', '08:00', '10:00')];
    const onTime = day({ from: SUN, leave: hourly, punches: [arrive(`${SUN} 10:10`), leave(`${SUN} 16:00`)] });
    expect(onTime).toMatchObject({ status: 'present', lateMinutes: 0, leave: ['unpaid'], workedMinutes: 350 });
    const late = day({ from: SUN, leave: hourly, punches: [arrive(`${SUN} 10:11`), leave(`${SUN} 16:00`)] });
    expect(late.lateMinutes).toBe(11);
    // Leave that starts after the shift's start does not excuse the morning.
    const later = [leaveOf(SUN, 'unpaid', '08:30', '10:00')];
    expect(day({ from: SUN, leave: later, punches: [arrive(`${SUN} 10:00`), leave(`${SUN} 16:00`)] }).lateMinutes).toBe(
      120,
    );
  });

  it('leaves that touch keep moving the start', () => {
    const touching = [leaveOf(SUN, 'unpaid', '09:00', '10:00'), leaveOf(SUN, 'sick', '08:00', '09:00')];
    const d = day({ from: SUN, leave: touching, punches: [arrive(`${SUN} 10:05`), leave(`${SUN} 16:00`)] });
    expect(d).toMatchObject({ lateMinutes: 0, leave: ['unpaid', 'sick'], shortfallMinutes: 0 });
  });

  it('hourly leave covering the end moves the end used for early leave to its start', () => {
    const hourly = [leaveOf(SUN, 'sick', '14:00', '16:00')];
    const d = day({ from: SUN, leave: hourly, punches: [arrive(`${SUN} 08:00`), leave(`${SUN} 13:50`)] });
    expect(d).toMatchObject({ earlyLeaveMinutes: 0, workedMinutes: 350, shortfallMinutes: 0 });
    const early = day({ from: SUN, leave: hourly, punches: [arrive(`${SUN} 08:00`), leave(`${SUN} 13:49`)] });
    expect(early.earlyLeaveMinutes).toBe(11);
  });

  it('paid hourly leave and missions add to worked minutes up to the scheduled minutes; unpaid and sick do not', () => {
    const punches = [arrive(`${SUN} 10:00`), leave(`${SUN} 16:00`)];
    expect(day({ from: SUN, leave: [leaveOf(SUN, 'paid', '08:00', '10:00')], punches }).workedMinutes).toBe(480);
    expect(day({ from: SUN, leave: [leaveOf(SUN, 'mission', '08:00', '10:00')], punches }).workedMinutes).toBe(480);
    expect(day({ from: SUN, leave: [leaveOf(SUN, 'unpaid', '08:00', '10:00')], punches }).workedMinutes).toBe(360);
    expect(day({ from: SUN, leave: [leaveOf(SUN, 'sick', '08:00', '10:00')], punches }).workedMinutes).toBe(360);
  });

  it('paid leave never makes overtime and never counts twice the minutes worked', () => {
    // Worked 08:00–18:00 anyway: the leave adds nothing, the overtime is the pairs' own.
    const d = day({
      from: SUN,
      leave: [leaveOf(SUN, 'paid', '08:00', '10:00')],
      punches: [arrive(`${SUN} 08:00`), leave(`${SUN} 18:00`)],
    });
    expect(d).toMatchObject({ workedMinutes: 600, overtimeMinutes: 120 });
    // A mission in the middle of the day fills the gap, up to the schedule.
    const mid = day({
      from: SUN,
      leave: [leaveOf(SUN, 'mission', '11:00', '13:00')],
      punches: [arrive(`${SUN} 08:00`), leave(`${SUN} 11:00`), arrive(`${SUN} 13:00`), leave(`${SUN} 16:00`)],
    });
    expect(mid).toMatchObject({ workedMinutes: 480, shortfallMinutes: 0, overtimeMinutes: 0 });
    // Paid leave reaching past the end credits only the shift's minutes.
    const past = day({
      from: SUN,
      leave: [leaveOf(SUN, 'paid', '14:00', '18:00')],
      punches: [arrive(`${SUN} 08:00`), leave(`${SUN} 14:00`)],
    });
    expect(past).toMatchObject({ workedMinutes: 480, overtimeMinutes: 0, earlyLeaveMinutes: 0 });
  });
});

describe('the day of a punch', () => {
  it('night shift across midnight: the shift belongs to the day it starts on', () => {
    const night = officeShift({ days: Array.from({ length: 7 }, () => hours('22:00', '06:00')) });
    const list = days({
      from: SUN,
      to: MON,
      shifts: [night],
      defaultShift: night,
      punches: [arrive(`${SUN} 22:05`), leave(`${MON} 06:00`), arrive(`${MON} 21:55`), leave(`${TUE} 05:45`)],
    });
    expect(list.map((d) => [d.date, d.status, d.workedMinutes, d.lateMinutes, d.earlyLeaveMinutes])).toEqual([
      [SUN, 'present', 475, 0, 0],
      [MON, 'present', 470, 0, 15],
    ]);
    expect(list[0]?.scheduledMinutes).toBe(480);
  });

  it('night shift leave and break: times up to the shift’s end are the next morning’s', () => {
    const night = officeShift({
      days: Array.from({ length: 7 }, () => hours('22:00', '06:00')),
      unpaidBreak: { start: hm('02:00'), end: hm('02:30') },
    });
    const base = { from: SUN, shifts: [night], defaultShift: night };
    // Leave in the evening before the shift covers its start.
    const evening = day({
      ...base,
      leave: [leaveOf(SUN, 'unpaid', '21:00', '23:00')],
      punches: [arrive(`${SUN} 23:05`), leave(`${MON} 06:00`)],
    });
    expect(evening).toMatchObject({ lateMinutes: 0, scheduledMinutes: 450, workedMinutes: 385 });
    // Leave at 05:00–06:00 is Monday morning's and covers the end.
    const morning = day({
      ...base,
      leave: [leaveOf(SUN, 'paid', '05:00', '06:00')],
      punches: [arrive(`${SUN} 22:00`), leave(`${MON} 05:00`)],
    });
    expect(morning).toMatchObject({ earlyLeaveMinutes: 0, workedMinutes: 450, shortfallMinutes: 0 });
  });

  it('night shift coverage: bound for more than half of 22:00–06:00', () => {
    const night = officeShift({ days: Array.from({ length: 7 }, () => hours('22:00', '06:00')) });
    const base = { from: SUN, shifts: [night], defaultShift: night };
    const more = [{ state: 'bound' as const, from: at(`${SUN} 22:00`), to: at(`${MON} 02:01`) }];
    const half = [{ state: 'bound' as const, from: at(`${SUN} 22:00`), to: at(`${MON} 02:00`) }];
    expect(day({ ...base, connection: more })).toMatchObject({ status: 'absent', covered: true });
    expect(day({ ...base, connection: half })).toMatchObject({ status: 'no_data', covered: false });
  });

  it('an exit up to 16 h after an unpaired arrival stays with the arrival’s day', () => {
    const list = days({ from: SUN, to: MON, punches: [arrive(`${SUN} 09:00`), leave(`${MON} 01:00`)] });
    expect(list[0]).toMatchObject({ status: 'present', workedMinutes: 960, overtimeMinutes: 540, lateMinutes: 60 });
    expect(list[1]).toMatchObject({ status: 'absent' });
    // The rule comes before the windows: 15 h later, inside Monday's window, still Sunday's.
    const inWindow = days({ from: SUN, to: MON, punches: [arrive(`${SUN} 15:00`), leave(`${MON} 06:00`)] });
    expect(inWindow.map((d) => [d.status, d.workedMinutes])).toEqual([
      ['present', 900],
      ['absent', 0],
    ]);
    // One minute more: the exit falls in no window, so on its calendar day.
    const apart = days({ from: SUN, to: MON, punches: [arrive(`${SUN} 09:00`), leave(`${MON} 01:01`)] });
    expect(apart.map((d) => [d.status, d.flags])).toEqual([
      ['incomplete', ['missing_exit']],
      ['incomplete', ['missing_arrival']],
    ]);
  });

  it('weekend night work: the exit after midnight belongs to the weekend day', () => {
    const list = days({ from: THU, to: FRI, punches: [arrive(`${THU} 20:00`), leave(`${FRI} 04:00`)] });
    expect(list.map((d) => [d.status, d.workedMinutes, d.overtimeMinutes])).toEqual([
      ['weekend', 480, 480],
      ['weekend', 0, 0],
    ]);
  });

  it('a punch inside two windows: an exit goes to the earlier day, an arrival to the later', () => {
    // 04:00–23:30: each day's window runs 01:00 … 05:30 the next morning, so 01:00–05:30 is in two.
    const long = officeShift({ days: Array.from({ length: 7 }, () => hours('04:00', '23:30')) });
    const base = { from: SUN, to: MON, shifts: [long], defaultShift: long };
    const exit = days({
      ...base,
      punches: [arrive(`${SUN} 04:00`), leave(`${SUN} 23:30`), leave(`${MON} 02:00`)],
    });
    expect(exit.map((d) => d.pairs.length)).toEqual([2, 0]);
    expect(exit[0]?.lastOut).toBe(at(`${MON} 02:00`));
    const arrival = days({ ...base, punches: [arrive(`${MON} 02:00`), leave(`${MON} 23:30`)] });
    expect(arrival.map((d) => d.status)).toEqual(['absent', 'present']);
    expect(arrival[1]?.firstIn).toBe(at(`${MON} 02:00`));
  });

  it('the windows run from start − 3 h to end + 6 h, both ends included', () => {
    // 12:00–20:00: Sunday's window ends at 02:00 on Monday; Monday's opens at 09:00.
    const noon = officeShift({ days: Array.from({ length: 7 }, () => hours('12:00', '20:00')) });
    const base = { from: SUN, to: MON, shifts: [noon], defaultShift: noon };
    const inside = days({ ...base, punches: [leave(`${MON} 02:00`)] });
    expect(inside.map((d) => d.pairs.length)).toEqual([1, 0]);
    const outside = days({ ...base, punches: [leave(`${MON} 02:01`)] });
    expect(outside.map((d) => d.pairs.length)).toEqual([0, 1]);
    // Sunday's window opens at 05:00; before it, a punch is the calendar day's (Sunday's too here).
    const early = days({ from: SUN, punches: [arrive(`${SUN} 04:59`), leave(`${SUN} 16:00`)] });
    expect(early[0]).toMatchObject({ status: 'present', workedMinutes: 661 });
  });
});

describe('coverage and days in progress', () => {
  it('is covered by more than half of the shift bound, or by a punch', () => {
    const bound = (to: string) => [{ state: 'bound' as const, from: at(`${SUN} 08:00`), to: at(to) }];
    expect(day({ from: SUN, connection: bound(`${SUN} 12:01`) }).status).toBe('absent');
    expect(day({ from: SUN, connection: bound(`${SUN} 12:00`) }).status).toBe('no_data');
    const notBound = [{ state: 'not_bound' as const, from: at(`${SUN} 00:00`), to: at(`${SUN} 23:00`) }];
    expect(day({ from: SUN, connection: notBound }).status).toBe('no_data');
    expect(day({ from: SUN, connection: [], punches: [leave(`${SUN} 16:00`)] }).covered).toBe(true);
  });

  it('a day in progress shows what is known and is not absent before the shift ends', () => {
    const before = day({ from: SUN, now: at(`${SUN} 12:00`) });
    expect(before).toMatchObject({ status: 'no_data', inProgress: true, shortfallMinutes: 0 });
    expect(day({ from: SUN, now: at(`${SUN} 16:00`) })).toMatchObject({ status: 'absent', inProgress: true });
    const atWork = day({ from: SUN, now: at(`${SUN} 12:00`), punches: [arrive(`${SUN} 08:00`)] });
    expect(atWork).toMatchObject({ status: 'incomplete', flags: [], inProgress: true });
    expect(atWork.pairs).toEqual([{ in: at(`${SUN} 08:00`), out: null }]);
    const done = day({ from: SUN, now: at(`${MON} 00:00`), punches: [arrive(`${SUN} 08:00`)] });
    expect(done).toMatchObject({ flags: ['missing_exit'], inProgress: false });
  });

  it('a day still to come is no_data in progress, not absent', () => {
    expect(day({ from: MON, now: at(`${SUN} 12:00`) })).toMatchObject({ status: 'no_data', inProgress: true });
  });
});

describe('flags', () => {
  const flagged = { flags: ['late_report' as const], needsReview: true };

  it('shows an unreviewed punch’s flags on its day and on the day of its reported time', () => {
    const p = arrive(`${MON} 08:00`, { ...flagged, reportedAt: at(`${SUN} 08:00`) });
    const list = days({ from: SUN, to: MON, punches: [p, leave(`${MON} 16:00`)] });
    expect(list.map((d) => [d.status, d.flags])).toEqual([
      ['absent', ['late_report']],
      ['present', ['late_report']],
    ]);
  });

  it('drops them once reviewed, and keeps informational flags off the day', () => {
    const reviewed = arrive(`${MON} 08:00`, {
      flags: ['late_report'],
      reportedAt: at(`${SUN} 08:00`),
      corrected: true,
    });
    const held = arrive(`${MON} 08:00`, { flags: ['held'], reportedAt: at(`${MON} 08:00`) });
    for (const p of [reviewed, held]) {
      expect(days({ from: SUN, to: MON, punches: [p, leave(`${MON} 16:00`)] }).map((d) => d.flags)).toEqual([[], []]);
    }
  });

  it('takes the flags of punches counted outside the range from reportedElsewhere', () => {
    const far = arrive(`2026-12-05 08:00`, { ...flagged, flags: ['date_mismatch'], reportedAt: at(`${SUN} 08:10`) });
    expect(day({ from: SUN, reportedElsewhere: [far] }).flags).toEqual(['date_mismatch']);
  });

  it('marks a day corrected when a punch was corrected, imported or added by hand', () => {
    expect(day({ from: SUN, punches: [arrive(`${SUN} 08:00`, { source: 'import' })] }).corrected).toBe(true);
    expect(day({ from: SUN, punches: [arrive(`${SUN} 08:00`, { corrected: true })] }).corrected).toBe(true);
    expect(day({ from: SUN, punches: [arrive(`${SUN} 08:00`)] }).corrected).toBe(false);
  });
});

describe('employment and shifts', () => {
  it('gives no rows outside employment', () => {
    const list = days({
      from: SUN,
      to: WED,
      employee: { id: 7, department: 'Sales', employmentStart: MON, employmentEnd: TUE },
    });
    expect(list.map((d) => d.date)).toEqual([MON, TUE]);
  });

  it('uses the employee’s own assignment over the department’s, the latest from on or before the day', () => {
    const office = officeShift();
    const early = officeShift({ id: 2, name: 'Early', days: Array.from({ length: 7 }, () => hours('06:00', '14:00')) });
    const late = officeShift({ id: 3, name: 'Late', days: Array.from({ length: 7 }, () => hours('12:00', '20:00')) });
    const list = days({
      from: SUN,
      to: WED,
      shifts: [office, early, late],
      assignments: [
        { id: 1, shiftId: 2, target: { kind: 'department', department: 'Sales' }, from: MON },
        { id: 2, shiftId: 3, target: { kind: 'employee', employeeId: 7 }, from: WED },
        { id: 3, shiftId: 3, target: { kind: 'employee', employeeId: 8 }, from: SUN },
        { id: 4, shiftId: 99, target: { kind: 'department', department: 'Sales' }, from: TUE },
      ],
    });
    expect(list.map((d) => d.shiftName)).toEqual(['Office', 'Early', 'Early', 'Late']);
    expect(list[3]?.dayType).toBe('workday'); // the Late shift works every day
  });
});

describe('assignments of the same date', () => {
  it('the one made later (higher id) wins', () => {
    const office = officeShift();
    const other = officeShift({ id: 2, name: 'Other' });
    const list = days({
      from: SUN,
      shifts: [office, other],
      assignments: [
        { id: 5, shiftId: 2, target: { kind: 'employee', employeeId: 7 }, from: SUN },
        { id: 4, shiftId: 1, target: { kind: 'employee', employeeId: 7 }, from: SUN },
      ],
    });
    expect(list[0]?.shiftName).toBe('Other');
  });
});

describe('a workday on a day the clocks changed', () => {
  it('judges lateness by the wall clock', () => {
    const d = day({ from: '2021-03-22', punches: [arrive('2021-03-22 08:10'), leave('2021-03-22 16:00')] });
    expect(d).toMatchObject({ status: 'present', lateMinutes: 0, workedMinutes: 470, scheduledMinutes: 480 });
  });
});

describe('computeDay directly', () => {
  it('takes its inputs as they are', () => {
    const d = computeDay({
      date: SUN,
      dayStart: localDay(SUN).start,
      dayType: 'workday',
      holidayName: null,
      shift: officeShift(),
      leave: [],
      employeeId: 9,
      punches: [],
      reportedHereFlags: ['too_many'],
      boundMsInShift: 4 * 3_600_000 + 60_000,
      now: at('2030-01-01 00:00'),
    });
    expect(d).toMatchObject({ employeeId: 9, status: 'absent', flags: ['too_many'], covered: true });
  });
});

describe('summarize', () => {
  it('sums the days of a week', () => {
    const list = days({
      from: SUN,
      to: FRI,
      leave: [leaveOf(WED, 'paid')],
      punches: [
        arrive(`${SUN} 08:20`),
        leave(`${SUN} 17:00`),
        arrive(`${MON} 08:00`),
        leave(`${THU} 10:00`),
        arrive(`${THU} 11:00`),
        leave(`${THU} 12:30`),
      ],
      now: at(`${FRI} 12:00`),
    });
    expect(list.map((d) => d.status)).toEqual(['present', 'incomplete', 'absent', 'leave', 'weekend', 'weekend']);
    const s = summarize({ id: 7, phone: '+989121234567', name: 'Sara', department: 'Sales' }, list);
    expect(s).toEqual({
      employeeId: 7,
      phone: '+989121234567',
      name: 'Sara',
      department: 'Sales',
      daysPresent: 1,
      daysAbsent: 1,
      daysIncomplete: 1,
      daysLeave: 1,
      daysNoData: 0,
      lateCount: 1,
      lateMinutes: 20,
      earlyLeaveMinutes: 0,
      shortfallMinutes: 20 + 480,
      workedMinutes: 520 + 90,
      overtimeWorkdayMinutes: 60,
      overtimeOffDayMinutes: 90,
    });
  });
});
