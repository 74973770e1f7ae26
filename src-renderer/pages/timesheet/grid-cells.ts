/**
 * What the timesheet grid draws, as plain functions (tested without a browser): the code of a day,
 * the grid's columns (the days of the range, then the totals), and a total's value.
 */
import type { DayResult, TimesheetRow, TimesheetSummary } from '../../../src-main/contract/app-api.js';
import type { CellCode } from '../../lib/i18n/timesheet-text.js';

/** A day's code: its status, with a late arrival apart from a plain present. */
export function cellCode(day: DayResult): CellCode {
  return day.status === 'present' && day.lateMinutes > 0 ? 'late' : day.status;
}

/** The totals columns after the days, in order. */
export const TOTAL_COLUMNS = [
  'present',
  'absent',
  'incomplete',
  'leave',
  'lateCount',
  'lateMinutes',
  'worked',
  'overtime',
  'overtimeOffDay',
  'shortfall',
] as const;
export type TotalColumn = (typeof TOTAL_COLUMNS)[number];

export const DAY_WIDTH = 34;
export const TOTAL_WIDTH = 84;
export const NAME_WIDTH = 200;
export const ROW_HEIGHT = 30;

export type GridColumn = { kind: 'day'; index: number; date: string } | { kind: 'total'; key: TotalColumn };

export function gridColumns(days: readonly string[]): GridColumn[] {
  return [
    ...days.map((date, index): GridColumn => ({ kind: 'day', index, date })),
    ...TOTAL_COLUMNS.map((key): GridColumn => ({ kind: 'total', key })),
  ];
}

export function columnWidths(columns: readonly GridColumn[]): number[] {
  return columns.map((c) => (c.kind === 'day' ? DAY_WIDTH : TOTAL_WIDTH));
}

/** The row's result for a day (rows have no result for days outside the person's employment). */
export function dayOf(row: TimesheetRow, index: number, date: string): DayResult | undefined {
  const guess = row.days[index];
  if (guess?.date === date) return guess;
  return row.days.find((d) => d.date === date);
}

/** A total as a number: days and counts as they are, minutes as minutes, hours with one decimal. */
export function totalValue(summary: TimesheetSummary, key: TotalColumn): { value: number; hours: boolean } {
  switch (key) {
    case 'present':
      return { value: summary.daysPresent, hours: false };
    case 'absent':
      return { value: summary.daysAbsent, hours: false };
    case 'incomplete':
      return { value: summary.daysIncomplete, hours: false };
    case 'leave':
      return { value: summary.daysLeave, hours: false };
    case 'lateCount':
      return { value: summary.lateCount, hours: false };
    case 'lateMinutes':
      return { value: summary.lateMinutes, hours: false };
    case 'worked':
      return { value: toHours(summary.workedMinutes), hours: true };
    case 'overtime':
      return { value: toHours(summary.overtimeWorkdayMinutes), hours: true };
    case 'overtimeOffDay':
      return { value: toHours(summary.overtimeOffDayMinutes), hours: true };
    case 'shortfall':
      return { value: toHours(summary.shortfallMinutes), hours: true };
  }
}

export function toHours(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}
