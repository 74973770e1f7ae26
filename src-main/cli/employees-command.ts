/** `smpp-attendance employees list|add|import|set-key|generate-key|remove-key`. */
import { readFileSync, statSync } from 'node:fs';
import { optionalString, requireString, stringOptions } from './options.js';
import { openExistingStore, openOrCreateStore } from './open-existing-store.js';
import { UsageError } from './usage.js';
import { EMPLOYEE_IMPORT_LIMITS, SETTINGS_DEFAULTS } from '../core/settings/settings-defaults.js';
import { describeReason } from '../core/describe.js';
import { formatTable } from './table.js';
import { terminalSafe } from '../core/text/terminal-safe.js';
import type { CliIo } from './cli-io.js';
import QRCode from 'qrcode';
import { assertValidKey } from '../core/protocol/cipher.js';
import { createOwnKeyCipher, generateOwnKey } from '../core/employees/own-key-cipher.js';
import { loadDataKeyFromFile, type DataKey } from '../core/employees/data-key.js';
import { storeCommandOf } from './command-support.js';

const options = {
  ...stringOptions('db', 'who', 'search', 'phone', 'name', 'department', 'default-country', 'key-file'),
  all: { type: 'boolean' },
} as const;

const SUBCOMMANDS = ['list', 'add', 'import', 'set-key', 'generate-key', 'remove-key'] as const;
/** The CSV file to import, or the employee's number for a key. */
const WITH_ARGUMENT = SUBCOMMANDS.filter((sub) => sub !== 'list' && sub !== 'add');
/** Where `set-key` reads the key when there is no --key-file (never from the command line: it would show in `ps` and the shell's history). */
export const EMPLOYEE_KEY_ENV = 'EMPLOYEE_KEY';

export async function runEmployees(argv: string[], io: CliIo): Promise<number> {
  const { sub, values, argument, dbPath, who } = storeCommandOf(argv, 'employees', SUBCOMMANDS, options, WITH_ARGUMENT);
  const country = (optionalString(values, 'default-country') ?? SETTINGS_DEFAULTS.defaultCountry).toUpperCase();
  const meta = { who };
  if (sub === 'set-key' || sub === 'generate-key' || sub === 'remove-key')
    return runKeyCommand(sub, argument, values, dbPath, country, io, meta);
  if (sub === 'list') {
    const store = openExistingStore(dbPath, country);
    try {
      const search = optionalString(values, 'search');
      const rows = store.listEmployees({ ...(search ? { search } : {}), includeInactive: values.all === true });
      if (rows.length === 0) {
        io.stdout('No employees yet. Add them with `employees add` or `employees import`.\n');
        return 0;
      }
      io.stdout(
        formatTable(
          ['phone', 'name', 'department', 'active', 'own key'],
          rows.map((e) => [e.phone, e.name, e.department, e.active ? 'yes' : 'no', e.hasOwnKey ? 'set' : '']),
        ),
      );
      return 0;
    } finally {
      store.close();
    }
  }
  if (sub === 'add') {
    // Arguments checked before the database is created, so that a wrong command leaves no file behind.
    const input = {
      phone: requireString(values, 'phone'),
      name: requireString(values, 'name'),
      department: optionalString(values, 'department') ?? '',
    };
    const store = openOrCreateStore(dbPath, country);
    try {
      const employee = store.addEmployee(input, meta);
      io.stdout(`added ${terminalSafe(employee.name)} (${employee.phone})\n`);
      return 0;
    } finally {
      store.close();
    }
  }
  const file = argument;
  if (!file) throw new UsageError('employees import needs a CSV file (columns phone,name,department)');
  let text: string;
  try {
    // A file over the limit is not read into memory at all (the core would refuse it anyway).
    const bytes = statSync(file).size;
    if (statSync(file).isFile() && bytes > EMPLOYEE_IMPORT_LIMITS.maxBytes) {
      io.stderr(
        `smpp-attendance: ${describeReason({ code: 'csv-too-large', params: { bytes, max: EMPLOYEE_IMPORT_LIMITS.maxBytes } })}\n`,
      );
      return 1;
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read '${file}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const store = openOrCreateStore(dbPath, country);
  try {
    const report = await store.importEmployeesCsv(text, undefined, meta);
    io.stdout(`${report.added} added, ${report.updated} updated, ${report.errors.length} lines with errors\n`);
    for (const e of report.errors) io.stderr(`line ${e.line}: ${terminalSafe(describeReason(e.reason))}\n`);
    return report.errors.length > 0 ? 1 : 0;
  } finally {
    store.close();
  }
}

/**
 * An employee's own key: set from a file or the environment, generated (printed once, with a QR
 * code for the phone app), or removed. Sealed with the data key file beside the database
 * (core/employees/data-key.ts); every change is told on stdout, the protection on stderr.
 */
async function runKeyCommand(
  sub: 'set-key' | 'generate-key' | 'remove-key',
  phone: string | undefined,
  values: Record<string, string | boolean | undefined>,
  dbPath: string,
  country: string,
  io: CliIo,
  meta: { who: string },
): Promise<number> {
  if (!phone) throw new UsageError(`employees ${sub} needs the employee's phone number`);
  let typed: string | null = null;
  if (sub === 'set-key') {
    const keyFile = optionalString(values, 'key-file');
    if (keyFile !== undefined) {
      try {
        typed = readFileSync(keyFile, 'utf8').replace(/\r?\n$/, '');
      } catch (error) {
        throw new UsageError(
          `cannot read '${keyFile}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        );
      }
    } else {
      typed = process.env[EMPLOYEE_KEY_ENV] ?? null;
      if (!typed)
        throw new UsageError(`employees set-key needs --key-file FILE or the environment variable ${EMPLOYEE_KEY_ENV}`);
    }
    try {
      assertValidKey(typed);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  let dataKey: DataKey | null = null;
  const store = openExistingStore(dbPath, country, () => {
    dataKey ??= loadDataKeyFromFile(dbPath, { create: true })!;
    return createOwnKeyCipher(dataKey.key);
  });
  try {
    const employee = store.findEmployeeByPhone(phone);
    if (!employee) {
      io.stderr(
        `smpp-attendance: no employee has the number '${terminalSafe(phone)}' (add them first with employees add)\n`,
      );
      return 1;
    }
    const who = terminalSafe(`${employee.name} (${employee.phone})`);
    if (sub === 'remove-key') {
      store.setEmployeeKey(employee.id, null, { ...meta, action: 'remove' });
      io.stdout(`removed the own key of ${who}: their phone must use the shared key again\n`);
      return 0;
    }
    const key = typed ?? generateOwnKey();
    store.setEmployeeKey(employee.id, key, { ...meta, action: sub === 'generate-key' ? 'generate' : 'set' });
    if (sub === 'generate-key') {
      io.stdout(
        `new own key for ${who} (shown only now; type it into the phone app or scan the code):\n\n  ${key}\n\n`,
      );
      io.stdout(await QRCode.toString(key, { type: 'terminal', small: true, errorCorrectionLevel: 'M' }));
      io.stdout('\n');
    } else {
      io.stdout(`set the own key of ${who}\n`);
    }
    const used = dataKey as DataKey | null;
    if (used?.protection === 'file') {
      io.stderr(
        `smpp-attendance: warning: own keys are sealed with the data key in ${used.path}, which only that file's permissions (0600) protect. ` +
          'Keep it out of shared folders and back it up with the database: without it, the own keys cannot be read.\n',
      );
    }
    return 0;
  } finally {
    store.close();
  }
}
