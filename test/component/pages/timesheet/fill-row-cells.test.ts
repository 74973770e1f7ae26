// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { DayResult, TimesheetRow } from '../../../../src-main/contract/app-api.js';
import { fillRowCells, gridColumns, type CellText } from '../../../../src-renderer/pages/timesheet/grid-cells.js';
import { daysOf } from '../../../../src-renderer/lib/month.js';
import { en } from '../../../../src-renderer/lib/i18n/en.js';

const days = daysOf('2026-11-01', '2026-11-30');
const columns = gridColumns(days);
const text: CellText = { code: en.timesheet.code, number: (n) => String(n) };

const row = {
  employee: { id: 1, name: 'A' },
  days: days.map((date, i): Partial<DayResult> => ({
    date,
    status: i % 2 === 0 ? 'absent' : 'present',
    lateMinutes: i === 1 ? 20 : 0,
    inProgress: false,
    corrected: i === 3,
  })),
  summary: { daysPresent: 15, daysAbsent: 15, workedMinutes: 600 },
} as unknown as TimesheetRow;

const range = (from: number, to: number): { index: number }[] =>
  Array.from({ length: to - from }, (_, i) => ({ index: from + i }));

describe('a timesheet row’s cells', () => {
  it('are the visible columns with their codes, and the totals after the days', () => {
    const node = document.createElement('div');
    fillRowCells(node, row, columns, range(0, 4), text);
    expect([...node.children].map((c) => (c as HTMLElement).dataset.code)).toEqual([
      'absent',
      'late',
      'absent',
      'present',
    ]);
    expect(node.children[1]!.textContent).toBe(en.timesheet.code.late);
    expect(node.children[3]!.classList.contains('corrected')).toBe(true);
    fillRowCells(node, row, columns, range(30, 32), text);
    expect([...node.children].map((c) => [(c as HTMLElement).dataset.total, c.textContent])).toEqual([
      ['present', '15'],
      ['absent', '15'],
    ]);
  });

  it('recycle their nodes by position: a shift of the columns or another row in the place creates none', () => {
    const node = document.createElement('div');
    fillRowCells(node, row, columns, range(5, 10), text);
    const nodes = [...node.children];
    (nodes[0] as HTMLElement).title = 'an explanation of day 6';
    fillRowCells(node, row, columns, range(7, 12), text);
    expect([...node.children]).toEqual(nodes);
    expect([...node.children].map((c) => (c as HTMLElement).dataset.column)).toEqual(['7', '8', '9', '10', '11']);
    expect([...node.children].map((c) => c.getAttribute('aria-colindex'))).toEqual(['9', '10', '11', '12', '13']);
    // The explanation belonged to the day the node showed before.
    expect((node.children[0] as HTMLElement).title).toBe('');
    fillRowCells(node, row, columns, range(3, 8), text);
    expect([...node.children].map((c) => (c as HTMLElement).dataset.column)).toEqual(['3', '4', '5', '6', '7']);
    expect(node.children[0]!.classList.contains('corrected')).toBe(true);
    expect(node.children[1]!.classList.contains('corrected')).toBe(false);
    // Another row in the same place is drawn anew, in the same nodes.
    const other = { ...row, days: row.days.map((d) => ({ ...d, status: 'leave' as const })) };
    fillRowCells(node, other, columns, range(3, 8), text);
    expect([...node.children]).toEqual(nodes);
    expect(new Set([...node.children].map((c) => (c as HTMLElement).dataset.code))).toEqual(new Set(['leave']));
    // A day's node that now shows a total keeps none of the day's attributes; fewer columns, fewer nodes.
    fillRowCells(node, row, columns, range(29, 32), text);
    expect(node.children).toHaveLength(3);
    expect([...node.children].map((c) => (c as HTMLElement).dataset.code)).toEqual(['present', undefined, undefined]);
    expect([...node.children].map((c) => (c as HTMLElement).dataset.date)).toEqual([days[29], undefined, undefined]);
    expect([...node.children].map((c) => (c as HTMLElement).dataset.total)).toEqual([undefined, 'present', 'absent']);
    expect(node.children[1]!.className).toBe('cell total');
  });
});
