/** `smpp-attendance restore --db FILE --from BACKUP`: checked first, the replaced database kept. */
import { restoreDatabase } from '../core/backup/restore.js';
import { parseCommandArgs, requireString } from './options.js';
import type { CliIo } from './cli-io.js';

const options = { db: { type: 'string' }, from: { type: 'string' } } as const;

export function runRestore(argv: string[], io: CliIo): number {
  const { values } = parseCommandArgs(argv, options);
  const dbPath = requireString(values, 'db');
  const from = requireString(values, 'from');
  const result = restoreDatabase(dbPath, from);
  const c = result.counts;
  io.stdout(
    `restored ${result.dbPath} from ${result.from}: ${c.events} events, ${c.messages} messages, ${c.employees} employees\n`,
  );
  if (result.safetyCopy) io.stdout(`the database it replaced is kept as ${result.safetyCopy}\n`);
  return 0;
}
