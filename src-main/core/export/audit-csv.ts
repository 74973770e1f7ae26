/**
 * The audit log as CSV (UTF-8 with BOM): one row per entry, oldest first as the iterator gives
 * them, `before`/`after` as JSON. Cells come from people (names, reasons): the formula guard
 * applies. Streamed: written in chunks, waiting for the output to drain.
 */
import type { AuditEntry } from '../model.js';
import { localIsoFormatter } from './local-iso-time.js';
import { neutraliseFormula } from './csv-injection.js';
import { csvLine } from './csv-line.js';

export const AUDIT_CSV_HEADER = ['id', 'at', 'who', 'entity', 'action', 'subject', 'before', 'after', 'why'] as const;

const CHUNK_CHARS = 64 * 1024;

/** Writes every entry to `out` (which it does not end); resolves with the number of rows. */
export async function writeAuditCsv(entries: Iterable<AuditEntry>, out: NodeJS.WritableStream): Promise<number> {
  const iso = localIsoFormatter();
  let chunk = `\uFEFF${csvLine(AUDIT_CSV_HEADER)}`;
  let rows = 0;
  for (const e of entries) {
    chunk += csvLine(
      [
        String(e.id),
        iso(e.at),
        e.who,
        e.entity,
        e.action,
        e.subject,
        e.before === null || e.before === undefined ? '' : JSON.stringify(e.before),
        e.after === null || e.after === undefined ? '' : JSON.stringify(e.after),
        e.why,
      ].map(neutraliseFormula),
    );
    rows += 1;
    if (chunk.length >= CHUNK_CHARS) {
      await write(out, chunk);
      chunk = '';
    }
  }
  if (chunk !== '') await write(out, chunk);
  return rows;
}

function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    out.once('error', onError);
    const ok = out.write(text, () => undefined);
    const done = (): void => {
      out.off('error', onError);
      resolve();
    };
    if (ok) done();
    else out.once('drain', done);
  });
}
