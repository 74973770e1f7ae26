/**
 * Which rows and columns of the timesheet grid are near the viewport, from the scroller's offsets
 * and size. Rows have one fixed height and columns fixed widths, so this is arithmetic (no
 * measuring, no per-item objects kept between frames): the grid recomputes it on every scroll
 * event and redraws only when the answer changes.
 */

export interface GridWindow {
  /** First and last row index shown (inclusive); `lastRow < firstRow` when there are no rows. */
  firstRow: number;
  lastRow: number;
  /** First and last column index shown (inclusive). */
  firstColumn: number;
  lastColumn: number;
}

export interface GridViewport {
  /** Scrolled distance from the top, CSS pixels. */
  top: number;
  /** Scrolled distance from the inline start, CSS pixels (positive in both directions). */
  inline: number;
  width: number;
  height: number;
}

/** Where each column starts, from the end of the fixed column at the inline start; one more entry: the total. */
export function columnOffsets(widths: readonly number[]): number[] {
  const offsets = [0];
  for (const w of widths) offsets.push(offsets.at(-1)! + w);
  return offsets;
}

/**
 * The window of rows and columns to draw: those that overlap the viewport, plus `rowOverscan`
 * rows and `columnOverscan` columns beyond each edge. `headerHeight` is the sticky header's height
 * (rows start below it), `startWidth` the sticky column's width (columns start after it).
 */
export function gridWindow(
  view: GridViewport,
  rowCount: number,
  rowHeight: number,
  headerHeight: number,
  offsets: readonly number[],
  startWidth: number,
  rowOverscan: number,
  columnOverscan: number,
): GridWindow {
  const firstVisibleRow = Math.floor(Math.max(0, view.top) / rowHeight);
  const lastVisibleRow = Math.floor((Math.max(0, view.top) + Math.max(0, view.height - headerHeight)) / rowHeight);
  const columnCount = offsets.length - 1;
  const from = Math.max(0, view.inline - startWidth);
  const to = Math.max(0, view.inline + view.width - startWidth);
  const firstVisibleColumn = Math.max(0, lastAtOrBefore(offsets, from));
  const lastVisibleColumn = Math.min(columnCount - 1, lastAtOrBefore(offsets, to));
  return {
    firstRow: Math.max(0, Math.min(firstVisibleRow - rowOverscan, rowCount - 1)),
    lastRow: Math.min(rowCount - 1, lastVisibleRow + rowOverscan),
    firstColumn: Math.max(0, firstVisibleColumn - columnOverscan),
    lastColumn: Math.min(columnCount - 1, lastVisibleColumn + columnOverscan),
  };
}

/** The index of the last offset at or before `x` (binary search; offsets ascend). */
export function lastAtOrBefore(offsets: readonly number[], x: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function sameWindow(a: GridWindow, b: GridWindow): boolean {
  return (
    a.firstRow === b.firstRow &&
    a.lastRow === b.lastRow &&
    a.firstColumn === b.firstColumn &&
    a.lastColumn === b.lastColumn
  );
}
