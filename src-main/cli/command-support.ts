/**
 * Small pieces the commands share: their common flags, the subcommand word and what follows it,
 * the database opened and closed around the work, lists printed as JSON or a table, ids from the
 * command line, employees by number.
 */
import type { Employee } from '../core/model.js';
import type { AttendanceStore } from '../core/store/attendance-store.js';
import { terminalSafe } from '../core/text/terminal-safe.js';
import { printJson, whoOption } from './cli-context.js';
import type { CliIo } from './cli-io.js';
import { openExistingStore } from './open-existing-store.js';
import { parseCommandArgs, requireString, type OptionSpec } from './options.js';
import { formatTable } from './table.js';
import { UsageError } from './usage.js';

/** The flags of the commands that change audited data: the database, who is at the keyboard, JSON out. */
export const STORE_OPTIONS = {
  db: { type: 'string' },
  who: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** A range of days: `--month`, or `--from` and `--to` (read with `rangeOptions`). */
export const RANGE_OPTIONS = {
  month: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

/** The first word of a command with subcommands (`leave add ...`), checked against its list. */
export function subcommandOf<S extends string>(
  argv: string[],
  command: string,
  subcommands: readonly S[],
): [sub: S, rest: string[]] {
  const [sub, ...rest] = argv;
  if (!subcommands.includes(sub as S)) {
    const list = subcommands.join(', ');
    throw new UsageError(sub ? `unknown ${command} command '${sub}' (${list})` : `${command} needs one of ${list}`);
  }
  return [sub as S, rest];
}

/** A command on the database with subcommands (`leave add ...`), its flags read and `--db` required. */
export interface StoreCommand<S extends string> {
  sub: S;
  values: Record<string, string | boolean | undefined>;
  /** The subcommand's argument, for those in `withArgument`. */
  argument: string | undefined;
  dbPath: string;
  /** Who is at the keyboard (`--who`, else the OS user), for the audit log. */
  who: string;
}

/** Reads such a command: the subcommand word, then its flags (`options`) and, for `withArgument`, one argument. */
export function storeCommandOf<S extends string>(
  argv: string[],
  command: string,
  subcommands: readonly S[],
  options: OptionSpec,
  withArgument: readonly NoInfer<S>[] = [],
): StoreCommand<S> {
  const [sub, rest] = subcommandOf(argv, command, subcommands);
  const { values, positionals } = parseCommandArgs(rest, options, { positionals: withArgument.includes(sub) ? 1 : 0 });
  return { sub, values, argument: positionals[0], dbPath: requireString(values, 'db'), who: whoOption(values) };
}

/** Opens the existing database, runs `work` on it and closes it, whatever happens. */
export function withStore<T>(dbPath: string, work: (store: AttendanceStore) => T): T {
  const store = openExistingStore(dbPath);
  try {
    return work(store);
  } finally {
    store.close();
  }
}

/** How a list prints: a sentence when it is empty, else a table of one row per item. */
export interface ListOutput<T> {
  items: readonly T[];
  empty: string;
  header: string[];
  row: (item: T) => string[];
}

/** Prints a list: with `--json` the JSON of `json` (the items unless said), else the sentence or the table. */
export function printList<T>(io: CliIo, asJson: boolean, list: ListOutput<T>, json: unknown = list.items): void {
  if (asJson) printJson(io, json);
  else if (list.items.length === 0) io.stdout(list.empty);
  else io.stdout(formatTable(list.header, list.items.map(list.row)));
}

/** A positive whole number given as the command's argument (a shift's, a leave's, a period's id). */
export function idArgument(text: string | undefined, command: string, what = 'ID'): number {
  if (text === undefined) throw new UsageError(`${command} needs the ${what}`);
  if (!/^[1-9]\d{0,14}$/.test(text))
    throw new UsageError(`${command}: the ${what} must be a whole number, got '${text}'`);
  return Number(text);
}

/** A failure while running (exit 1), not a usage error: the number is well formed but nobody has it. */
export class NoSuchEmployeeError extends Error {
  override readonly name = 'NoSuchEmployeeError';
  constructor(phone: string) {
    super(`no employee has the number '${terminalSafe(phone)}' (see employees list)`);
  }
}

export function findEmployee(store: AttendanceStore, phone: string): Employee {
  const employee = store.findEmployeeByPhone(phone);
  if (!employee) throw new NoSuchEmployeeError(phone);
  return employee;
}

/** Names of employees by id, for tables that refer to them. */
export function employeesById(store: AttendanceStore): Map<number, Employee> {
  return new Map(store.listEmployees({ includeInactive: true }).map((e) => [e.id, e]));
}

export function personText(employee: Employee | undefined, id: number): string {
  return employee ? `${employee.name} (${employee.phone})` : `employee ${id}`;
}
