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

/** CSS pixels; TimesheetGrid.svelte's styles give cells the same widths. */
export const DAY_WIDTH = 34;
export const TOTAL_WIDTH = 84;
export const NAME_WIDTH = 200;
export const ROW_HEIGHT = 30;
/** The sticky header row's height. */
export const HEAD_HEIGHT = 40;

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

type SummaryCount = {
  [K in keyof TimesheetSummary]: TimesheetSummary[K] extends number ? K : never;
}[keyof TimesheetSummary];

/** Where each total comes from in the summary, and whether it is shown in hours (from minutes). */
const TOTAL_SOURCES: Record<TotalColumn, { field: SummaryCount; hours: boolean }> = {
  present: { field: 'daysPresent', hours: false },
  absent: { field: 'daysAbsent', hours: false },
  incomplete: { field: 'daysIncomplete', hours: false },
  leave: { field: 'daysLeave', hours: false },
  lateCount: { field: 'lateCount', hours: false },
  lateMinutes: { field: 'lateMinutes', hours: false },
  worked: { field: 'workedMinutes', hours: true },
  overtime: { field: 'overtimeWorkdayMinutes', hours: true },
  overtimeOffDay: { field: 'overtimeOffDayMinutes', hours: true },
  shortfall: { field: 'shortfallMinutes', hours: true },
};

/** A total as a number: days and counts as they are, minutes as minutes, hours with one decimal. */
export function totalValue(summary: TimesheetSummary, key: TotalColumn): { value: number; hours: boolean } {
  const { field, hours } = TOTAL_SOURCES[key];
  const value = summary[field];
  return { value: hours ? toHours(value) : value, hours };
}

export function toHours(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}
