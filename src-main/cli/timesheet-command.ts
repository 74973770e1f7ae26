/**
 * `smpp-attendance timesheet`: the day results of a month (or any days) for every employee, as
 * CSV (the columns of docs/attendance-rules.md section 6, UTF-8 with BOM; to a file or stdout) or
 * XLSX (day rows, per-employee and per-department sums; Persian headers and right-to-left sheets
 * with `--language fa`). The format follows the file's extension. Streamed: the store computes one
 * employee at a time, so memory does not grow with the size of the office.
 */
import { rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createPrivateWriteStream } from '../core/private-files.js';
import { writeTimesheetCsv } from '../core/export/timesheet-csv.js';
import { writeTimesheetXlsx } from '../core/export/timesheet-xlsx.js';
import type { TimesheetLanguage } from '../core/export/timesheet-labels.js';
import type { CliIo } from './cli-io.js';
import { rangeOptions } from './cli-context.js';
import { openExistingStore } from './open-existing-store.js';
import { optionalString, parseCommandArgs, requireString, stringOptions } from './options.js';
import { UsageError } from './usage.js';

const options = {
  ...stringOptions('db', 'month', 'from', 'to', 'out', 'language'),
} as const;

const LANGUAGES: readonly TimesheetLanguage[] = ['en', 'fa'];

export async function runTimesheet(argv: string[], io: CliIo, now: () => number = Date.now): Promise<number> {
  const { values } = parseCommandArgs(argv, options);
  const dbPath = requireString(values, 'db');
  const range = rangeOptions(values);
  const out = optionalString(values, 'out');
  const format = out === undefined ? 'csv' : /\.xlsx$/i.test(out) ? 'xlsx' : /\.csv$/i.test(out) ? 'csv' : null;
  if (format === null) throw new UsageError(`--out must end in .csv or .xlsx (the format follows it), got '${out}'`);
  const language = (optionalString(values, 'language') ?? 'en') as TimesheetLanguage;
  if (!LANGUAGES.includes(language)) throw new UsageError(`--language must be en or fa, got '${language}'`);

  const store = openExistingStore(dbPath);
  try {
    let employees = 0;
    const rows = (function* counted() {
      for (const row of store.iterateTimesheet({ ...range, now: now() })) {
        employees += 1;
        yield row;
      }
    })();
    if (out === undefined) {
      await writeTimesheetCsv(rows, io.stdoutStream);
      return 0;
    }
    const file = createPrivateWriteStream(out);
    let days: number;
    try {
      if (format === 'xlsx') {
        ({ rows: days } = await writeTimesheetXlsx(rows, file, { language }));
      } else {
        ({ rows: days } = await writeTimesheetCsv(rows, file));
        file.end();
      }
      await finished(file);
    } catch (error) {
      file.destroy();
      rmSync(out, { force: true });
      throw error;
    }
    io.stderr(`${employees} employees, ${days} days written to ${out} (${range.from} to ${range.to})\n`);
    return 0;
  } finally {
    store.close();
  }
}
