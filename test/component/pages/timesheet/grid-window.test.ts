import { describe, expect, it } from 'vitest';
import { columnOffsets, gridWindow, sameWindow } from '../../../../src-renderer/pages/timesheet/grid-window.js';

// 31 days of 34 px then 10 totals of 84 px, after a 200 px name column; rows of 30 px under a 40 px header.
const widths = [...Array<number>(31).fill(34), ...Array<number>(10).fill(84)];
const offsets = columnOffsets(widths);
const at = (top: number, inline: number, rows = 5000) =>
  gridWindow({ top, inline, width: 1000, height: 500 }, rows, 30, 40, offsets, 200, 4, 2);

describe('the timesheet grid’s window', () => {
  it('starts each column where the previous ends', () => {
    expect(offsets.slice(0, 3)).toEqual([0, 34, 68]);
    expect(offsets.at(-1)).toBe(31 * 34 + 10 * 84);
  });

  it('is the rows and columns in view at the top, with the overscan after them', () => {
    // 460 px of rows: rows 0..15 overlap (15 * 30 = 450), then 4 more; 800 px of columns: 0..23, then 2 more.
    expect(at(0, 0)).toEqual({ firstRow: 0, lastRow: 19, firstColumn: 0, lastColumn: 25 });
  });

  it('follows the scroll down and along', () => {
    // 3,000 px down is row 100 (rows to 115 in view); 400 px along: columns from 200 (day 6, at 170) to
    // 1,200 (the second total, at 1,138), each with the overscan.
    expect(at(3000, 400)).toEqual({ firstRow: 96, lastRow: 119, firstColumn: 3, lastColumn: 34 });
  });

  it('stops at the last row and column, and is empty without rows', () => {
    const end = at(5000 * 30, 10_000);
    expect(end.lastRow).toBe(4999);
    expect(end.lastColumn).toBe(40);
    expect(end.firstColumn).toBeLessThanOrEqual(40);
    const none = at(0, 0, 0);
    expect(none.lastRow).toBeLessThan(none.firstRow);
  });

  it('tells an unchanged window from a changed one', () => {
    expect(sameWindow(at(0, 0), at(10, 5))).toBe(true);
    expect(sameWindow(at(0, 0), at(30, 0))).toBe(false);
  });
});
