/**
 * The export's bytes, pinned: a fixture with what makes CSV and times hard (names with commas,
 * quotes, formulas and Persian letters; unknown numbers; reported times to neutralise; missing
 * reported instants; flags; many punches at the same instant, across the export's read batches;
 * corrections that replace, void and add punches) is exported whole and by range, and the output's
 * SHA-256 must be what the export wrote before it was made faster (README, Performance, round two).
 * A change of format must change these digests on purpose.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { exportAttendanceCsv } from '../../../src-main/core/export/attendance-csv.js';
import { storeFixture, tehran, type StoreFixture } from './store-fixture.js';
import type { AttendanceStore } from '../../../src-main/core/store/attendance-store.js';

let f: StoreFixture;
afterEach(() => f?.cleanup());

const ROWS = 7_001;

/** Hashes what is written; `delayMs` makes it a slow consumer, so backpressure happens. */
class HashSink extends Writable {
  readonly hash = createHash('sha256');
  bytes = 0;
  constructor(private readonly delayMs: number) {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (this.delayMs > 0) setTimeout(done, this.delayMs);
    else setImmediate(done);
  }
}

function seed(store: AttendanceStore, path: string): void {
  const names = ['سارا احمدی', 'Doe, "Jo"', '=SUM(A1)', ' +98 trick', 'Line\nbreak', 'Plain Name'];
  names.forEach((name, k) => store.addEmployee({ phone: `0912000000${k}`, name, department: k % 2 === 0 ? 'A' : 'B' }));
  const db = new Database(path);
  try {
    const t0 = tehran('2026-03-19T23:50:00'); // across the Persian new year and a month of days
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
         INSERT INTO messages (id, received_at, source, destination, data_coding, raw, envelope, plaintext, outcome)
         SELECT i, ? + (i / 3) * 397000 + (i % 5) * 1000,
                CASE i % 9 WHEN 7 THEN '11111' WHEN 8 THEN 'Bank,Co' ELSE '98912000000' || (i % 7) END,
                '9102211824', 0, x'00', 'env' || i, 'Arrival 08:31', 'recorded' FROM k`,
      ).run(ROWS, t0);
      db.prepare(
        `INSERT INTO events (message_id, phone, employee_id, status, reported_time, occurred_at, received_at, at, flags)
         SELECT m.id, m.source, emp.id, CASE m.id % 2 WHEN 0 THEN 'exit' ELSE 'arrival' END,
                CASE m.id % 11 WHEN 0 THEN '-1 ; @x' WHEN 1 THEN 'a"b,c' WHEN 2 THEN '  09:15 ' WHEN 3 THEN '=1+1' ELSE ' 08:31' END,
                CASE WHEN m.id % 13 = 0 THEN NULL ELSE m.received_at - (m.id % 4) * 60000 END,
                m.received_at,
                CASE WHEN m.id % 13 = 0 THEN m.received_at ELSE m.received_at - (m.id % 4) * 60000 END,
                CASE m.id % 17 WHEN 0 THEN 'unparsed_time' WHEN 1 THEN 'late;too_many' ELSE NULL END
         FROM messages m LEFT JOIN employees emp ON emp.phone = m.source ORDER BY m.id`,
      ).run();
    })();
  } finally {
    db.close();
  }
  const meta = { who: 'manager', why: 'fixture' };
  store.addCorrection({ kind: 'replace', eventId: 10, at: tehran('2026-03-25T10:00:00') }, meta);
  store.addCorrection({ kind: 'replace', eventId: 11, status: 'exit', at: tehran('2026-03-20T00:10:00') }, meta);
  store.addCorrection({ kind: 'void', eventId: 500 }, meta);
  store.addCorrection({ kind: 'add', phone: '989120000001', employeeId: 2, status: 'arrival', at: t(3000) }, meta);
  store.addCorrection({ kind: 'add', phone: '989120000003', employeeId: null, status: 'exit', at: t(6999) }, meta);
}

/** The counted time of the fixture's message `i` when it has no offset (a tie with its neighbours). */
function t(i: number): number {
  return tehran('2026-03-19T23:50:00') + Math.floor(i / 3) * 397_000;
}

async function digest(store: AttendanceStore, range: { fromMs?: number; toMs?: number }, delayMs = 0) {
  const sink = new HashSink(delayMs);
  const { rows } = await exportAttendanceCsv(store, range, sink, { timeZone: 'Asia/Tehran' });
  sink.end();
  await new Promise<void>((resolve) => sink.on('finish', () => resolve()));
  return { rows, bytes: sink.bytes, sha256: sink.hash.digest('hex') };
}

describe('export output', () => {
  it('is byte for byte what the export wrote before it was made faster', async () => {
    f = storeFixture();
    const store = f.open();
    seed(store, f.path);
    const whole = await digest(store, {});
    const slow = await digest(store, {}, 1);
    const range = await digest(store, { fromMs: t(2000), toMs: t(4500) });
    expect(slow).toEqual(whole);
    // Changed on purpose once since: a punch added without an employee is linked to the employee
    // with its number when it is recorded (the timesheet's corrections), so the fixture's added exit
    // from 0912 000 0003 now carries that person's name (one line, 10 bytes).
    expect(whole).toEqual({
      rows: 7002,
      bytes: 788753,
      sha256: '73492a3181a40dd0010d44bf80b1c925308f435d5b85a913d1f8b842f1e39319',
    });
    expect(range).toEqual({
      rows: 2504,
      bytes: 282102,
      sha256: '33b7520fdf329d0927d4ba61076e8eeab68c0351e3e2cdeff8366fff9a5c2d73',
    });
  });
});
