/**
 * `smpp-attendance holidays list|add|remove|import`: the office's days off (docs/attendance-rules.md
 * section 2). Iran's fixed solar holidays are built in; removing one takes it away for that year.
 * Dates may be typed Gregorian or Jalali; every change goes to the audit log.
 */
import { readFileSync } from 'node:fs';
import { terminalSafe } from '../core/text/terminal-safe.js';
import type { CliIo } from './cli-io.js';
import { dayOption, jalaliYearOf, rangeOptions, yearRange } from './cli-context.js';
import { printList, RANGE_OPTIONS, STORE_OPTIONS, storeCommandOf, withStore } from './command-support.js';
import { optionalString, requireString, stringOptions } from './options.js';
import { UsageError } from './usage.js';

const options = {
  ...STORE_OPTIONS,
  ...RANGE_OPTIONS,
  ...stringOptions('year', 'date', 'name'),
} as const;

const SUBCOMMANDS = ['list', 'add', 'remove', 'import'] as const;

export function runHolidays(argv: string[], io: CliIo, now: () => number = Date.now): number {
  const { sub, values, argument, dbPath, who } = storeCommandOf(argv, 'holidays', SUBCOMMANDS, options, ['import']);
  const meta = { who, now: now() };

  if (sub === 'list') {
    const year = optionalString(values, 'year');
    if (year !== undefined && (values.month !== undefined || values.from !== undefined || values.to !== undefined))
      throw new UsageError('give either --year, --month or --from/--to');
    const range =
      year !== undefined ? yearRange(year) : rangeOptions(values, () => yearRange(String(jalaliYearOf(meta.now))));
    const holidays = withStore(dbPath, (store) => store.listHolidays(range.from, range.to));
    printList(io, values.json === true, {
      items: holidays,
      empty: `No holidays from ${range.from} to ${range.to}.\n`,
      header: ['date', 'name', 'built in'],
      row: (h) => [h.date, h.name, h.builtIn ? 'yes' : ''],
    });
    return 0;
  }

  if (sub === 'import') {
    const file = argument;
    if (!file) throw new UsageError('holidays import needs a CSV file (columns date,name)');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `cannot read '${file}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    const { imported } = withStore(dbPath, (store) => store.importHolidaysCsv(text, meta));
    io.stdout(`${imported} holidays imported\n`);
    return 0;
  }

  const date = dayOption(values, 'date');
  if (date === undefined) throw new UsageError(`holidays ${sub} needs --date YYYY-MM-DD`);
  if (sub === 'add') {
    const name = requireString(values, 'name').trim();
    if (name === '') throw new UsageError('--name must not be empty');
    const holiday = withStore(dbPath, (store) => store.addHoliday({ date, name }, meta));
    io.stdout(`added holiday ${holiday.date} ${terminalSafe(holiday.name)}\n`);
    return 0;
  }
  withStore(dbPath, (store) => store.removeHoliday(date, meta));
  io.stdout(`removed the holiday of ${date}\n`);
  return 0;
}
