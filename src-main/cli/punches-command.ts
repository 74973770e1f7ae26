/**
 * `smpp-attendance punches import --db FILE CSVFILE`: punches from another clock or a paper list
 * (docs/attendance-rules.md section 5). The file is read and checked whole before the database is
 * opened (or created, for an office that sets up before its first connection): a bad line is named
 * and nothing is imported; the store then writes the rows in one transaction, skipping exact
 * repeats of punches it already has.
 *
 * `punches added` lists a number's punches added by hand or imported (with the id to correct them
 * by); `punches correct` gives one a new time (and status) or voids it, with a reason
 * (docs/attendance-rules.md section 4): a new correction row, the punch as added stays.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { optionalString, parseCommandArgs, requireString, stringOptions } from './options.js';
import { openExistingStore, openOrCreateStore } from './open-existing-store.js';
import { idArgument } from './command-support.js';
import { printJson } from './cli-context.js';
import { formatTable } from './table.js';
import { parseTime } from '../core/attendance/punch-csv.js';
import type { AddedPunch, AttendanceStatus } from '../core/model.js';
import { UsageError } from './usage.js';
import { whoOption } from './cli-context.js';
import { describeReason } from '../core/describe.js';
import { ReasonError } from '../core/reason-error.js';
import { parsePunchesCsv, PUNCH_IMPORT_LIMITS } from '../core/attendance/punch-csv.js';
import { SETTINGS_DEFAULTS } from '../core/settings/settings-defaults.js';
import { terminalSafe } from '../core/text/terminal-safe.js';
import type { CliIo } from './cli-io.js';

const options = stringOptions('db', 'who', 'default-country');
const correctOptions = {
  ...stringOptions('db', 'who', 'id', 'at', 'status', 'why'),
  void: { type: 'boolean' },
} as const;
const addedOptions = {
  ...stringOptions('db', 'phone', 'limit', 'default-country'),
  json: { type: 'boolean' },
} as const;

const SUBCOMMANDS = ['import', 'added', 'correct'] as const;

export function runPunches(argv: string[], io: CliIo, now: () => number = Date.now): number {
  const [sub, ...rest] = argv;
  if (!SUBCOMMANDS.includes(sub as (typeof SUBCOMMANDS)[number])) {
    const list = 'import, added or correct';
    throw new UsageError(sub ? `unknown punches command '${sub}' (${list})` : `punches needs ${list}`);
  }
  if (sub === 'added') return listAdded(rest, io);
  if (sub === 'correct') return correct(rest, io, now);
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

/** `YYYY-MM-DD HH:MM` in the office's time zone (the process's), as `punches import` reads it. */
function localText(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function listAdded(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs(argv, addedOptions);
  const dbPath = requireString(values, 'db');
  const phone = requireString(values, 'phone');
  const limitText = optionalString(values, 'limit');
  const limit = limitText === undefined ? 100 : idArgument(limitText, 'punches added --limit', 'number');
  const country = (optionalString(values, 'default-country') ?? SETTINGS_DEFAULTS.defaultCountry).toUpperCase();
  const store = openExistingStore(dbPath, country);
  let punches: AddedPunch[];
  try {
    punches = store.addedPunches({ phone, limit: Math.min(limit, 1000) });
  } finally {
    store.close();
  }
  if (values.json === true) {
    printJson(io, punches);
    return 0;
  }
  if (punches.length === 0) {
    io.stdout(`No punches added by hand or imported for ${terminalSafe(phone)}.\n`);
    return 0;
  }
  io.stdout(
    formatTable(
      ['id', 'source', 'status', 'time', 'as added', 'added by', 'why', 'corrected by', 'why'],
      punches.map((p) => [
        String(p.id),
        p.source,
        p.at === null ? 'void' : p.status,
        p.at === null ? '' : localText(p.at),
        `${p.added.status} ${localText(p.added.at)}`,
        `${p.added.who}, ${localText(p.added.madeAt)}`,
        p.added.why,
        p.correction ? `${p.correction.who}, ${localText(p.correction.madeAt)}` : '',
        p.correction?.why ?? '',
      ]),
    ),
  );
  return 0;
}

function correct(argv: string[], io: CliIo, now: () => number): number {
  const { values } = parseCommandArgs(argv, correctOptions);
  const dbPath = requireString(values, 'db');
  const correctionId = idArgument(optionalString(values, 'id'), 'punches correct --id');
  const why = optionalString(values, 'why')?.trim() ?? '';
  if (why === '') throw new UsageError('punches correct needs --why TEXT: the reason is kept with the correction');
  const atText = optionalString(values, 'at');
  const statusText = optionalString(values, 'status');
  const voiding = values.void === true;
  if (voiding === (atText !== undefined))
    throw new UsageError('punches correct needs either --void or --at TIME (with --status if that changes too)');
  if (voiding && statusText !== undefined) throw new UsageError('--status goes with --at, not with --void');
  let status: AttendanceStatus | undefined;
  if (statusText !== undefined) {
    const lower = statusText.trim().toLowerCase();
    if (lower !== 'arrival' && lower !== 'exit')
      throw new UsageError(`--status is arrival or exit, got '${statusText}'`);
    status = lower;
  }
  const at = now();
  let time = 0;
  if (atText !== undefined) {
    const parsed = parseTime(atText);
    if (typeof parsed === 'string') throw new UsageError(`--at: ${parsed}`);
    if (parsed > at) throw new UsageError(`--at: the time '${atText}' is in the future`);
    time = parsed;
  }
  const store = openExistingStore(dbPath);
  try {
    const record = store.correctAddedPunch(
      voiding
        ? { kind: 'void', correctionId }
        : { kind: 'replace', correctionId, at: time, ...(status ? { status } : {}) },
      { who: whoOption(values), why, now: at },
    );
    io.stdout(
      record.countedAt === null
        ? `punch ${correctionId} voided (correction ${record.id})\n`
        : `punch ${correctionId} now ${record.status} at ${localText(record.countedAt)} (correction ${record.id})\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof ReasonError)) throw error;
    io.stderr(`smpp-attendance: ${terminalSafe(error.message)}\n`);
    return 1;
  } finally {
    store.close();
  }
}
