import { describe, expect, it } from 'vitest';
import type { DayResult, TimesheetRow } from '../../../../src-main/contract/app-api.js';
import { columnWidths, gridColumns } from '../../../../src-renderer/pages/timesheet/grid-cells.js';
import {
  cellContent,
  forEachCell,
  hitTest,
  visibleRange,
  wrapWords,
  type CellBox,
  type GridScene,
} from '../../../../src-renderer/pages/timesheet/grid-paint.js';
import { columnOffsets } from '../../../../src-renderer/pages/timesheet/grid-window.js';
import { daysOf } from '../../../../src-renderer/lib/month.js';

const days = daysOf('2026-11-01', '2026-11-30');
const columns = gridColumns(days);
const widths = columnWidths(columns);
const offsets = columnOffsets(widths);

const row = (id: number): TimesheetRow =>
  ({
    employee: { id, name: `E${id}` },
    days: days.map((date, i): Partial<DayResult> => ({
      date,
      status: i % 2 === 0 ? 'absent' : 'present',
      lateMinutes: i === 1 ? 20 : 0,
      inProgress: false,
      corrected: i === 3,
    })),
    summary: { daysPresent: 15, daysAbsent: 15, workedMinutes: 600 },
  }) as unknown as TimesheetRow;
const rows = Array.from({ length: 1000 }, (_, i) => row(i + 1));

// A viewport of 1,000 × 500 CSS pixels: 800 px of cells after the 200 px name column, 460 px of rows under the 40 px header.
const scene = (top: number, inline: number, rtl = false): GridScene => ({
  rows,
  columns,
  widths,
  offsets,
  top,
  inline,
  width: 1000,
  height: 500,
  rtl,
});

const cells = (s: GridScene): CellBox[] => {
  const out: CellBox[] = [];
  forEachCell(s, (c) => out.push({ ...c }));
  return out;
};

describe('the timesheet grid’s canvas', () => {
  it('walks the cells in view, row by row, each where its column and row are', () => {
    const s = scene(0, 0);
    // Rows 0..15 overlap the 460 px (15 × 30 = 450); days 0..23 the 800 px (23 × 34 = 782).
    expect(visibleRange(s)).toEqual({ firstRow: 0, lastRow: 15, firstColumn: 0, lastColumn: 23 });
    const all = cells(s);
    expect(all).toHaveLength(16 * 24);
    expect(all[0]).toEqual({ row: 0, column: 0, x: 200, y: 40, w: 34 });
    expect(all[1]).toEqual({ row: 0, column: 1, x: 234, y: 40, w: 34 });
    expect(all[24]).toEqual({ row: 1, column: 0, x: 200, y: 70, w: 34 });
  });

  it('follows the scroll, the totals after the days', () => {
    // 3,015 px down: row 100 half hidden under the header; 1,000 px along: day 29 (at 986) to the totals.
    const s = scene(3015, 1000);
    const range = visibleRange(s);
    expect(range).toMatchObject({ firstRow: 100, firstColumn: 29 });
    const first = cells(s)[0]!;
    expect(first).toEqual({ row: 100, column: 29, x: 200 + 986 - 1000, y: 40 + 3000 - 3015, w: 34 });
    const total = cells(s).find((c) => c.column === 30)!;
    expect(total.w).toBe(84);
    expect(cellContent(rows[100]!, columns[30]!)).toEqual({ kind: 'total', key: 'present', value: 15 });
  });

  it('mirrors the columns in a right-to-left page: the first day next to the names, on their left', () => {
    const all = cells(scene(0, 0, true));
    expect(all[0]).toEqual({ row: 0, column: 0, x: 1000 - 200 - 34, y: 40, w: 34 });
    expect(all[1]!.x).toBe(1000 - 200 - 68);
  });

  it('tells what a point is over, in both directions', () => {
    expect(hitTest(scene(0, 0), 201, 41)).toEqual({ kind: 'cell', row: 0, column: 0 });
    expect(hitTest(scene(0, 0), 240, 75)).toEqual({ kind: 'cell', row: 1, column: 1 });
    expect(hitTest(scene(0, 0), 240, 20)).toEqual({ kind: 'head', column: 1 });
    expect(hitTest(scene(0, 0), 150, 75)).toBeNull();
    expect(hitTest(scene(3000, 0), 201, 41)).toEqual({ kind: 'cell', row: 100, column: 0 });
    expect(hitTest(scene(0, 0, true), 1000 - 201, 41)).toEqual({ kind: 'cell', row: 0, column: 0 });
    expect(hitTest(scene(0, 0, true), 1000 - 150, 41)).toBeNull();
    // What the walk put at a place is what the hit test finds there.
    for (const rtl of [false, true]) {
      const s = scene(1234, 567, rtl);
      // The cells wholly in view (not under the header or the names).
      const whole = cells(s).filter(
        (c) => c.y >= 40 && c.y + 30 <= 500 && (rtl ? c.x >= 0 && c.x + c.w <= 800 : c.x >= 200 && c.x + c.w <= 1000),
      );
      expect(whole.length).toBeGreaterThan(100);
      for (const c of whole) {
        expect(hitTest(s, c.x + 1, c.y + 1)).toEqual({ kind: 'cell', row: c.row, column: c.column });
        expect(hitTest(s, c.x + c.w - 1, c.y + 29)).toEqual({ kind: 'cell', row: c.row, column: c.column });
      }
    }
  });

  it('says what a day shows: its code, late apart from present, corrected', () => {
    expect(cellContent(rows[0]!, columns[1]!)).toMatchObject({ kind: 'day', code: 'late', date: '2026-11-02' });
    expect(cellContent(rows[0]!, columns[3]!)).toMatchObject({ code: 'present', corrected: true });
    expect(cellContent(rows[0]!, columns[0]!)).toMatchObject({ code: 'absent', corrected: false });
  });

  it('wraps a heading into lines that fit, a long word whole', () => {
    const measure = (s: string): number => s.length * 6;
    expect(wrapWords('Overtime off days (h)', 78, measure)).toEqual(['Overtime off', 'days (h)']);
    expect(wrapWords('Present', 78, measure)).toEqual(['Present']);
    expect(wrapWords('Extraordinarily', 60, measure)).toEqual(['Extraordinarily']);
  });
});
