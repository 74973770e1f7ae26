import { describe, expect, it } from 'vitest';
import type { ClosedPeriod, DayResult, TimesheetRow } from '../../../../src-main/contract/app-api.js';
import { cellCode, gridColumns, totalValue } from '../../../../src-renderer/pages/timesheet/grid-cells.js';
import { periodOf } from '../../../../src-renderer/pages/timesheet/timesheet-page.svelte.js';
import { daysOf } from '../../../../src-renderer/lib/month.js';

const days = daysOf('2026-11-01', '2026-11-30');

function day(date: string, status: DayResult['status'], lateMinutes = 0): DayResult {
  return {
    employeeId: 1,
    date,
    dayType: 'workday',
    holidayName: null,
    shiftId: 1,
    shiftName: 'Office',
    scheduledMinutes: 480,
    pairs: [],
    firstIn: null,
    lastOut: null,
    workedMinutes: 0,
    lateMinutes,
    earlyLeaveMinutes: 0,
    overtimeMinutes: 0,
    shortfallMinutes: 0,
    status,
    flags: [],
    corrected: false,
    covered: true,
    inProgress: false,
    leave: [],
  };
}

function row(id: number): TimesheetRow {
  return {
    employee: {
      id,
      phone: `0912${String(id).padStart(7, '0')}`,
      name: `Person ${id}`,
      department: 'Sales',
      active: true,
      ownKey: false,
      employmentStart: null,
      employmentEnd: null,
    } as unknown as TimesheetRow['employee'],
    days: days.map((d, i) => day(d, i % 3 === 0 ? 'absent' : 'present', i % 5 === 0 ? 12 : 0)),
    summary: {
      employeeId: id,
      phone: '',
      name: `Person ${id}`,
      department: 'Sales',
      daysPresent: 20,
      daysAbsent: 10,
      daysIncomplete: 0,
      daysLeave: 0,
      daysNoData: 0,
      lateCount: 3,
      lateMinutes: 36,
      earlyLeaveMinutes: 0,
      shortfallMinutes: 90,
      workedMinutes: 9_630,
      overtimeWorkdayMinutes: 0,
      overtimeOffDayMinutes: 0,
    },
  };
}

describe('the timesheet grid', () => {
  it('codes a day by its status, a late arrival apart from a plain present', () => {
    expect(cellCode(day('2026-11-01', 'present'))).toBe('present');
    expect(cellCode(day('2026-11-01', 'present', 11))).toBe('late');
    expect(cellCode(day('2026-11-01', 'incomplete', 11))).toBe('incomplete');
    expect(gridColumns(days)).toHaveLength(30 + 10);
    expect(totalValue(row(1).summary, 'worked')).toEqual({ value: 160.5, hours: true });
    expect(totalValue(row(1).summary, 'shortfall')).toEqual({ value: 1.5, hours: true });
  });

  it('finds the month’s period: a closed one that holds it, else the latest that touches it', () => {
    const p = (id: number, from: string, to: string, reopened: boolean, closedAt = id): ClosedPeriod => ({
      id,
      from,
      to,
      closedAt,
      closedBy: 'm',
      reopenedAt: reopened ? closedAt + 1 : null,
      reopenedBy: reopened ? 'm' : null,
      reopenWhy: reopened ? 'why' : null,
    });
    expect(periodOf([], '2026-11-01', '2026-11-30')).toBeNull();
    expect(periodOf([p(1, '2026-10-01', '2026-10-31', false)], '2026-11-01', '2026-11-30')).toBeNull();
    expect(
      periodOf(
        [p(1, '2026-11-01', '2026-11-30', true), p(2, '2026-11-01', '2026-11-30', false)],
        '2026-11-01',
        '2026-11-30',
      )?.id,
    ).toBe(2);
    expect(periodOf([p(1, '2026-11-01', '2026-11-30', true)], '2026-11-01', '2026-11-30')?.reopenWhy).toBe('why');
  });
});
