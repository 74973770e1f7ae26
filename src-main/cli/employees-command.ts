/** `smpp-attendance employees list|add|import`. */
import { readFileSync } from 'node:fs';
import { optionalString, parseCommandArgs, requireString } from './options.js';
import { openExistingStore, openOrCreateStore } from './open-existing-store.js';
import { UsageError } from './usage.js';
import { SETTINGS_DEFAULTS } from '../core/settings/settings-defaults.js';
import { describeReason } from '../core/describe.js';
import { formatTable } from './table.js';
import type { CliIo } from './cli-io.js';

const options = {
  db: { type: 'string' },
  search: { type: 'string' },
  all: { type: 'boolean' },
  phone: { type: 'string' },
  name: { type: 'string' },
  department: { type: 'string' },
  'default-country': { type: 'string' },
} as const;

export function runEmployees(argv: string[], io: CliIo): number {
  const [sub, ...rest] = argv;
  if (sub !== 'list' && sub !== 'add' && sub !== 'import') {
    throw new UsageError(sub ? `unknown employees command '${sub}' (list, add or import)` : 'employees needs list, add or import');
  }
  const { values, positionals } = parseCommandArgs(rest, options, { positionals: sub === 'import' ? 1 : 0 });
  const country = (optionalString(values, 'default-country') ?? SETTINGS_DEFAULTS.defaultCountry).toUpperCase();
  const dbPath = requireString(values, 'db');
  if (sub === 'list') {
    const store = openExistingStore(dbPath, country);
    try {
      const search = optionalString(values, 'search');
      const rows = store.listEmployees({ ...(search ? { search } : {}), includeInactive: values.all === true });
      if (rows.length === 0) {
        io.stdout('No employees yet. Add them with `employees add` or `employees import`.\n');
        return 0;
      }
      io.stdout(formatTable(['phone', 'name', 'department', 'active'], rows.map((e) => [e.phone, e.name, e.department, e.active ? 'yes' : 'no'])));
      return 0;
    } finally {
      store.close();
    }
  }
  if (sub === 'add') {
    // Arguments checked before the database is created, so that a wrong command leaves no file behind.
    const input = { phone: requireString(values, 'phone'), name: requireString(values, 'name'), department: optionalString(values, 'department') ?? '' };
    const store = openOrCreateStore(dbPath, country);
    try {
      const employee = store.addEmployee(input);
      io.stdout(`added ${employee.name} (${employee.phone})\n`);
      return 0;
    } finally {
      store.close();
    }
  }
  const file = positionals[0];
  if (!file) throw new UsageError('employees import needs a CSV file (columns phone,name,department)');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read '${file}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const store = openOrCreateStore(dbPath, country);
  try {
    const report = store.importEmployeesCsv(text);
    io.stdout(`${report.added} added, ${report.updated} updated, ${report.errors.length} lines with errors\n`);
    for (const e of report.errors) io.stderr(`line ${e.line}: ${describeReason(e.reason)}\n`);
    return report.errors.length > 0 ? 1 : 0;
  } finally {
    store.close();
  }
}
