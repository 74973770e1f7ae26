/**
 * `smpp-attendance punches import --db FILE CSVFILE`: punches from another clock or a paper list
 * (docs/attendance-rules.md section 5). The file is read and checked whole before the database is
 * opened (or created, for an office that sets up before its first connection): a bad line is named
 * and nothing is imported; the store then writes the rows in one transaction, skipping exact
 * repeats of punches it already has.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { optionalString, parseCommandArgs, requireString } from './options.js';
import { openOrCreateStore } from './open-existing-store.js';
import { UsageError } from './usage.js';
import { whoOption } from './cli-context.js';
import { describeReason } from '../core/describe.js';
import { ReasonError } from '../core/reason-error.js';
import { parsePunchesCsv, PUNCH_IMPORT_LIMITS } from '../core/attendance/punch-csv.js';
import { SETTINGS_DEFAULTS } from '../core/settings/settings-defaults.js';
import { terminalSafe } from '../core/text/terminal-safe.js';
import type { CliIo } from './cli-io.js';

const options = {
  db: { type: 'string' },
  who: { type: 'string' },
  'default-country': { type: 'string' },
} as const;

export function runPunches(argv: string[], io: CliIo, now: () => number = Date.now): number {
  const [sub, ...rest] = argv;
  if (sub !== 'import')
    throw new UsageError(sub ? `unknown punches command '${sub}' (import)` : 'punches needs import');
  const { values, positionals } = parseCommandArgs(rest, options, { positionals: 1 });
  const dbPath = requireString(values, 'db');
  const file = positionals[0];
  if (!file) throw new UsageError('punches import needs a CSV file (columns phone,status,time)');
  const country = (optionalString(values, 'default-country') ?? SETTINGS_DEFAULTS.defaultCountry).toUpperCase();
  const who = whoOption(values);
  let text: string;
  try {
    const stat = statSync(file);
    if (stat.isFile() && stat.size > PUNCH_IMPORT_LIMITS.maxBytes) {
      io.stderr(
        `smpp-attendance: ${describeReason({ code: 'csv-too-large', params: { bytes: stat.size, max: PUNCH_IMPORT_LIMITS.maxBytes } })}\n`,
      );
      return 1;
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read '${file}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const at = now();
  let rows;
  try {
    rows = parsePunchesCsv(text, { defaultCountry: country, now: at });
  } catch (error) {
    if (!(error instanceof ReasonError)) throw error;
    io.stderr(`smpp-attendance: ${terminalSafe(file)}: ${terminalSafe(error.message)}\n`);
    return 1;
  }
  // A database this command creates and then cannot fill (the numbers are nobody's yet: add the
  // employees first) is removed again, so that a refused import leaves nothing behind.
  const created = !existsSync(dbPath);
  const store = openOrCreateStore(dbPath, country);
  let imported = false;
  try {
    const { added, skipped } = store.importPunches(rows, { who, now: at });
    imported = true;
    io.stdout(`${added} punches imported, ${skipped} already recorded (skipped)\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ReasonError)) throw error;
    io.stderr(`smpp-attendance: ${terminalSafe(file)}: ${terminalSafe(error.message)}\n`);
    return 1;
  } finally {
    store.close();
    if (created && !imported) for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  }
}
