/**
 * How every CSV the office brings in is read (employees, punches, holidays): a BOM dropped, cells
 * trimmed, empty lines skipped, rows of any length kept (the importer reports a short row by its
 * line), each record with its line number.
 */
import { parse } from 'csv-parse/sync';

export const CSV_READ_OPTIONS = {
  bom: true,
  info: true,
  relax_column_count: true,
  skip_empty_lines: true,
  trim: true,
} as const;

/** One row of cells and the line it ends on. */
export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** The records of a whole CSV text; throws csv-parse's error (its `lines` says where) on malformed CSV. */
export function parseCsvRecords(text: string): CsvRecord[] {
  return parse(text, CSV_READ_OPTIONS) as unknown as CsvRecord[];
}
