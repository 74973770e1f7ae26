/**
 * The attendance export: one CSV row per punch, ordered by counted time, for payroll, corrections
 * applied. The first six columns keep their order; `counted_at` (the time every computation uses)
 * and `flags` (codes joined by ';', empty when none) follow.
 *
 * Streamed: rows come from the store's export iterator (store/event-export.ts: one snapshot on a
 * read-only connection of its own), are written in chunks of about 64 KiB, and the export waits
 * for the output to drain whenever it is full, so memory does not grow with the number of rows.
 * UTF-8 with a BOM so that Excel shows Persian names intact.
 *
 * Built for millions of rows: employees' names are formatted once, not per row; cells are made by
 * csv-line.ts and times by a formatter that caches per day and per offset.
 */
import type { Writable } from 'node:stream';
import type { AttendanceStore } from '../store/attendance-store.js';
import { localIsoFormatter } from './local-iso-time.js';
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
/** Text handed to `out` at once: large enough that per-write costs vanish, small enough to stay flat. */
const CHUNK_CHARS = 64 * 1024;
/** Bytes the export lets wait in `out` before it waits for them to drain. */
const AHEAD_BYTES = 256 * 1024;
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
  const iso = localIsoFormatter(opts.timeZone);
  const events = store.openEventExport(q);
  const watch = watchFailures(out, signal);
  const stream = out as Partial<Pick<Writable, 'writableLength' | 'writableNeedDrain' | 'destroyed'>>;
  try {
    const names = new Map<number, string>();
    for (const [id, name] of events.employeeNames()) names.set(id, csvCell(neutraliseFormula(name)));
    const total = events.total;

    let chunk = BOM + csvLine(ATTENDANCE_CSV_HEADER);
    const send = async (): Promise<void> => {
      const ok = out.write(chunk);
      chunk = '';
      // Keep making the next chunks while the last ones are being written (a file stream writes
      // on another thread), up to AHEAD_BYTES queued; a stream that cannot tell waits each time.
      if (
        !ok &&
        !(typeof stream.writableLength === 'number' && stream.writableLength < AHEAD_BYTES && !stream.destroyed)
      )
        await watch.until('drain');
    };
    onProgress?.(0, total);
    let written = 0;
    for (const batch of events.batches()) {
      watch.check();
      for (const [, phone, employeeId, status, reportedTime, occurredAt, receivedAt, countedAt, flags] of batch) {
        // The counted time is most often the reported one or the received one: formatted once.
        const occurred = occurredAt === null ? '' : iso(occurredAt);
        const received = receivedAt === null ? '' : receivedAt === occurredAt ? occurred : iso(receivedAt);
        const counted = countedAt === occurredAt ? occurred : countedAt === receivedAt ? received : iso(countedAt);
        chunk +=
          `${csvCell(neutraliseFormula(phone))},${(employeeId === null ? undefined : names.get(employeeId)) ?? ''},` +
          `${STATUS_LABEL[status] ?? csvCell(neutraliseFormula(status))},${csvCell(neutraliseFormula(reportedTime.trim()))},` +
          `${occurred},${received},${counted},${flags ?? ''}\n`;
        written += 1;
        if (written % PROGRESS_EVERY === 0) onProgress?.(written, total);
        if (chunk.length >= CHUNK_CHARS) {
          watch.check();
          await send();
        }
      }
    }
    watch.check();
    if (chunk.length > 0) await send();
    // What was queued ahead is written (or its failure seen) before the export says it is done.
    if (stream.writableNeedDrain === true) await watch.until('drain');
    onProgress?.(written, total);
    return { rows: written };
  } finally {
    watch.dispose();
    events.close();
  }
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
