/** `smpp-attendance status`: who is in now, like the original script's A / S listing. */
import { optionalString, parseCommandArgs, requireString } from './options.js';
import { openExistingStore } from './open-existing-store.js';
import type { CliIo } from './cli-io.js';
import { formatTable } from './table.js';
import { terminalSafe } from '../core/text/terminal-safe.js';
import { startOfLocalDay } from '../core/store/local-day.js';

const options = { db: { type: 'string' }, search: { type: 'string' } } as const;

export function runStatus(argv: string[], io: CliIo, now: () => number = Date.now): number {
  const { values } = parseCommandArgs(argv, options);
  const store = openExistingStore(requireString(values, 'db'));
  try {
    const since = startOfLocalDay(now());
    const search = optionalString(values, 'search');
    const rows = store.whoIsIn({ since, ...(search ? { search } : {}) });
    if (rows.length === 0) {
      io.stdout(search ? `Nobody matching '${terminalSafe(search)}' is in now.\n` : 'Nobody is in now.\n');
      return 0;
    }
    io.stdout(
      formatTable(
        ['phone', 'name', 'department', 'since', 'reported'],
        rows.map((r) => [
          r.phone,
          r.name ?? '(unknown)',
          r.department ?? '',
          time(r.lastEventAt),
          r.lastReportedTime.trim(),
        ]),
      ),
    );
    io.stdout(`${rows.length} in now.\n`);
  } finally {
    store.close();
  }
  return 0;
}

function time(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
