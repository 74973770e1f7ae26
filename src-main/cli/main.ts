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

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    // `smpp-attendance <command> --help`; `npx` takes a `--help` of its own, so the README says `help <command>`.
    if (command && helpFor(command) && (rest[0] === '--help' || rest[0] === '-h')) {
      io.stdout(helpFor(command)!);
      return 0;
    }
    switch (command) {
      case 'serve':
        return await runServe(rest, io);
      case 'export':
        return await runExport(rest, io);
      case 'status':
        return runStatus(rest, io);
      case 'employees':
        return await runEmployees(rest, io);
      case 'backup':
        return await runBackup(rest, io);
      case 'restore':
        return runRestore(rest, io);
      case 'timesheet':
        return await runTimesheet(rest, io);
      case 'punches':
        return runPunches(rest, io);
      case 'shifts':
        return runShifts(rest, io);
      case 'holidays':
        return runHolidays(rest, io);
      case 'leave':
        return runLeave(rest, io);
      case 'audit':
        return await runAudit(rest, io);
      case 'periods':
        return runPeriods(rest, io);
      case '--help':
      case '-h':
      case 'help': {
        const text = helpFor(rest[0]);
        if (text === null) throw new UsageError(`no help for '${rest[0]}': there is no such command`);
        io.stdout(text);
        return 0;
      }
      case undefined:
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
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
