/**
 * `smpp-attendance periods list|close|reopen`: closing a period (a month) freezes it: no
 * correction, leave or holiday change inside it until it is reopened with a reason
 * (docs/attendance-rules.md section 4). Both are audited.
 */
import type { ClosedPeriod } from '../core/model.js';
import type { CliIo } from './cli-io.js';
import { printJson, rangeOptions, whoOption } from './cli-context.js';
import { idArgument } from './command-support.js';
import { openExistingStore } from './open-existing-store.js';
import { parseCommandArgs, requireString } from './options.js';
import { formatTable } from './table.js';
import { UsageError } from './usage.js';
import { terminalSafe } from '../core/text/terminal-safe.js';

const options = {
  db: { type: 'string' },
  who: { type: 'string' },
  json: { type: 'boolean' },
  month: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  why: { type: 'string' },
} as const;

const SUBCOMMANDS = ['list', 'close', 'reopen'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

export function runPeriods(argv: string[], io: CliIo, now: () => number = Date.now): number {
  const [sub, ...rest] = argv;
  if (!SUBCOMMANDS.includes(sub as Subcommand)) {
    const list = SUBCOMMANDS.join(', ');
    throw new UsageError(sub ? `unknown periods command '${sub}' (${list})` : `periods needs one of ${list}`);
  }
  const { values, positionals } = parseCommandArgs(rest, options, { positionals: sub === 'reopen' ? 1 : 0 });
  const dbPath = requireString(values, 'db');
  const who = whoOption(values);

  if (sub === 'list') {
    const store = openExistingStore(dbPath);
    try {
      const periods = store.listPeriods();
      if (values.json === true) {
        printJson(io, periods);
        return 0;
      }
      if (periods.length === 0) {
        io.stdout('No period has been closed.\n');
        return 0;
      }
      io.stdout(
        formatTable(
          ['id', 'from', 'to', 'state', 'closed by', 'reopened by', 'why reopened'],
          periods.map((p: ClosedPeriod) => [
            String(p.id),
            p.from,
            p.to,
            p.reopenedAt === null ? 'closed' : 'reopened',
            p.closedBy,
            p.reopenedBy ?? '',
            p.reopenWhy ?? '',
          ]),
        ),
      );
      return 0;
    } finally {
      store.close();
    }
  }

  if (sub === 'close') {
    const range = rangeOptions(values);
    const store = openExistingStore(dbPath);
    try {
      const period = store.closePeriod(range, { who, now: now() });
      io.stdout(`closed period ${period.id}: ${period.from} to ${period.to}\n`);
      return 0;
    } finally {
      store.close();
    }
  }

  const id = idArgument(positionals[0], 'periods reopen');
  const why = requireString(values, 'why').trim();
  if (why === '') throw new UsageError('periods reopen needs a reason: --why TEXT');
  const store = openExistingStore(dbPath);
  try {
    const period = store.reopenPeriod(id, { who, now: now(), why });
    io.stdout(`reopened period ${period.id}: ${period.from} to ${period.to} (${terminalSafe(why)})\n`);
    return 0;
  } finally {
    store.close();
  }
}
