/**
 * `smpp-attendance periods list|close|reopen`: closing a period (a month) freezes it: no
 * correction, leave or holiday change inside it until it is reopened with a reason
 * (docs/attendance-rules.md section 4). Both are audited.
 */
import type { ClosedPeriod } from '../core/model.js';
import type { CliIo } from './cli-io.js';
import { rangeOptions } from './cli-context.js';
import { idArgument, printList, RANGE_OPTIONS, STORE_OPTIONS, storeCommandOf, withStore } from './command-support.js';
import { requireString, stringOptions } from './options.js';
import { UsageError } from './usage.js';
import { terminalSafe } from '../core/text/terminal-safe.js';

const options = {
  ...STORE_OPTIONS,
  ...RANGE_OPTIONS,
  ...stringOptions('why'),
} as const;

const SUBCOMMANDS = ['list', 'close', 'reopen'] as const;

export function runPeriods(argv: string[], io: CliIo, now: () => number = Date.now): number {
  const { sub, values, argument, dbPath, who } = storeCommandOf(argv, 'periods', SUBCOMMANDS, options, ['reopen']);

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

  const id = idArgument(argument, 'periods reopen');
  const why = requireString(values, 'why').trim();
  if (why === '') throw new UsageError('periods reopen needs a reason: --why TEXT');
  const period = withStore(dbPath, (store) => store.reopenPeriod(id, { who, now: now(), why }));
  io.stdout(`reopened period ${period.id}: ${period.from} to ${period.to} (${terminalSafe(why)})\n`);
  return 0;
}
