/**
 * Importing employees from a CSV file (`phone,name,department`, header optional, any column order
 * when a header names them). Lines with problems are reported with their line numbers and skipped;
 * the valid rows are written in one transaction, so the file is either applied or (on a storage
 * error) not at all. A number already in the database updates that employee's name and department.
 */
import { parse } from 'csv-parse/sync';
import type { ImportReport } from '../model.js';
import type { ValidEmployee } from './validate-employee.js';
import { EmployeeInputError } from './employee-errors.js';

type Column = 'phone' | 'name' | 'department';
const COLUMNS: readonly Column[] = ['phone', 'name', 'department'];

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

export interface EmployeeCsvTarget {
  /** Checks one line's employee; throws with a message for the user. */
  validate(input: { phone: string; name: string; department: string }): ValidEmployee;
  /** Writes the valid lines at once (all or nothing); says how many were added and updated. */
  upsertAll(valid: readonly ValidEmployee[]): { added: number; updated: number };
}

export function importEmployeesCsv(employees: EmployeeCsvTarget, text: string): ImportReport {
  const report: ImportReport = { added: 0, updated: 0, errors: [] };
  let records: ParsedRecord[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as ParsedRecord[]; // csv-parse's types do not model `info: true`
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    report.errors.push({ line, reason: { code: 'csv-invalid', params: { detail: (error as Error).message } } });
    return report;
  }

  let columns: Partial<Record<Column, number>> = { phone: 0, name: 1, department: 2 };
  const first = records[0];
  if (first && first.record.some((cell) => cell.toLowerCase() === 'phone')) {
    records = records.slice(1);
    columns = {};
    first.record.forEach((cell, index) => {
      const name = cell.toLowerCase() as Column;
      if (COLUMNS.includes(name) && columns[name] === undefined) columns[name] = index;
    });
    if (columns.name === undefined) {
      report.errors.push({ line: 1, reason: { code: 'csv-no-name-column' } });
      return report;
    }
  }

  const valid: ValidEmployee[] = [];
  const lineOfPhone = new Map<string, number>();
  for (const { record, info } of records) {
    // info.lines is where the record ends; a quoted cell may span lines.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (record.every((cell) => cell === '')) continue;
    const cell = (c: Column): string => (columns[c] === undefined ? '' : (record[columns[c]] ?? ''));
    let employee: ValidEmployee;
    try {
      employee = employees.validate({ phone: cell('phone'), name: cell('name'), department: cell('department') });
    } catch (error) {
      const reason = error instanceof EmployeeInputError ? error.reason : null;
      report.errors.push({ line, reason: reason ?? { code: 'employee-invalid', params: { detail: (error as Error).message } } });
      continue;
    }
    const earlier = lineOfPhone.get(employee.phone);
    if (earlier !== undefined) {
      report.errors.push({ line, reason: { code: 'csv-duplicate-number', params: { phone: employee.phone, line: earlier } } });
      continue;
    }
    lineOfPhone.set(employee.phone, line);
    valid.push(employee);
  }

  const { added, updated } = employees.upsertAll(valid);
  report.added = added;
  report.updated = updated;
  return report;
}
