/**
 * The attendance export: one CSV row per punch, ordered by counted time, for payroll, corrections
 * applied. The first six columns keep their order; `counted_at` (the time every computation uses)
 * and `flags` (codes joined by ';', empty when none) follow.
 *
 * Streamed: the store makes the lines (store/event-export-csv.ts: one snapshot on a read-only
 * connection of its own, SQLite writing a few thousand lines at a time as UTF-8 in this module's
 * format, `csvLineFormat`), they are handed to `out` as they come, and the export waits for the
 * output to drain whenever more than AHEAD_BYTES wait in it, so memory does not grow with the
 * number of rows. UTF-8 with a BOM so that Excel shows Persian names intact.
 */
import type { Writable } from 'node:stream';
import type { AttendanceStore } from '../store/attendance-store.js';
import type { CsvLineFormat } from '../store/event-export.js';
import { localIsoFormatter, offsetSpans } from './local-iso-time.js';
import { neutraliseFormula } from './csv-injection.js';
import { csvCell, csvLine } from './csv-line.js';

export const ATTENDANCE_CSV_HEADER = [
  'phone',
  'name',
  'status',
  'reported_time',
  'occurred_at',
  'received_at',
  'counted_at',
  'flags',
] as const;

export interface ExportOptions {
  /** Called with (rows written, total rows) at the start, every 1000 rows and at the end. */
  onProgress?: (rows: number, total: number) => void;
  /** Aborting stops reading and rejects with an AbortError; `out` is left open for the caller. */
  signal?: AbortSignal;
  /** IANA zone for the times' local offset; default the process's zone. */
  timeZone?: string;
}

const PROGRESS_EVERY = 1000;
/** Bytes the export lets wait in `out` before it waits for them to drain: two or three of the store's chunks. */
const AHEAD_BYTES = 1024 * 1024;
const STATUS_LABEL: Record<string, string> = { arrival: 'Arrival', exit: 'Exit' };
const BOM = '\uFEFF';

/**
 * Writes punches with `fromMs <= counted time < toMs` to `out` (which it does not end). Resolves with the
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
  const events = store.openEventExport(q);
  const watch = watchFailures(out, signal);
  const stream = out as Partial<Pick<Writable, 'writableLength' | 'writableNeedDrain' | 'destroyed'>>;
  try {
    const total = events.total;
    const send = async (chunk: string | Buffer): Promise<void> => {
      const ok = out.write(chunk);
      // Keep making the next chunks while the last ones are being written (a file stream writes
      // on another thread), up to AHEAD_BYTES queued; a stream that cannot tell waits each time.
      if (
        !ok &&
        !(typeof stream.writableLength === 'number' && stream.writableLength < AHEAD_BYTES && !stream.destroyed)
      )
        await watch.until('drain');
    };
    onProgress?.(0, total);
    await send(BOM + csvLine(ATTENDANCE_CSV_HEADER));
    let written = 0;
    for (const { bytes, rows } of events.csvChunks(csvLineFormat(opts.timeZone))) {
      watch.check();
      await send(bytes);
      // As often as row by row: every PROGRESS_EVERY rows the chunk went past.
      const before = written;
      written += rows;
      if (onProgress)
        for (let n = (Math.floor(before / PROGRESS_EVERY) + 1) * PROGRESS_EVERY; n <= written; n += PROGRESS_EVERY)
          onProgress(n, total);
    }
    watch.check();
    // What was queued ahead is written (or its failure seen) before the export says it is done.
    if (stream.writableNeedDrain === true) await watch.until('drain');
    onProgress?.(written, total);
    return { rows: written };
  } finally {
    watch.dispose();
    events.close();
  }
}

/**
 * The export's line format: the store's SQL writes the lines itself where it can do so exactly,
 * and asks these functions for the rest (store/event-export-csv.ts). Every cell is guarded
 * against formulas, then quoted as RFC 4180 wants; the reported time without the white space
 * around it; times in ISO 8601 with the local offset.
 */
export function csvLineFormat(timeZone: string | undefined): CsvLineFormat {
  const iso = localIsoFormatter(timeZone);
  const cell = (text: string): string => csvCell(neutraliseFormula(text));
  return {
    cell,
    reported: (text) => cell(text.trim()),
    time: iso,
    offsets: (fromMs, toMs) => offsetSpans(timeZone, fromMs, toMs),
    statusLabels: STATUS_LABEL,
    line: ([, phone, , status, reportedTime, occurredAt, receivedAt, countedAt, flags], nameCell) => {
      const occurred = occurredAt === null ? '' : iso(occurredAt);
      const received = receivedAt === null ? '' : iso(receivedAt);
      return (
        `${cell(phone)},${nameCell},${STATUS_LABEL[status] ?? cell(status)},${cell(reportedTime.trim())},` +
        `${occurred},${received},${iso(countedAt)},${flags ?? ''}\n`
      );
    },
  };
}

/** Turns errors of `out` and an abort into a rejection of whatever the export is waiting for. */
function watchFailures(out: NodeJS.WritableStream, signal: AbortSignal | undefined) {
  let failure: unknown = null;
  const waiters = new Set<(error: unknown) => void>();
  const fail = (error: unknown): void => {
    failure ??= error;
    for (const reject of waiters) reject(failure);
  };
  const onAbort = (): void => fail(abortError());
  out.on('error', fail);
  signal?.addEventListener('abort', onAbort);
  return {
    check(): void {
      if (signal?.aborted) fail(abortError());
      if (failure !== null) throw failure;
    },
    until(event: 'drain'): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        if (failure !== null) return reject(failure);
        const done = (): void => {
          waiters.delete(reject);
          resolve();
        };
        waiters.add(reject);
        out.once(event, done);
      });
    },
    dispose(): void {
      out.off('error', fail);
      signal?.removeEventListener('abort', onAbort);
      waiters.clear();
    },
  };
}

function abortError(): DOMException {
  return new DOMException('The export was cancelled', 'AbortError');
}
