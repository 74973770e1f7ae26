/**
 * Importing employees from a CSV file (`phone,name,department`, header optional, any column order
 * when a header names them). Lines with problems are reported with their line numbers and skipped;
 * the valid rows are written in one transaction, so the file is either applied or (on a storage
 * error) not at all. A number already in the database updates that employee's name and department.
 *
 * A file over the limits (settings-defaults.ts) is refused whole. The file is parsed with
 * csv-parse's streaming parser in chunks, and the work gives the event loop a turn every few
 * milliseconds, so the SMPP session keeps answering the gateway during a large import.
 */
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parse } from 'csv-parse';
import type { ImportReport } from '../model.js';
import { CSV_READ_OPTIONS, type CsvRecord } from '../text/csv-records.js';
import type { ValidEmployee } from './validate-employee.js';
import { EmployeeInputError } from './employee-errors.js';
import { EMPLOYEE_IMPORT_LIMITS } from '../settings/settings-defaults.js';

/** Bytes handed to the parser at a time. */
const CHUNK_BYTES = 64 * 1024;
/** Longest stretch of work between two turns of the event loop. */
const SLICE_MS = 8;

type Column = 'phone' | 'name' | 'department';
const COLUMNS: readonly Column[] = ['phone', 'name', 'department'];

export interface EmployeeCsvTarget {
  /** Checks one line's employee; throws with a message for the user. */
  validate(input: { phone: string; name: string; department: string }): ValidEmployee;
  /** Writes the valid lines at once (all or nothing); says how many were added and updated. */
  upsertAll(valid: readonly ValidEmployee[]): { added: number; updated: number };
}

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
}

function* chunksOf(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

export async function importEmployeesCsv(
  employees: EmployeeCsvTarget,
  text: string,
  limits: ImportLimits = EMPLOYEE_IMPORT_LIMITS,
): Promise<ImportReport> {
  const report: ImportReport = { added: 0, updated: 0, errors: [] };
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > limits.maxBytes) {
    report.errors.push({
      line: 1,
      reason: { code: 'csv-too-large', params: { bytes: bytes.length, max: limits.maxBytes } },
    });
    return report;
  }

  const parser = Readable.from(chunksOf(bytes)).pipe(parse(CSV_READ_OPTIONS));
  let columns: Partial<Record<Column, number>> = { phone: 0, name: 1, department: 2 };
  let first = true;
  let rows = 0;
  const valid: ValidEmployee[] = [];
  const lineOfPhone = new Map<string, number>();
  let sliceStart = performance.now();
  try {
    for await (const parsed of parser as AsyncIterable<CsvRecord>) {
      if (performance.now() - sliceStart >= SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
      const { record, info } = parsed;
      if (first) {
        first = false;
        if (record.some((cell) => cell.toLowerCase() === 'phone')) {
          columns = {};
          record.forEach((cell, index) => {
            const name = cell.toLowerCase() as Column;
            if (COLUMNS.includes(name) && columns[name] === undefined) columns[name] = index;
          });
          if (columns.name === undefined) {
            parser.destroy();
            return { ...report, errors: [{ line: 1, reason: { code: 'csv-no-name-column' } }] };
          }
          continue;
        }
      }
      rows += 1;
      if (rows > limits.maxRows) {
        parser.destroy();
        return {
          added: 0,
          updated: 0,
          errors: [{ line: info.lines, reason: { code: 'csv-too-many-rows', params: { max: limits.maxRows } } }],
        };
      }
      // info.lines is where the record ends; a quoted cell may span lines.
      const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      if (record.every((cell) => cell === '')) continue;
      const cell = (c: Column): string => (columns[c] === undefined ? '' : (record[columns[c]] ?? ''));
      let employee: ValidEmployee;
      try {
        employee = employees.validate({ phone: cell('phone'), name: cell('name'), department: cell('department') });
      } catch (error) {
        const reason = error instanceof EmployeeInputError ? error.reason : null;
        report.errors.push({
          line,
          reason: reason ?? { code: 'employee-invalid', params: { detail: (error as Error).message } },
        });
        continue;
      }
      const earlier = lineOfPhone.get(employee.phone);
      if (earlier !== undefined) {
        report.errors.push({
          line,
          reason: { code: 'csv-duplicate-number', params: { phone: employee.phone, line: earlier } },
        });
        continue;
      }
      lineOfPhone.set(employee.phone, line);
      valid.push(employee);
    }
  } catch (error) {
    // Not CSV: nothing is imported, and only this is said (the lines before it do not matter then).
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      added: 0,
      updated: 0,
      errors: [{ line, reason: { code: 'csv-invalid', params: { detail: (error as Error).message } } }],
    };
  }

  const { added, updated } = employees.upsertAll(valid);
  report.added = added;
  report.updated = updated;
  return report;
}
