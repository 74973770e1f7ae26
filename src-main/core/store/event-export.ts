/**
 * The export's reads: every event of a time range in the order of the `events_at` index, on a
 * separate read-only connection and in ONE snapshot (so the total and the rows agree, and the
 * store's own connection stays free to record messages while a long export runs).
 *
 * Built for millions of rows: the query reads only `events`; the employees' names (a few thousand)
 * and the ids of corrected events (rare) are read once, in the same snapshot, into memory, instead
 * of a join and a correlated NOT EXISTS per row.
 */
import type { Database } from 'better-sqlite3';

export type ExportEventRow = [
  id: number,
  phone: string,
  employeeId: number | null,
  status: string,
  reportedTime: string,
  occurredAt: number | null,
  receivedAt: number,
];

/** One export's reads. Close it when done (also after an error). */
export interface EventExport {
  /** Events in the range, without those a correction replaced: the number of rows `rows()` yields. */
  readonly total: number;
  /** Every employee's id and name (the rows carry only the id). */
  employeeNames(): IterableIterator<[id: number, name: string]>;
  /** The range's events ordered by time (then id), those a correction replaced left out. Iterate once. */
  rows(): IterableIterator<ExportEventRow>;
  close(): void;
}

/** Opens the snapshot on `reader` (a read-only connection this object now owns and closes). */
export function openEventExport(reader: Database, range: { fromMs?: number; toMs?: number }): EventExport {
  try {
    reader.exec('BEGIN'); // one snapshot for the names, the corrections, the count and the rows
    const bounds = [range.fromMs ?? Number.MIN_SAFE_INTEGER, range.toMs ?? Number.MAX_SAFE_INTEGER];
    // Events replaced by a correction row (the NOT_CORRECTED rule of the views), via the partial index.
    const corrected = new Set(reader.prepare<[], number>('SELECT corrects_id FROM events WHERE corrects_id IS NOT NULL').pluck().all());
    const inRange = reader.prepare<number[], number>('SELECT COUNT(*) FROM events WHERE at >= ? AND at < ?').pluck().get(...bounds) ?? 0;
    const correctedInRange =
      corrected.size === 0
        ? 0
        : (reader
            .prepare<number[], number>('SELECT COUNT(*) FROM events WHERE at >= ? AND at < ? AND id IN (SELECT corrects_id FROM events WHERE corrects_id IS NOT NULL)')
            .pluck()
            .get(...bounds) ?? 0);
    return {
      total: inRange - correctedInRange,
      employeeNames: () => reader.prepare<[], [number, string]>('SELECT id, name FROM employees').raw().iterate(),
      rows: () => {
        const all = reader
          .prepare<number[], ExportEventRow>(
            `SELECT id, phone, employee_id, status, reported_time, occurred_at, received_at
             FROM events WHERE at >= ? AND at < ? ORDER BY at, id`,
          )
          .raw()
          .iterate(...bounds) as IterableIterator<ExportEventRow>;
        // Without corrections (the usual case) the statement's own iterator, with no layer per row.
        return corrected.size === 0 ? all : withoutCorrected(all, corrected);
      },
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

function* withoutCorrected(rows: IterableIterator<ExportEventRow>, corrected: ReadonlySet<number>): IterableIterator<ExportEventRow> {
  for (const row of rows) if (!corrected.has(row[0])) yield row;
}
