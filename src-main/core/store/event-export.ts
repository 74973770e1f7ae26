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
 * snapshot, into memory, instead of a join and a correlated NOT EXISTS per row.
 */
import type { Database } from 'better-sqlite3';
import { IN_FORCE } from './corrections.js';

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
  /** Punches in the range, corrections applied: the number of rows `rows()` yields. */
  readonly total: number;
  /** Every employee's id and name (the rows carry only the id). */
  employeeNames(): IterableIterator<[id: number, name: string]>;
  /** The range's punches ordered by counted time (then id), corrections applied. Iterate once. */
  rows(): IterableIterator<ExportEventRow>;
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
      rows: () => {
        const all = reader
          .prepare<number[], ExportEventRow>(
            `SELECT id, phone, employee_id, status, reported_time, occurred_at, received_at, at, flags
             FROM events WHERE at >= ? AND at < ? ORDER BY at, id`,
          )
          .raw()
          .iterate(...bounds) as IterableIterator<ExportEventRow>;
        // Without corrections (the usual case) the statement's own iterator, with no layer per row.
        return corrected.size === 0 && added.length === 0 ? all : corrections(all, corrected, added);
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

/** `rows` without the corrected ones, with `added` (sorted by counted time) merged in. */
function* corrections(
  rows: IterableIterator<ExportEventRow>,
  corrected: ReadonlySet<number>,
  added: readonly ExportEventRow[],
): IterableIterator<ExportEventRow> {
  let next = 0;
  for (const row of rows) {
    if (corrected.has(row[0])) continue;
    while (next < added.length && added[next]![7] <= row[7]) yield added[next++]!;
    yield row;
  }
  while (next < added.length) yield added[next++]!;
}
