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

/**
 * The records of a whole CSV text. Malformed CSV goes to `refuse` with the line csv-parse stopped
 * at and its message, for the importer to throw its own error.
 */
export function parseCsvRecords(text: string, refuse: (line: number, message: string) => never): CsvRecord[] {
  try {
    return parse(text, CSV_READ_OPTIONS) as unknown as CsvRecord[];
  } catch (error) {
    return refuse((error as { lines?: number }).lines ?? 1, (error as Error).message);
  }
}
