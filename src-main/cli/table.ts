import { terminalSafe } from '../core/text/terminal-safe.js';

/**
 * A plain text table for terminals; width by code points so Persian names line up reasonably.
 * Cells are escaped (names and numbers come from imports and from the network).
 */
export function formatTable(header: string[], rawRows: string[][]): string {
  const rows = rawRows.map((r) => r.map(terminalSafe));
  const width = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c + ' '.repeat(Math.max(0, (width[i] ?? 0) - [...c].length)))
      .join('  ')
      .trimEnd() + '\n';
  return line(header) + line(width.map((w) => '-'.repeat(w))) + rows.map(line).join('');
}
