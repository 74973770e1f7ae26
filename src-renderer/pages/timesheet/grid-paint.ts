/**
 * The timesheet grid's day and total cells drawn on one `<canvas>` per viewport: which cells are in
 * view and where (`forEachCell`, the one walk the painter, the hit test and the test hook share),
 * what a point of the canvas is over (`hitTest`), and the drawing itself (`paintGrid`). Positions
 * are computed in logical pixels from the inline start (the sticky name column) and mirrored for a
 * right-to-left page; the canvas is sized in device pixels.
 */
import type { TimesheetRow } from '../../../src-main/contract/app-api.js';
import type { CellCode } from '../../lib/i18n/timesheet-text.js';
import { lastAtOrBefore } from './grid-window.js';
import {
  HEAD_HEIGHT,
  NAME_WIDTH,
  ROW_HEIGHT,
  TOTAL_WIDTH,
  cellCode,
  dayOf,
  totalValue,
  type GridColumn,
  type TotalColumn,
} from './grid-cells.js';

/** What the grid shows of itself now: the data, the scroll offsets and the canvas's size in CSS pixels. */
export interface GridScene {
  rows: readonly TimesheetRow[];
  columns: readonly GridColumn[];
  widths: readonly number[];
  /** `columnOffsets(widths)`. */
  offsets: readonly number[];
  top: number;
  /** Scrolled from the inline start, positive in both directions. */
  inline: number;
  width: number;
  height: number;
  rtl: boolean;
}

/** A cell in view: its row and column, and its box on the canvas (CSS pixels, already mirrored). */
export interface CellBox {
  row: number;
  column: number;
  x: number;
  y: number;
  w: number;
}

/** The first and last row and column that overlap the viewport (no overscan: the canvas is redrawn whole). */
export function visibleRange(scene: GridScene): {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
} {
  const columnCount = scene.columns.length;
  const firstRow = Math.max(0, Math.floor(scene.top / ROW_HEIGHT));
  const lastRow = Math.min(
    scene.rows.length - 1,
    Math.floor((scene.top + Math.max(0, scene.height - HEAD_HEIGHT)) / ROW_HEIGHT),
  );
  const firstColumn = Math.max(0, lastAtOrBefore(scene.offsets, scene.inline));
  const lastColumn = Math.min(
    columnCount - 1,
    lastAtOrBefore(scene.offsets, scene.inline + Math.max(0, scene.width - NAME_WIDTH)),
  );
  return { firstRow, lastRow, firstColumn, lastColumn };
}

/** The box of a column's cells on the canvas: x (mirrored in a right-to-left page) and width. */
export function columnBox(scene: GridScene, column: number): { x: number; w: number } {
  const w = scene.widths[column] ?? 0;
  const start = NAME_WIDTH + (scene.offsets[column] ?? 0) - scene.inline;
  return { x: scene.rtl ? scene.width - start - w : start, w };
}

/** The top of a row's cells on the canvas. */
export function rowTop(scene: GridScene, row: number): number {
  return HEAD_HEIGHT + row * ROW_HEIGHT - scene.top;
}

/**
 * Calls `visit` for every cell in view, row by row; the same box object is passed each time (the
 * walk allocates nothing per cell: it runs on every scroll).
 */
export function forEachCell(scene: GridScene, visit: (cell: Readonly<CellBox>) => void): void {
  const range = visibleRange(scene);
  const box: CellBox = { row: 0, column: 0, x: 0, y: 0, w: 0 };
  for (let row = range.firstRow; row <= range.lastRow; row++) {
    box.row = row;
    box.y = rowTop(scene, row);
    for (let column = range.firstColumn; column <= range.lastColumn; column++) {
      const w = scene.widths[column] ?? 0;
      const start = NAME_WIDTH + (scene.offsets[column] ?? 0) - scene.inline;
      box.column = column;
      box.x = scene.rtl ? scene.width - start - w : start;
      box.w = w;
      visit(box);
    }
  }
}

/** What a point of the canvas (CSS pixels from its top-left corner) is over. */
export type GridHit = { kind: 'cell'; row: number; column: number } | { kind: 'head'; column: number } | null;

export function hitTest(scene: GridScene, x: number, y: number): GridHit {
  const logical = scene.rtl ? scene.width - x : x;
  if (logical < NAME_WIDTH || x < 0 || x > scene.width || y < 0 || y > scene.height) return null;
  const along = logical - NAME_WIDTH + scene.inline;
  const column = lastAtOrBefore(scene.offsets, along);
  if (column < 0 || column >= scene.columns.length) return null;
  if (y < HEAD_HEIGHT) return { kind: 'head', column };
  const row = Math.floor((y - HEAD_HEIGHT + scene.top) / ROW_HEIGHT);
  if (row < 0 || row >= scene.rows.length) return null;
  return { kind: 'cell', row, column };
}

/** A cell's content: a day's code (or none, outside the person's employment) or a total. */
export type CellContent =
  | { kind: 'day'; code: CellCode | null; date: string; inProgress: boolean; corrected: boolean }
  | { kind: 'total'; key: TotalColumn; value: number };

export function cellContent(row: TimesheetRow, column: GridColumn): CellContent {
  if (column.kind === 'total')
    return { kind: 'total', key: column.key, value: totalValue(row.summary, column.key).value };
  const day = dayOf(row, column.index, column.date);
  return {
    kind: 'day',
    code: day ? cellCode(day) : null,
    date: column.date,
    inProgress: day?.inProgress ?? false,
    corrected: day?.corrected ?? false,
  };
}

/** Colours of the drawing, read from the page's CSS custom properties. */
export interface GridPalette {
  text: string;
  muted: string;
  line: string;
  surface: string;
  accent: string;
  /** A code's text colour and background (null: the surface). */
  code: Record<CellCode, { color: string; background: string | null }>;
}

/** Colours of the incomplete code: the app's palette has no purple pair. */
const INCOMPLETE = { color: '#7a3fb0', background: '#f2e9fb' };

export function readPalette(style: CSSStyleDeclaration): GridPalette {
  const v = (name: string): string => style.getPropertyValue(name).trim();
  const pair = (color: string, background: string | null): { color: string; background: string | null } => ({
    color: v(color),
    background: background === null ? null : v(background),
  });
  return {
    text: v('--text'),
    muted: v('--muted'),
    line: v('--line'),
    surface: v('--surface'),
    accent: v('--accent'),
    code: {
      present: pair('--ok', null),
      late: pair('--warn', '--warn-bg'),
      absent: pair('--error', '--error-bg'),
      incomplete: INCOMPLETE,
      leave: pair('--busy', '--busy-bg'),
      holiday: pair('--idle', '--idle-bg'),
      weekend: pair('--idle', '--idle-bg'),
      no_data: { color: v('--muted'), background: null },
    },
  };
}

/** The words and fonts the drawing needs, made once per language (`gridText`). */
export interface GridText {
  code: Record<CellCode, string>;
  number: (n: number) => string;
  /** Per day column: the weekday and the day of the month. */
  dayLabels: readonly { weekday: string; day: string }[];
  /** Per total: its heading wrapped into lines that fit the column. */
  totalLines: Record<TotalColumn, string[]>;
  fonts: Record<keyof typeof FONT_SIZES, string>;
}

/** Weight, style and size (px) of each kind of text drawn, as the page's styles had them for the DOM grid. */
const FONT_SIZES = {
  code: '600 12.75px',
  noData: '400 12.75px',
  progress: 'italic 600 12.75px',
  total: '400 14px',
  weekday: '400 10.5px',
  day: '400 12px',
  totalHead: '400 10.8px',
};

/**
 * The drawing's words in the page's font `family`; `measure` gives the width of a text in a font
 * (a canvas context's `measureText`), to wrap the totals' headings.
 */
export function gridText(
  words: Pick<GridText, 'code' | 'number' | 'dayLabels'>,
  totalHeadings: Record<TotalColumn, string>,
  family: string,
  measure: (text: string, font: string) => number,
): GridText {
  const fonts = Object.fromEntries(
    Object.entries(FONT_SIZES).map(([k, size]) => [k, `${size} ${family}`]),
  ) as GridText['fonts'];
  const totalLines = Object.fromEntries(
    Object.entries(totalHeadings).map(([key, heading]) => [
      key,
      wrapWords(heading, TOTAL_WIDTH - 6, (s) => measure(s, fonts.totalHead)),
    ]),
  ) as Record<TotalColumn, string[]>;
  return { ...words, totalLines, fonts };
}

/** Greedy word wrap of `text` into lines no wider than `width` (a word longer than that stays whole). */
export function wrapWords(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measure(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Draws the header (day and total headings) and the cells in view, in the viewport's coordinates
 * (the canvas covers the viewport but the name column: its context is translated to match).
 * `active`: the cell the keyboard is on, outlined when `focused`.
 */
export function paintGrid(
  ctx: CanvasRenderingContext2D,
  scene: GridScene,
  text: GridText,
  palette: GridPalette,
  active: { row: number; column: number } | null,
  focused: boolean,
): void {
  const { width, height, rows, columns } = scene;
  ctx.direction = scene.rtl ? 'rtl' : 'ltr';
  const fonts = text.fonts;
  const cellsLeft = scene.rtl ? 0 : NAME_WIDTH;
  const cellsWidth = Math.max(0, width - NAME_WIDTH);
  ctx.fillStyle = palette.surface;
  ctx.fillRect(cellsLeft, 0, cellsWidth, height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(cellsLeft, 0, cellsWidth, height);
  ctx.clip();

  // Backgrounds of the coloured codes.
  let fill = '';
  forEachCell(scene, (cell) => {
    const row = rows[cell.row];
    const column = columns[cell.column];
    if (!row || column?.kind !== 'day') return;
    const day = dayOf(row, column.index, column.date);
    if (!day) return;
    const background = palette.code[cellCode(day)].background;
    if (background === null) return;
    if (fill !== background) ctx.fillStyle = fill = background;
    ctx.fillRect(cell.x, cell.y, cell.w, ROW_HEIGHT);
  });

  // The lines: under each row, and before each column (the totals too).
  const range = visibleRange(scene);
  ctx.beginPath();
  for (let r = range.firstRow; r <= range.lastRow + 1; r++) {
    const y = Math.round(rowTop(scene, r)) - 0.5;
    if (y < HEAD_HEIGHT) continue;
    ctx.moveTo(cellsLeft, y);
    ctx.lineTo(cellsLeft + cellsWidth, y);
  }
  const bottom = Math.min(height, rowTop(scene, range.lastRow + 1));
  for (let c = range.firstColumn; c <= range.lastColumn; c++) {
    const { x, w } = columnBox(scene, c);
    const edge = Math.round(scene.rtl ? x + w : x) + (scene.rtl ? -0.5 : 0.5);
    ctx.moveTo(edge, 0);
    ctx.lineTo(edge, bottom);
  }
  ctx.moveTo(cellsLeft, HEAD_HEIGHT - 0.5);
  ctx.lineTo(cellsLeft + cellsWidth, HEAD_HEIGHT - 0.5);
  ctx.strokeStyle = palette.line;
  ctx.lineWidth = 1;
  ctx.stroke();

  // The codes and totals.
  ctx.textBaseline = 'middle';
  let font = '';
  let color = '';
  forEachCell(scene, (cell) => {
    const row = rows[cell.row];
    const column = columns[cell.column];
    if (!row || !column) return;
    const y = cell.y + ROW_HEIGHT / 2;
    if (column.kind === 'total') {
      const wanted = fonts.total;
      if (font !== wanted) ctx.font = font = wanted;
      if (color !== palette.text) ctx.fillStyle = color = palette.text;
      ctx.textAlign = 'end';
      // Right-aligned in LTR, left-aligned in RTL, 8 px from the cell's end.
      const end = scene.rtl ? cell.x + 8 : cell.x + cell.w - 8;
      ctx.fillText(text.number(totalValue(row.summary, column.key).value), end, y);
      return;
    }
    const day = dayOf(row, column.index, column.date);
    if (!day) return;
    const code = cellCode(day);
    const wanted = code === 'no_data' ? fonts.noData : day.inProgress ? fonts.progress : fonts.code;
    if (font !== wanted) ctx.font = font = wanted;
    const ink = palette.code[code].color;
    if (color !== ink) ctx.fillStyle = color = ink;
    ctx.textAlign = 'center';
    if (day.inProgress) ctx.globalAlpha = 0.7;
    const label = text.code[code];
    const middle = cell.x + cell.w / 2;
    ctx.fillText(label, middle, y);
    if (day.corrected) {
      // A corrected day: a dotted line under its code.
      const half = Math.min(cell.w / 2 - 4, ctx.measureText(label).width / 2 + 1);
      ctx.save();
      ctx.setLineDash([1, 2]);
      ctx.strokeStyle = ink;
      ctx.beginPath();
      ctx.moveTo(middle - half, y + 7.5);
      ctx.lineTo(middle + half, y + 7.5);
      ctx.stroke();
      ctx.restore();
    }
    if (day.inProgress) ctx.globalAlpha = 1;
  });

  // The header: drawn last, over the rows that scroll under it.
  ctx.fillStyle = palette.surface;
  ctx.fillRect(cellsLeft, 0, cellsWidth, HEAD_HEIGHT - 1);
  ctx.textAlign = 'center';
  for (let c = range.firstColumn; c <= range.lastColumn; c++) {
    const column = columns[c];
    const { x, w } = columnBox(scene, c);
    const middle = x + w / 2;
    if (column?.kind === 'day') {
      const label = text.dayLabels[column.index];
      if (!label) continue;
      ctx.font = fonts.weekday;
      ctx.fillStyle = palette.muted;
      ctx.fillText(label.weekday, middle, 13);
      ctx.font = fonts.day;
      ctx.fillStyle = palette.text;
      ctx.fillText(label.day, middle, 28);
    } else if (column) {
      const lines = text.totalLines[column.key];
      ctx.font = fonts.totalHead;
      ctx.fillStyle = palette.muted;
      const first = HEAD_HEIGHT / 2 - ((lines.length - 1) * 12) / 2;
      lines.forEach((line, k) => ctx.fillText(line, middle, first + k * 12));
    }
  }
  ctx.beginPath();
  ctx.moveTo(cellsLeft, HEAD_HEIGHT - 0.5);
  ctx.lineTo(cellsLeft + cellsWidth, HEAD_HEIGHT - 0.5);
  ctx.strokeStyle = palette.line;
  ctx.stroke();

  if (active && focused) {
    const { x, w } = columnBox(scene, active.column);
    const y = rowTop(scene, active.row);
    if (y >= HEAD_HEIGHT - ROW_HEIGHT && y < height) {
      ctx.strokeStyle = palette.accent;
      ctx.lineWidth = 2;
      ctx.strokeRect(x + 1, Math.max(HEAD_HEIGHT, y) + 1, w - 2, ROW_HEIGHT - 2);
    }
  }
  ctx.restore();
}
