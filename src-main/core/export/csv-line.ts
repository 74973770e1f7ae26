/**
 * CSV cells and lines as RFC 4180 has them: a cell is quoted when it holds `"`, `,`, CR or LF,
 * with its quotes doubled; lines end with LF.
 *
 * Hand-written instead of csv-stringify for the export's hot loop: csv-stringify's per-field
 * option handling and a stream event per record alone took longer than the export's whole time
 * budget for five years of a large office (README, benchmarks). The rule
 * above is all the export needs (its cells are strings it made itself), and the integration test
 * reads the output back with csv-parse.
 */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\n`;
}
