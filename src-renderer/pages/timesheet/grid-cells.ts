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

/** What the cells' markup needs of the language. */
export interface CellText {
  code: Record<CellCode, string>;
  number: (n: number) => string;
}

/** What a row's cell container shows: the cell of each position and what it was drawn from. */
interface Drawn {
  row: TimesheetRow;
  column: GridColumn;
  text: CellText;
}
const drawn = new WeakMap<HTMLElement, Drawn>();

/**
 * Puts one row's visible cells (`items`: the columns near the viewport, in order) into `node`: a
 * day's code with its status and date as data attributes, or a total. The row's cell nodes are
 * recycled by position: scrolling changes the text and attributes of the nodes already there and
 * creates or removes nodes only when the number of columns in view changes, so a row node that the
 * grid reuses for another employee never builds its cells again.
 */
export function fillRowCells(
  node: HTMLElement,
  row: TimesheetRow,
  columns: readonly GridColumn[],
  items: readonly { index: number }[],
  text: CellText,
): void {
  const doc = node.ownerDocument;
  let cell = node.firstElementChild as HTMLElement | null;
  for (const item of items) {
    const column = columns[item.index];
    if (!column) continue;
    if (!cell) {
      cell = doc.createElement('div');
      cell.setAttribute('role', 'gridcell');
      node.append(cell);
    }
    const was = drawn.get(cell);
    if (!was || was.row !== row || was.column !== column || was.text !== text) {
      drawCell(cell, row, column, item.index, text);
      drawn.set(cell, { row, column, text });
    }
    cell = cell.nextElementSibling as HTMLElement | null;
  }
  while (cell) {
    const next = cell.nextElementSibling as HTMLElement | null;
    cell.remove();
    cell = next;
  }
}

function drawCell(cell: HTMLElement, row: TimesheetRow, column: GridColumn, index: number, text: CellText): void {
  cell.setAttribute('aria-colindex', String(index + 2));
  // The explanation is written when the pointer comes over the cell (TimesheetGrid.svelte).
  if (cell.title) cell.removeAttribute('title');
  if (column.kind === 'day') {
    const day = dayOf(row, column.index, column.date);
    const code = day ? cellCode(day) : null;
    cell.className = `cell code${day?.inProgress ? ' progress' : ''}${day?.corrected ? ' corrected' : ''}`;
    if (cell.dataset.total !== undefined) delete cell.dataset.total;
    cell.dataset.code = code ?? 'none';
    cell.dataset.date = column.date;
    cell.dataset.column = String(column.index);
    cell.textContent = code ? text.code[code] : '';
  } else {
    cell.className = 'cell total';
    if (cell.dataset.code !== undefined) {
      delete cell.dataset.code;
      delete cell.dataset.date;
      delete cell.dataset.column;
    }
    cell.dataset.total = column.key;
    cell.textContent = text.number(totalValue(row.summary, column.key).value);
  }
}
