import { afterEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { exportAttendanceCsv } from '../../../src-main/core/export/attendance-csv.js';
import { dayRange } from '../../../src-main/core/export/day-range.js';
import { attendance, storeFixture, tehran, type StoreFixture } from './store-fixture.js';

let f: StoreFixture;
afterEach(() => f?.cleanup());

/** Collects what is written; `delayMs` makes it a slow consumer so backpressure happens. */
class Sink extends Writable {
  chunks: Buffer[] = [];
  bytes = 0;
  constructor(
    private readonly keep = true,
    private readonly delayMs = 0,
  ) {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.bytes += chunk.length;
    if (this.keep) this.chunks.push(chunk);
    if (this.delayMs > 0) setTimeout(done, this.delayMs);
    else setImmediate(done);
  }
  /** Ends the stream (as the caller of an export does) and returns everything written. */
  async text(): Promise<Buffer> {
    this.end();
    await finished(this);
    return Buffer.concat(this.chunks);
  }
}

const HEADER = ['phone', 'name', 'status', 'reported_time', 'occurred_at', 'received_at', 'counted_at', 'flags'];

describe('exportAttendanceCsv', () => {
  it('writes reported_time without the whitespace around it; the stored message keeps its bytes', async () => {
    f = storeFixture();
    const store = f.open();
    const { message } = store.recordMessage(
      attendance(tehran('2026-11-25T09:15:00'), 'arrival', { reportedTime: '\u00a0 09:15\t ' }),
    );
    store.recordMessage(
      attendance(tehran('2026-11-25T09:16:00'), 'exit', { source: '989121234567', reportedTime: ' -1' }),
    );
    const sink = new Sink();
    await exportAttendanceCsv(store, {}, sink);
    const records = parse(await sink.text(), { bom: true }) as string[][];
    expect(records.slice(1).map((r) => r[3])).toEqual(['09:15', "'-1"]); // trimmed first, then a formula-looking cell is neutralised
    expect(store.getMessage(message.id)?.plaintext).toBe('Arrival\u00a0 09:15\t ');
    const stored = new Database(f.path, { readonly: true });
    try {
      expect(stored.prepare('SELECT reported_time FROM events WHERE message_id = ?').pluck().get(message.id)).toBe(
        '\u00a0 09:15\t ',
      );
    } finally {
      stored.close();
    }
  });

  it('writes a BOM, the header, ISO times with the offset, in event order, with formulas neutralised', async () => {
    f = storeFixture();
    const store = f.open();
    store.addEmployee({ phone: '09102211824', name: 'سارا احمدی', department: '' });
    store.addEmployee({ phone: '09121234567', name: '=HYPERLINK("http://x")', department: '' });
    store.recordMessage(
      attendance(tehran('2026-11-25T08:31:20'), 'arrival', { occurredAt: tehran('2026-11-25T08:31:00') }),
    );
    store.recordMessage(
      attendance(tehran('2026-11-25T08:00:05'), 'arrival', {
        source: '989121234567',
        occurredAt: null,
        reportedTime: '-1 ; @x',
      }),
    );
    store.recordMessage(
      attendance(tehran('2026-11-25T17:05:00'), 'exit', {
        occurredAt: tehran('2026-11-25T17:05:00'),
        reportedTime: ' 17:05',
      }),
    );
    store.recordMessage(attendance(tehran('2026-11-26T08:00:00'), 'arrival', { source: '11111' }));

    const sink = new Sink();
    const progress: [number, number][] = [];
    const result = await exportAttendanceCsv(store, {}, sink, {
      onProgress: (rows, total) => progress.push([rows, total]),
    });
    expect(result.rows).toBe(4);
    expect(progress.at(0)).toEqual([0, 4]);
    expect(progress.at(-1)).toEqual([4, 4]);
    expect(sink.writableEnded).toBe(false); // the caller ends its stream

    const bytes = await sink.text();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true }) as string[][];
    expect(records[0]).toEqual(HEADER);
    expect(records.slice(1)).toEqual([
      [
        '989121234567',
        '\'=HYPERLINK("http://x")',
        'Arrival',
        "'-1 ; @x",
        '',
        '2026-11-25T08:00:05+03:30',
        '2026-11-25T08:00:05+03:30',
        'unparsed_time',
      ],
      [
        '989102211824',
        'سارا احمدی',
        'Arrival',
        '08:31',
        '2026-11-25T08:31:00+03:30',
        '2026-11-25T08:31:20+03:30',
        '2026-11-25T08:31:00+03:30',
        '',
      ],
      [
        '989102211824',
        'سارا احمدی',
        'Exit',
        '17:05',
        '2026-11-25T17:05:00+03:30',
        '2026-11-25T17:05:00+03:30',
        '2026-11-25T17:05:00+03:30',
        '',
      ],
      [
        '11111',
        '',
        'Arrival',
        '08:31',
        '2026-11-26T08:00:00+03:30',
        '2026-11-26T08:00:00+03:30',
        '2026-11-26T08:00:00+03:30',
        'unknown_sender',
      ],
    ]);

    const oneDay = new Sink();
    expect(await exportAttendanceCsv(store, dayRange('2026-11-26', '2026-11-26'), oneDay)).toEqual({ rows: 1 });
    expect((parse(await oneDay.text(), { bom: true }) as string[][]).slice(1).map((r) => r[0])).toEqual(['11111']);
    const named = new Sink();
    await exportAttendanceCsv(store, dayRange('2026-11-25', '2026-11-25'), named, { timeZone: 'UTC' });
    expect((parse(await named.text(), { bom: true }) as string[][])[2]![4]).toBe('2026-11-25T05:01:00+00:00');
    const empty = new Sink();
    expect(await exportAttendanceCsv(store, dayRange('2027-01-01'), empty)).toEqual({ rows: 0 });
    expect(parse(await empty.text(), { bom: true })).toEqual([HEADER]);
  });

  it('stops on abort with an AbortError, and the store keeps recording meanwhile', async () => {
    f = storeFixture();
    const store = f.open();
    seedEvents(f.path, 20_000);
    const sink = new Sink(false);
    const controller = new AbortController();
    let recordedDuringExport = false;
    const run = exportAttendanceCsv(store, {}, sink, {
      signal: controller.signal,
      onProgress: (rows) => {
        if (rows === 2000) {
          // The export reads on its own connection: this write is not blocked by the open iterator.
          recordedDuringExport = store.recordMessage(attendance(f.clock.now, 'arrival')).eventId !== null;
          controller.abort();
        }
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(recordedDuringExport).toBe(true);
    expect(sink.bytes).toBeLessThan(20_000 * 60);
    await expect(exportAttendanceCsv(store, {}, new Sink(), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    // Nothing is left open: the file can be checkpointed and closed.
    store.close();
  });

  it('rejects when the output fails', async () => {
    f = storeFixture();
    const store = f.open();
    seedEvents(f.path, 5_000);
    const failing = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('disk unplugged'));
      },
    });
    failing.on('error', () => undefined);
    await expect(exportAttendanceCsv(store, {}, failing)).rejects.toThrow('disk unplugged');
  });

  it('streams 200k rows without holding them in memory', async () => {
    f = storeFixture();
    const store = f.open();
    const N = 200_000;
    seedEvents(f.path, N);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const sink = new Sink(false);
    const started = performance.now();
    const result = await exportAttendanceCsv(store, {}, sink, {
      onProgress: (rows) => {
        if (rows % 20_000 === 0 && rows > 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed - base);
        }
      },
    });
    const ms = performance.now() - started;
    expect(result.rows).toBe(N);
    console.log(
      `export of ${N} rows: ${Math.round(ms)} ms, ${(sink.bytes / 1e6).toFixed(1)} MB of CSV, peak heap growth ${(peak / 1e6).toFixed(2)} MB (sampled after GC every 20k rows)`,
    );
    // The CSV is ~14 MB; holding the rows would need far more than this.
    expect(peak).toBeLessThan(8e6);
  });
});

/** Inserts `n` recorded messages with events directly (one transaction), for volume tests. */
function seedEvents(path: string, n: number): void {
  const db = new Database(path);
  try {
    const t0 = tehran('2026-11-01T08:00:00');
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
         INSERT INTO messages (id, received_at, source, destination, data_coding, raw, envelope, plaintext, outcome)
         SELECT i, ? + i * 1000, '98912' || printf('%07d', i % 500), '9102211824', 0, x'00', 'env' || i, 'Arrival 08:31', 'recorded' FROM k`,
      ).run(n, t0);
      db.prepare(
        `INSERT INTO events (message_id, phone, status, reported_time, occurred_at, received_at, at)
         SELECT id, source, CASE id % 2 WHEN 0 THEN 'exit' ELSE 'arrival' END, ' 08:31', received_at, received_at, received_at FROM messages`,
      ).run();
    })();
  } finally {
    db.close();
  }
}
