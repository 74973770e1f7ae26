/**
 * `smpp-attendance periods list|close|reopen`: closing a period (a month) freezes it: no
 * correction, leave or holiday change inside it until it is reopened with a reason
 * (docs/attendance-rules.md section 4). Both are audited.
 */
import type { ClosedPeriod } from '../core/model.js';
import type { CliIo } from './cli-io.js';
import { rangeOptions, whoOption } from './cli-context.js';
import { idArgument, printList, RANGE_OPTIONS, STORE_OPTIONS, subcommandOf, withStore } from './command-support.js';
import { parseCommandArgs, requireString, stringOptions } from './options.js';
import { UsageError } from './usage.js';
import { terminalSafe } from '../core/text/terminal-safe.js';

const options = {
  ...STORE_OPTIONS,
  ...RANGE_OPTIONS,
  ...stringOptions('why'),
} as const;

const SUBCOMMANDS = ['list', 'close', 'reopen'] as const;

export function runPeriods(argv: string[], io: CliIo, now: () => number = Date.now): number {
  const [sub, rest] = subcommandOf(argv, 'periods', SUBCOMMANDS);
  const { values, positionals } = parseCommandArgs(rest, options, { positionals: sub === 'reopen' ? 1 : 0 });
  const dbPath = requireString(values, 'db');
  const who = whoOption(values);

  if (sub === 'list') {
    const periods = withStore(dbPath, (store) => store.listPeriods());
    printList(io, values.json === true, {
      items: periods,
      empty: 'No period has been closed.\n',
      header: ['id', 'from', 'to', 'state', 'closed by', 'reopened by', 'why reopened'],
      row: (p: ClosedPeriod) => [
        String(p.id),
        p.from,
        p.to,
        p.reopenedAt === null ? 'closed' : 'reopened',
        p.closedBy,
        p.reopenedBy ?? '',
        p.reopenWhy ?? '',
      ],
    });
    return 0;
  }

  if (sub === 'close') {
    const range = rangeOptions(values);
    const period = withStore(dbPath, (store) => store.closePeriod(range, { who, now: now() }));
    io.stdout(`closed period ${period.id}: ${period.from} to ${period.to}\n`);
    return 0;
  }

  const id = idArgument(positionals[0], 'periods reopen');
  const why = requireString(values, 'why').trim();
  if (why === '') throw new UsageError('periods reopen needs a reason: --why TEXT');
  const period = withStore(dbPath, (store) => store.reopenPeriod(id, { who, now: now(), why }));
  io.stdout(`reopened period ${period.id}: ${period.from} to ${period.to} (${terminalSafe(why)})\n`);
  return 0;
}
