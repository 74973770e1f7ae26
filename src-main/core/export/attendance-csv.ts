/**
 * The attendance export: one CSV row per event, ordered by event time, for payroll.
 *
 * Streamed: rows come from `stmt.iterate()` on a separate read-only connection (one snapshot, so
 * the total and the rows agree, and the store's own connection stays free to record messages while
 * a long export runs), go through csv-stringify, and wait for the output to drain whenever it is
 * full, so memory does not grow with the number of rows. UTF-8 with a BOM so that Excel shows
 * Persian names intact.
 */
import { stringify } from 'csv-stringify';
import type { Stringifier } from 'csv-stringify';
import type { AttendanceStore } from '../store/attendance-store.js';
import { NOT_CORRECTED } from '../store/attendance-queries.js';
import { localIsoFormatter } from './local-iso-time.js';
import { neutraliseFormula } from './csv-injection.js';

export const ATTENDANCE_CSV_HEADER = ['phone', 'name', 'status', 'reported_time', 'occurred_at', 'received_at'] as const;

export interface ExportOptions {
  /** Called with (rows written, total rows) at the start, every 1000 rows and at the end. */
  onProgress?: (rows: number, total: number) => void;
  /** Aborting stops reading and rejects with an AbortError; `out` is left open for the caller. */
  signal?: AbortSignal;
  /** IANA zone for the times' local offset; default the process's zone. */
  timeZone?: string;
}

type ExportRow = [phone: string, name: string | null, status: string, reportedTime: string, occurredAt: number | null, receivedAt: number];

const PROGRESS_EVERY = 1000;
const STATUS_LABEL: Record<string, string> = { arrival: 'Arrival', exit: 'Exit' };

/**
 * Writes events with `fromMs <= at < toMs` to `out` (which it does not end). Resolves with the
 * number of rows once all of them have been handed to `out`.
 */
export async function exportAttendanceCsv(
  store: AttendanceStore,
  q: { fromMs?: number; toMs?: number },
  out: NodeJS.WritableStream,
  opts: ExportOptions = {},
): Promise<{ rows: number }> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) throw abortError();
  const iso = localIsoFormatter(opts.timeZone);
  const reader = store.openReader();
  const stringifier = stringify({ bom: true, header: true, columns: [...ATTENDANCE_CSV_HEADER] });
  const watch = watchFailures([stringifier, out], signal);
  try {
    reader.exec('BEGIN'); // one snapshot for the count and the rows
    const where = `e.at >= ? AND e.at < ? AND ${NOT_CORRECTED}`;
    const bounds = [q.fromMs ?? Number.MIN_SAFE_INTEGER, q.toMs ?? Number.MAX_SAFE_INTEGER];
    const total = reader.prepare<number[], number>(`SELECT COUNT(*) FROM events e WHERE ${where}`).pluck().get(...bounds) ?? 0;
    const rows = reader
      .prepare<number[], ExportRow>(
        `SELECT e.phone, emp.name, e.status, e.reported_time, e.occurred_at, e.received_at
         FROM events e LEFT JOIN employees emp ON emp.id = e.employee_id
         WHERE ${where} ORDER BY e.at, e.id`,
      )
      .raw()
      .iterate(...bounds) as IterableIterator<ExportRow>;

    stringifier.pipe(out as NodeJS.WritableStream, { end: false });
    onProgress?.(0, total);
    let written = 0;
    for (const [phone, name, status, reportedTime, occurredAt, receivedAt] of rows) {
      watch.check();
      const ok = stringifier.write([
        neutraliseFormula(phone),
        neutraliseFormula(name ?? ''),
        STATUS_LABEL[status] ?? status,
        neutraliseFormula(reportedTime),
        occurredAt === null ? '' : iso(occurredAt),
        iso(receivedAt),
      ]);
      written += 1;
      if (written % PROGRESS_EVERY === 0) onProgress?.(written, total);
      if (!ok) await watch.until(stringifier, 'drain');
    }
    watch.check();
    const ended = watch.until(stringifier, 'end');
    stringifier.end();
    await ended;
    onProgress?.(written, total);
    return { rows: written };
  } catch (error) {
    stringifier.unpipe(out as NodeJS.WritableStream);
    stringifier.destroy();
    throw error;
  } finally {
    watch.dispose();
    if (reader.inTransaction) reader.exec('COMMIT');
    reader.close();
  }
}

/** Turns stream errors and an abort into a rejection of whatever the export is waiting for. */
function watchFailures(streams: (Stringifier | NodeJS.WritableStream)[], signal: AbortSignal | undefined) {
  let failure: unknown = null;
  const waiters = new Set<(error: unknown) => void>();
  const fail = (error: unknown): void => {
    failure ??= error;
    for (const reject of waiters) reject(failure);
  };
  const onAbort = (): void => fail(abortError());
  for (const s of streams) s.on('error', fail);
  signal?.addEventListener('abort', onAbort);
  return {
    check(): void {
      if (signal?.aborted) fail(abortError());
      if (failure !== null) throw failure;
    },
    until(stream: Stringifier, event: 'drain' | 'end'): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        if (failure !== null) return reject(failure);
        const done = (): void => {
          waiters.delete(reject);
          resolve();
        };
        waiters.add(reject);
        stream.once(event, done);
      });
    },
    dispose(): void {
      for (const s of streams) s.off('error', fail);
      signal?.removeEventListener('abort', onAbort);
      waiters.clear();
    },
  };
}

function abortError(): DOMException {
  return new DOMException('The export was cancelled', 'AbortError');
}
