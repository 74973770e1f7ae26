/** `smpp-attendance export`: the attendance events as CSV, streamed to a file or stdout. */
import { finished } from 'node:stream/promises';
import { createPrivateWriteStream } from '../core/private-files.js';
import { exportAttendanceCsv } from '../core/export/attendance-csv.js';
import { dayRange } from '../core/export/day-range.js';
import { dateOption, optionalString, parseCommandArgs, requireString, stringOptions } from './options.js';
import { openExistingStore } from './open-existing-store.js';
import { UsageError } from './usage.js';
import type { CliIo } from './cli-io.js';

const options = {
  ...stringOptions('db', 'from', 'to', 'out'),
} as const;

export async function runExport(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, options);
  const dbPath = requireString(values, 'db');
  const from = dateOption(values, 'from');
  const to = dateOption(values, 'to');
  let range;
  try {
    range = dayRange(from, to);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const outPath = optionalString(values, 'out');
  const store = openExistingStore(dbPath);
  try {
    if (outPath) {
      const file = createPrivateWriteStream(outPath);
      const { rows } = await exportAttendanceCsv(store, range, file);
      file.end();
      await finished(file);
      io.stderr(`${rows} events written to ${outPath}\n`);
    } else {
      await exportAttendanceCsv(store, range, io.stdoutStream);
    }
  } finally {
    store.close();
  }
  return 0;
}
