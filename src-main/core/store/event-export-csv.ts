/**
 * The export's CSV lines, made by SQLite: one value per batch of a few thousand rows (their lines
 * joined, as UTF-8 bytes) instead of nine values per row handed to JavaScript, formatted there and
 * encoded again to UTF-8 for the file. Reading the rows column by column was most of the export's
 * time (README, Performance).
 *
 * The lines must be byte for byte what the export's JavaScript formatting writes
 * (core/export/attendance-csv.ts), so the SQL does only what it can do exactly and asks that
 * formatting (through `CsvLineFormat`, as SQL functions) for everything else:
 * - a phone made only of ASCII letters and digits is its own cell (nothing to quote, no formula);
 *   any other goes to `cell`;
 * - a reported time made only of ASCII letters, digits, `:`, `.`, `/` and spaces is its own cell
 *   without the spaces around it; any other goes to `reported`;
 * - names are formatted once per employee by `cell`, kept in a temporary table joined on the id,
 *   with the employee's phone and the two cells together (a linked punch carries that phone);
 * - statuses are the labels given;
 * - an instant inside the spans of one UTC offset that `offsets` gives (from the range's first to
 *   its last counted time, a day more each side) is formatted by SQLite's `datetime()` shifted by
 *   that offset, followed by the offset's text; any other instant goes to `time`;
 * - flags are written as stored.
 * The corrections' own punches (few) are formatted by `line` and merged in at their counted times.
 */
import type { Database } from 'better-sqlite3';
import type { ExportEventRow } from './event-export.js';

/** The export's formatting, as the SQL needs it. */
export interface CsvLineFormat {
  /** A text as its CSV cell (quoted when needed, guarded against formulas). */
  cell(text: string): string;
  /** A reported time as its CSV cell. */
  reported(text: string): string;
  /** An instant (ms since the epoch) as its cell. */
  time(ms: number): string;
  /** Spans of one UTC offset covering `fromMs` to `toMs`, in time order (see local-iso-time.ts). */
  offsets(fromMs: number, toMs: number): readonly { from: number; to: number; minutes: number; text: string }[];
  /** Stored status → its cell. */
  statusLabels: Readonly<Record<string, string>>;
  /** The whole line (its LF included) of a punch the SQL does not format: a correction's. */
  line(row: ExportEventRow, nameCell: string): string;
}

/** A piece of the CSV: whole lines as UTF-8, and how many. */
export interface CsvChunk {
  bytes: Buffer;
  rows: number;
}

/** Rows per chunk: large enough that the per-statement cost vanishes, small enough to stay flat. */
const CHUNK_ROWS = 4_000;
const DAY_MS = 86_400_000;
/** Instants SQLite's date functions and the four-digit years of the format both cover, with a day to spare for the offset. */
const LAST_FORMATTED_MS = Date.UTC(9999, 11, 30);
/** Below every row id: `(at, id) > (x, BEFORE_IDS)` means `at >= x`, `< (x, BEFORE_IDS)` means `at < x`. */
const BEFORE_IDS = Number.MIN_SAFE_INTEGER;

/**
 * The CSV lines of the events with `from <= at < to` by (at, id), without those in `corrected`,
 * with `added` (sorted by counted time) merged in as the row-by-row export did: each before the
 * first row whose counted time is the same or later. `reader` is inside the export's snapshot.
 */
export function* csvChunks(
  reader: Database,
  bounds: { from: number; to: number },
  corrected: ReadonlySet<number>,
  added: readonly ExportEventRow[],
  format: CsvLineFormat,
): IterableIterator<CsvChunk> {
  const { from, to } = bounds;
  reader.function('export_cell', { deterministic: true }, (text: unknown) => format.cell(String(text)));
  reader.function('export_reported', { deterministic: true }, (text: unknown) => format.reported(String(text)));
  reader.function('export_time', { deterministic: true }, (ms: unknown) =>
    ms === null ? '' : format.time(Number(ms)),
  );

  const names = new Map<number, string>();
  reader.exec(
    'CREATE TEMP TABLE export_names (id INTEGER PRIMARY KEY, phone TEXT NOT NULL, head TEXT NOT NULL, cell TEXT NOT NULL)',
  );
  const addName = reader.prepare<[number, string, string, string]>(
    'INSERT INTO temp.export_names (id, phone, head, cell) VALUES (?, ?, ?, ?)',
  );
  for (const [id, phone, name] of reader
    .prepare<[], [number, string, string]>('SELECT id, phone, name FROM employees')
    .raw()
    .all()) {
    const cell = format.cell(name);
    names.set(id, cell);
    addName.run(id, phone, `${format.cell(phone)},${cell},`, cell);
  }
  if (corrected.size > 0) {
    reader.exec('CREATE TEMP TABLE export_corrected (id INTEGER PRIMARY KEY)');
    const addCorrected = reader.prepare<[number]>('INSERT INTO temp.export_corrected (id) VALUES (?)');
    for (const id of corrected) addCorrected.run(id);
  }

  const span = reader
    .prepare<number[], [number | null, number | null]>('SELECT MIN(at), MAX(at) FROM events WHERE at >= ? AND at < ?')
    .raw()
    .get(from, to);
  const spans =
    span?.[0] == null || span[1] == null
      ? []
      : format.offsets(Math.max(0, span[0] - DAY_MS), Math.min(LAST_FORMATTED_MS, span[1] + DAY_MS + 1));

  // The corrections' punches, formatted here, keyed (at, seq) with seq below every event id, so that
  // in (at, id) order each comes before the events counted at the same time, as the row-by-row
  // merge put them.
  const merge = added.length > 0;
  if (merge) {
    reader.exec('CREATE TEMP TABLE export_added (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, line TEXT NOT NULL)');
    reader.exec('CREATE INDEX temp.export_added_at ON export_added (at)');
    const addLine = reader.prepare<[number, number, string]>(
      'INSERT INTO temp.export_added (seq, at, line) VALUES (?, ?, ?)',
    );
    added.forEach((row, i) =>
      addLine.run(
        BEFORE_IDS + 1 + i,
        row[7],
        format.line(row, (row[2] === null ? undefined : names.get(row[2])) ?? ''),
      ),
    );
  }

  // The last key of the next chunk (CHUNK_ROWS on from `after`), if there are that many rows left.
  const lastKey = reader
    .prepare<[number, number, number, number], [number, number]>(
      'SELECT at, id FROM events WHERE (at, id) > (?, ?) AND at < ? ORDER BY at, id LIMIT 1 OFFSET ?',
    )
    .raw();
  const lines = reader
    .prepare<number[], [Buffer | null, number]>(linesSql(spans, format.statusLabels, corrected.size > 0, false))
    .raw();
  // A chunk with some of the corrections' punches in its range merges them in (a little slower).
  const merged = merge
    ? reader
        .prepare<number[], [Buffer | null, number]>(linesSql(spans, format.statusLabels, corrected.size > 0, true))
        .raw()
    : lines;
  let next = 0; // the first of `added` not written yet
  let low: [number, number] = [from, BEFORE_IDS];
  for (;;) {
    const key = lastKey.get(low[0], low[1], to, CHUNK_ROWS - 1);
    // After `low` and up to `key` included, or to the end of the range.
    const high = key === undefined ? [to, BEFORE_IDS] : [key[0], key[1] + 1];
    const bounds = [low[0], low[1], high[0]!, high[1]!];
    let more = 0;
    while (next + more < added.length && (key === undefined || added[next + more]![7] <= key[0])) more += 1;
    const [bytes, rows] = more === 0 ? lines.get(...bounds)! : merged.get(...bounds, ...bounds)!;
    next += more;
    if (bytes !== null && rows > 0) yield { bytes, rows };
    if (key === undefined) return;
    low = key;
  }
}

/**
 * The lines of the rows with `(at, id)` after the first two parameters and before the last two, in that order, joined
 * (each ends with LF), as a BLOB of UTF-8; and their number.
 */
function linesSql(
  spans: readonly { from: number; to: number; minutes: number; text: string }[],
  statusLabels: Readonly<Record<string, string>>,
  leaveOutCorrected: boolean,
  merge: boolean,
): string {
  // Every piece below carries the comma after it, so that a line is few concatenations.
  const status = `CASE e.status ${Object.entries(statusLabels)
    .map(([stored, label]) => `WHEN ${literal(stored)} THEN ${literal(`${label},`)}`)
    .join(' ')} ELSE export_cell(e.status) || ',' END`;
  // A linked punch's phone is its employee's: their two cells were made once, with the name. The
  // usual reported time (' 08:31') is told by an anchored pattern, cheaper than the general one.
  const head =
    `(CASE WHEN e.phone = n.phone THEN n.head ELSE ` +
    `(CASE WHEN e.phone NOT GLOB '*[^0-9A-Za-z]*' THEN e.phone ELSE export_cell(e.phone) END) || ',' || ifnull(n.cell, '') || ',' END) || ` +
    `${status} || ` +
    `(CASE WHEN e.reported_time GLOB ' [0-9][0-9]:[0-9][0-9]' THEN substr(e.reported_time, 2) ` +
    `WHEN e.reported_time NOT GLOB '*[^0-9A-Za-z:./ ]*' THEN trim(e.reported_time, ' ') ` +
    `ELSE export_reported(e.reported_time) END) || ','`;
  const line = `head || occurred || received ||
      (CASE WHEN at = occurred_at THEN occurred WHEN at = received_at THEN received ELSE ${time('at', spans)} END) ||
      (CASE WHEN flags IS NULL THEN char(10) ELSE flags || char(10) END)`;
  const rows = `SELECT ${head} AS head,
                 (CASE WHEN e.occurred_at IS NULL THEN ',' ELSE ${time('e.occurred_at', spans)} END) AS occurred,
                 ${time('e.received_at', spans)} AS received,
                 e.at, e.id, e.occurred_at, e.received_at, e.flags
          FROM events e LEFT JOIN temp.export_names n ON n.id = e.employee_id
          WHERE (e.at, e.id) > (?, ?) AND (e.at, e.id) < (?, ?)${leaveOutCorrected ? ' AND e.id NOT IN temp.export_corrected' : ''}
          ORDER BY e.at, e.id`;
  // The rows in the order of the index, then their lines joined in that order: a subquery with
  // ORDER BY under an aggregate is not flattened, SQLite runs it as a co-routine (no sort). With
  // the corrections' punches, the two ordered streams are merged (MERGE (UNION ALL), no sort either).
  if (!merge) return `SELECT CAST(group_concat(${line}, '') AS BLOB), count(*) FROM (${rows})`;
  return `SELECT CAST(group_concat(line, '') AS BLOB), count(*) FROM (
      SELECT ${line} AS line, at, id FROM (${rows})
      UNION ALL
      SELECT line, at, seq FROM temp.export_added WHERE (at, seq) > (?, ?) AND (at, seq) < (?, ?)
      ORDER BY 2, 3)`;
}

/**
 * SQL: the text of instant `column` (ms) and a comma, by the offset of its span, or by export_time
 * outside them.
 */
function time(column: string, spans: readonly { from: number; to: number; minutes: number; text: string }[]): string {
  const outside = `export_time(${column}) || ','`;
  if (spans.length === 0) return outside;
  const parts = [`CASE WHEN ${column} < ${int(spans[0]!.from)} THEN ${outside}`];
  for (const s of spans)
    parts.push(
      `WHEN ${column} < ${int(s.to)} THEN replace(datetime(${column} / 1000 + ${int(s.minutes * 60)}, 'unixepoch'), ' ', 'T') || ${literal(`${s.text},`)}`,
    );
  parts.push(`ELSE ${outside} END`);
  return parts.join(' ');
}

function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
  return String(n);
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
