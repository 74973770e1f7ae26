/**
 * The audit log as CSV (docs/attendance-rules.md section 4): one row per entry, oldest first, with
 * the time in ISO 8601 with the local offset, and the thing before and after as JSON. UTF-8 with a
 * BOM so that Excel shows Persian names intact; every cell through the formula guard (names,
 * subjects and reasons were typed by people).
 */
import type { AuditEntry } from '../model.js';
import { neutraliseFormula } from './csv-injection.js';
import { csvLine } from './csv-line.js';
import { localIsoFormatter } from './local-iso-time.js';

export const AUDIT_CSV_HEADER = ['id', 'at', 'who', 'entity', 'action', 'subject', 'before', 'after', 'why'] as const;

const json = (value: unknown): string => (value === null || value === undefined ? '' : JSON.stringify(value));

/** Writes the entries to `out` (which it does not end); resolves with the number of rows. */
export async function writeAuditCsv(
  entries: Iterable<AuditEntry>,
  out: NodeJS.WritableStream,
  opts: { timeZone?: string } = {},
): Promise<{ rows: number }> {
  const iso = localIsoFormatter(opts.timeZone);
  let rows = 0;
  let chunk = `\uFEFF${csvLine(AUDIT_CSV_HEADER)}`;
  const flush = async (): Promise<void> => {
    if (chunk === '') return;
    const ok = out.write(chunk);
    chunk = '';
    if (!ok) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  for (const e of entries) {
    chunk += csvLine(
      [String(e.id), iso(e.at), e.who, e.entity, e.action, e.subject, json(e.before), json(e.after), e.why].map(
        neutraliseFormula,
      ),
    );
    rows += 1;
    if (chunk.length >= 64 * 1024) await flush();
  }
  await flush();
  return { rows };
}
