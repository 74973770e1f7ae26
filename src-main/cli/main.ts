/**
 * The command-line entry point: argv in, exit code out. Wrong arguments print a clear message and
 * the usage (exit 2); failures while running print a message (exit 1); never a stack trace.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { USAGE, UsageError } from './usage.js';
import { processIo, type CliIo } from './cli-io.js';

export { processIo };
import { runServe } from './serve-command.js';
import { runExport } from './export-command.js';
import { runStatus } from './status-command.js';
import { runEmployees } from './employees-command.js';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await runServe(rest, io);
      case 'export':
        return await runExport(rest, io);
      case 'status':
        return runStatus(rest, io);
      case 'employees':
        return runEmployees(rest, io);
      case '--help':
      case '-h':
      case 'help':
        io.stdout(USAGE);
        return 0;
      case undefined:
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`smpp-attendance: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(`smpp-attendance: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
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
