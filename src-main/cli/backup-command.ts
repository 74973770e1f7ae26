/** `smpp-attendance backup --db FILE [--to DIR]`: one verified backup, its path on stdout. */
import { terminalSafe } from '../core/text/terminal-safe.js';
import { existsSync } from 'node:fs';
import { takeBackup } from '../core/backup/take-backup.js';
import { defaultBackupDir } from '../core/backup/pre-migration-backup.js';
import { NoDatabaseError } from './open-existing-store.js';
import { optionalString, parseCommandArgs, requireString } from './options.js';
import type { CliIo } from './cli-io.js';

const options = { db: { type: 'string' }, to: { type: 'string' } } as const;

export async function runBackup(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, options);
  const dbPath = requireString(values, 'db');
  const dir = optionalString(values, 'to') ?? defaultBackupDir(dbPath);
  if (!existsSync(dbPath)) throw new NoDatabaseError(dbPath);
  const record = await takeBackup(dbPath, dir, 'manual');
  if (!record.ok) {
    io.stderr(`smpp-attendance: the backup failed: ${terminalSafe(record.error ?? 'unknown reason')}\n`);
    return 1;
  }
  const c = record.counts!;
  io.stderr(
    `backup verified: ${c.events} events, ${c.messages} messages, ${c.employees} employees, ${record.bytes} bytes, in ${record.durationMs} ms\n`,
  );
  io.stdout(`${record.file}\n`);
  return 0;
}
