/**
 * `smpp-attendance holidays list|add|remove|import`: the office's days off (docs/attendance-rules.md
 * section 2). Iran's fixed solar holidays are built in; removing one takes it away for that year.
 * Dates may be typed Gregorian or Jalali; every change goes to the audit log.
 */
import { readFileSync } from 'node:fs';
import { terminalSafe } from '../core/text/terminal-safe.js';
import type { CliIo } from './cli-io.js';
import { dayOption, jalaliYearOf, printJson, rangeOptions, whoOption, yearRange } from './cli-context.js';
import { openExistingStore } from './open-existing-store.js';
import { optionalString, parseCommandArgs, requireString } from './options.js';
import { formatTable } from './table.js';
import { UsageError } from './usage.js';

const options = {
  db: { type: 'string' },
  who: { type: 'string' },
  json: { type: 'boolean' },
  year: { type: 'string' },
  month: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  date: { type: 'string' },
  name: { type: 'string' },
} as const;

const SUBCOMMANDS = ['list', 'add', 'remove', 'import'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

export function runHolidays(argv: string[], io: CliIo, now: () => number = Date.now): number {
  const [sub, ...rest] = argv;
  if (!SUBCOMMANDS.includes(sub as Subcommand)) {
    const list = SUBCOMMANDS.join(', ');
    throw new UsageError(sub ? `unknown holidays command '${sub}' (${list})` : `holidays needs one of ${list}`);
  }
  const { values, positionals } = parseCommandArgs(rest, options, { positionals: sub === 'import' ? 1 : 0 });
  const dbPath = requireString(values, 'db');
  const meta = { who: whoOption(values), now: now() };

  if (sub === 'list') {
    const year = optionalString(values, 'year');
    if (year !== undefined && (values.month !== undefined || values.from !== undefined || values.to !== undefined))
      throw new UsageError('give either --year, --month or --from/--to');
    const range =
      year !== undefined ? yearRange(year) : rangeOptions(values, () => yearRange(String(jalaliYearOf(meta.now))));
    const store = openExistingStore(dbPath);
    try {
      const holidays = store.listHolidays(range.from, range.to);
      if (values.json === true) {
        printJson(io, holidays);
        return 0;
      }
      if (holidays.length === 0) {
        io.stdout(`No holidays from ${range.from} to ${range.to}.\n`);
        return 0;
      }
      io.stdout(
        formatTable(
          ['date', 'name', 'built in'],
          holidays.map((h) => [h.date, h.name, h.builtIn ? 'yes' : '']),
        ),
      );
      return 0;
    } finally {
      store.close();
    }
  }

  if (sub === 'import') {
    const file = positionals[0];
    if (!file) throw new UsageError('holidays import needs a CSV file (columns date,name)');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        `cannot read '${file}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
    const store = openExistingStore(dbPath);
    try {
      const { imported } = store.importHolidaysCsv(text, meta);
      io.stdout(`${imported} holidays imported\n`);
      return 0;
    } finally {
      store.close();
    }
  }

  const date = dayOption(values, 'date');
  if (date === undefined) throw new UsageError(`holidays ${sub} needs --date YYYY-MM-DD`);
  if (sub === 'add') {
    const name = requireString(values, 'name').trim();
    if (name === '') throw new UsageError('--name must not be empty');
    const store = openExistingStore(dbPath);
    try {
      const holiday = store.addHoliday({ date, name }, meta);
      io.stdout(`added holiday ${holiday.date} ${terminalSafe(holiday.name)}\n`);
      return 0;
    } finally {
      store.close();
    }
  }
  const store = openExistingStore(dbPath);
  try {
    store.removeHoliday(date, meta);
    io.stdout(`removed the holiday of ${date}\n`);
    return 0;
  } finally {
    store.close();
  }
}
