/**
 * The export's reads: every punch of a time range in the order of the counted time (the
 * `events_at` index), on a separate read-only connection and in ONE snapshot (so the total and the
 * rows agree, and the store's own connection stays free to record messages while a long export
 * runs).
 *
 * Corrections are applied (corrections.ts): a punch with a correction is left out and the
 * correction's punch (a replacement or an addition) is merged in at its counted time.
 *
 * Built for millions of rows: the query reads only `events`; the employees' names (a few thousand),
 * the ids of corrected events and the corrections' punches (rare) are read once, in the same
 * snapshot, into memory, instead of a join and a correlated NOT EXISTS per row. The CSV export
 * takes the rows as lines SQLite made (`csvChunks`, event-export-csv.ts); `batches()` gives them as
 * values, read in batches (`all()` of a few thousand rows from where the last batch ended on the
 * events_at index) rather than one `iterate()` step per row.
 */
import type { Database } from 'better-sqlite3';
import { IN_FORCE } from './corrections.js';
import { csvChunks, type CsvChunk, type CsvLineFormat } from './event-export-csv.js';

export type { CsvChunk, CsvLineFormat } from './event-export-csv.js';

export type ExportEventRow = [
  id: number,
  phone: string,
  employeeId: number | null,
  status: string,
  reportedTime: string,
  occurredAt: number | null,
  receivedAt: number | null,
  countedAt: number,
  /** Flag codes joined by ';', null when none. */
  flags: string | null,
];

/** One export's reads. Close it when done (also after an error). */
export interface EventExport {
  /** Punches in the range, corrections applied: the number of rows `batches()` yields. */
  readonly total: number;
  /** Every employee's id and name (the rows carry only the id). */
  employeeNames(): IterableIterator<[id: number, name: string]>;
  /** The range's punches ordered by counted time (then id), corrections applied, in batches. Iterate once. */
  batches(): IterableIterator<ExportEventRow[]>;
  /**
   * The same rows as CSV lines in `format`, made by SQLite a few thousand at a time
   * (event-export-csv.ts). Iterate once, and either this or `batches()`.
   */
  csvChunks(format: CsvLineFormat): IterableIterator<CsvChunk>;
  close(): void;
}

/** Opens the snapshot on `reader` (a read-only connection this object now owns and closes). */
export function openEventExport(reader: Database, range: { fromMs?: number; toMs?: number }): EventExport {
  try {
    reader.exec('BEGIN'); // one snapshot for the names, the corrections, the count and the rows
    const bounds = [range.fromMs ?? Number.MIN_SAFE_INTEGER, range.toMs ?? Number.MAX_SAFE_INTEGER];
    // Events with a correction (left out), via the partial index corrections_event.
    const corrected = new Set(
      reader.prepare<[], number>('SELECT DISTINCT event_id FROM corrections WHERE event_id IS NOT NULL').pluck().all(),
    );
    // The corrections' own punches in the range (replacements show the original's reported and received times).
    const added = reader
      .prepare<number[], ExportEventRow>(
        `SELECT COALESCE(c.event_id, -c.id), c.phone, c.employee_id, c.status, COALESCE(e.reported_time, ''), e.occurred_at, e.received_at, c.at, e.flags
         FROM corrections c LEFT JOIN events e ON e.id = c.event_id
         WHERE c.at >= ? AND c.at < ? AND ${IN_FORCE} ORDER BY c.at, c.id`,
      )
      .raw()
      .all(...bounds);
    const inRange =
      reader
        .prepare<number[], number>('SELECT COUNT(*) FROM events WHERE at >= ? AND at < ?')
        .pluck()
        .get(...bounds) ?? 0;
    const correctedInRange =
      corrected.size === 0
        ? 0
        : (reader
            .prepare<number[], number>(
              'SELECT COUNT(*) FROM events WHERE at >= ? AND at < ? AND id IN (SELECT event_id FROM corrections WHERE event_id IS NOT NULL)',
            )
            .pluck()
            .get(...bounds) ?? 0);
    return {
      total: inRange - correctedInRange + added.length,
      employeeNames: () => reader.prepare<[], [number, string]>('SELECT id, name FROM employees').raw().iterate(),
      batches: () => {
        const all = batchesOf(reader, bounds[0]!, bounds[1]!);
        // Without corrections (the usual case) the batches as read, with no layer per row.
        return corrected.size === 0 && added.length === 0 ? all : corrections(all, corrected, added);
      },
      csvChunks: (format) => csvChunks(reader, { from: bounds[0]!, to: bounds[1]! }, corrected, added, format),
      close: () => {
        if (reader.inTransaction) reader.exec('COMMIT');
        reader.close();
      },
    };
  } catch (error) {
    reader.close();
    throw error;
  }
}

/** Rows read per batch: large enough that the per-call cost vanishes, small enough to stay flat. */
const BATCH_ROWS = 2_000;

/** Events with `from <= at < to` by (at, id), a batch at a time, each batch starting after the last row of the one before. */
function* batchesOf(reader: Database, from: number, to: number): IterableIterator<ExportEventRow[]> {
  const COLUMNS = 'id, phone, employee_id, status, reported_time, occurred_at, received_at, at, flags';
  const first = reader
    .prepare<[number, number, number], ExportEventRow>(
      `SELECT ${COLUMNS} FROM events WHERE at >= ? AND at < ? ORDER BY at, id LIMIT ?`,
    )
    .raw();
  const after = reader
    .prepare<[number, number, number, number], ExportEventRow>(
      `SELECT ${COLUMNS} FROM events WHERE (at, id) > (?, ?) AND at < ? ORDER BY at, id LIMIT ?`,
    )
    .raw();
  let batch = first.all(from, to, BATCH_ROWS);
  while (batch.length > 0) {
    yield batch;
    if (batch.length < BATCH_ROWS) return;
    const last = batch[batch.length - 1]!;
    batch = after.all(last[7], last[0], to, BATCH_ROWS);
  }
}

/** `batches` without the corrected rows, with `added` (sorted by counted time) merged in. */
function* corrections(
  batches: IterableIterator<ExportEventRow[]>,
  corrected: ReadonlySet<number>,
  added: readonly ExportEventRow[],
): IterableIterator<ExportEventRow[]> {
  let next = 0;
  for (const batch of batches) {
    const out: ExportEventRow[] = [];
    for (const row of batch) {
      if (corrected.has(row[0])) continue;
      while (next < added.length && added[next]![7] <= row[7]) out.push(added[next++]!);
      out.push(row);
    }
    yield out;
  }
  if (next < added.length) yield added.slice(next);
}
