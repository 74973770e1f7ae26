/**
 * The command-line entry point: argv in, exit code out. Wrong arguments print a clear message and
 * the usage (exit 2); failures while running print a message (exit 1); never a stack trace.
 */
import { terminalSafe } from '../core/text/terminal-safe.js';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { helpFor, USAGE, UsageError } from './usage.js';
import { processIo, type CliIo } from './cli-io.js';

export { processIo };
import { runServe } from './serve-command.js';
import { runExport } from './export-command.js';
import { runStatus } from './status-command.js';
import { runEmployees } from './employees-command.js';
import { runBackup } from './backup-command.js';
import { runRestore } from './restore-command.js';
import { runTimesheet } from './timesheet-command.js';
import { runPunches } from './punches-command.js';
import { runShifts } from './shifts-command.js';
import { runHolidays } from './holidays-command.js';
import { runLeave } from './leave-command.js';
import { runAudit } from './audit-command.js';
import { runPeriods } from './periods-command.js';
import { NoDatabaseError } from './open-existing-store.js';
import { damageReport, damagedDatabaseMessage, isDamagedDatabaseError } from '../core/backup/damaged-database.js';

/** Each command's handler, by the name typed on the command line. */
const COMMANDS: Record<string, (args: string[], io: CliIo) => number | Promise<number>> = {
  serve: runServe,
  export: runExport,
  status: runStatus,
  employees: runEmployees,
  backup: runBackup,
  restore: runRestore,
  timesheet: runTimesheet,
  punches: runPunches,
  shifts: runShifts,
  holidays: runHolidays,
  leave: runLeave,
  audit: runAudit,
  periods: runPeriods,
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // `smpp-attendance <command> --help`; `npx` takes a `--help` of its own, so the README says `help <command>`.
    if (command && helpFor(command) && (rest[0] === '--help' || rest[0] === '-h')) {
      io.stdout(helpFor(command)!);
      return 0;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      const text = helpFor(rest[0]);
      if (text === null) throw new UsageError(`no help for '${rest[0]}': there is no such command`);
      io.stdout(text);
      return 0;
    }
    if (command === undefined) throw new UsageError('no command given');
    if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command '${command}'`);
    return await COMMANDS[command]!(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      // A known command's own help is enough (the whole usage is long); `help` shows everything.
      const usage = (command !== undefined && command !== 'help' && helpFor(command)) || USAGE;
      io.stderr(`smpp-attendance: ${error.message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof NoDatabaseError) {
      io.stderr(`smpp-attendance: ${terminalSafe(error.message)}\n`);
      return 2;
    }
    const dbPath = optionValue(rest, 'db');
    if (dbPath !== undefined && isDamagedDatabaseError(error)) {
      io.stderr(`smpp-attendance: ${damagedDatabaseMessage(damageReport(dbPath, error))}`);
      return 1;
    }

    io.stderr(`smpp-attendance: ${terminalSafe((error as Error).message ?? String(error))}\n`);
    return 1;
  }
}

/** The value of `--name V` or `--name=V` in `args`, if given. */
function optionValue(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i]!.startsWith(`--${name}=`)) return args[i]!.slice(name.length + 3);
  }
  return undefined;
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  runCli(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`smpp-attendance: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
