/**
 * The export's lines are made by SQLite (store/event-export-csv.ts), which must write exactly what
 * the JavaScript formatting of the same rows writes (`csvLineFormat(...).line`, the row-by-row
 * export's code). This seeds what is hard for the SQL (quotes, commas, line breaks, formulas,
 * Persian text and digits, Unicode spaces around reported times, phones that are not digits,
 * unlinked and differently spelt numbers, instants before 1970 and far outside the range, many
 * punches at one instant across the 4,000-row chunks, days when the clocks changed in Berlin,
 * Tehran and New York; corrections that replace, void and add punches, some chunks with them and
 * some without) and compares the export with the rows read in the same snapshot and formatted in
 * JavaScript, for several zones and ranges.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import {
  ATTENDANCE_CSV_HEADER,
  csvLineFormat,
  exportAttendanceCsv,
} from '../../../src-main/core/export/attendance-csv.js';
import { csvLine } from '../../../src-main/core/export/csv-line.js';
import { storeFixture, type StoreFixture } from './store-fixture.js';
import type { AttendanceStore } from '../../../src-main/core/store/attendance-store.js';

let f: StoreFixture;
afterEach(() => f?.cleanup());

const NAMES = [
  'سارا احمدی',
  'Doe, "Jo"',
  '=SUM(A1)',
  '+98 trick',
  'Line\nbreak',
  'Plain Name',
  '@home',
  '\u200fرضا',
  'Tab\there',
  "O'Brien",
];
const UNLINKED = ['Bank,Co', 'ALPHA1', '+989121234567', '', '"quoted"', ' 0912', '\u200e0912', 'ab\ncd', '11111', '-5'];
const REPORTED = [
  ' 08:31',
  '08:31 ',
  '\u00a0 09:15\t ',
  ' -1',
  '=1+1',
  'a"b,c',
  '',
  '   ',
  ' ۰۸:۳۱',
  'late',
  ' 8.30',
  '08/31',
  ' x\n',
  '\ufeff07:00',
  '\u3000@x',
  ' 12 : 30 ',
];
const FLAGS = [null, null, null, 'late', 'late;too_many', 'unparsed_time'];
/** Instants around which the punches are: clock changes of 2021 and ordinary days of 2026. */
const ANCHORS = [
  Date.parse('2021-03-14T07:00:00Z'), // New York springs forward
  Date.parse('2021-03-21T20:30:00Z'), // Tehran springs forward (22 March, 00:00 → 01:00)
  Date.parse('2021-03-28T01:00:00Z'), // Berlin springs forward
  Date.parse('2021-09-21T19:30:00Z'), // Tehran falls back
  Date.parse('2021-10-31T01:00:00Z'), // Berlin falls back
  Date.parse('2021-11-07T06:00:00Z'), // New York falls back
  Date.parse('2026-03-19T20:20:00Z'), // the Persian new year, 2026 (no DST in Tehran any more)
  Date.parse('2026-11-25T05:01:00Z'),
];
const ROWS = 9_500;

/** A small deterministic generator (the fixture is the same on every run). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    return s / 2 ** 32;
  };
}

function seed(store: AttendanceStore, path: string): { ats: number[] } {
  const employees = NAMES.map((name, k) => store.addEmployee({ phone: `0912000001${k}`, name, department: 'A' }));
  const phones = employees.map((e) => e.phone);
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const ats: number[] = [];
  const db = new Database(path);
  try {
    const message = db.prepare(
      `INSERT INTO messages (id, received_at, source, destination, data_coding, raw, envelope, plaintext, outcome)
       VALUES (?, ?, ?, '9102211824', 0, x'00', ?, 'Arrival 08:31', 'recorded')`,
    );
    const event = db.prepare(
      `INSERT INTO events (message_id, phone, employee_id, status, reported_time, occurred_at, received_at, at, flags)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 1; i <= ROWS; i++) {
        const anchor = ANCHORS[i % ANCHORS.length]!;
        // Whole minutes and odd seconds within 3 hours of the anchor; every fifth row shares its instant with others.
        const at =
          i % 5 === 0
            ? anchor + 60_000 * (i % 7)
            : anchor + Math.floor((rnd() - 0.5) * 6 * 3_600_000) - (Math.floor(rnd() * 3) === 0 ? 417 : 0);
        const k = Math.floor(rnd() * 20);
        const linked = k < 14;
        const employee = linked ? employees[k % employees.length]! : null;
        // A linked punch carries its employee's number, except now and then another spelling of it.
        const phone = employee === null ? pick(UNLINKED) : k === 13 ? `+${employee.phone}` : employee.phone;
        const kind = Math.floor(rnd() * 40);
        let occurred: number | null = at;
        let received = at + Math.floor(rnd() * 90_000);
        if (kind === 0) occurred = null;
        else if (kind === 1)
          occurred = at - 40 * 365 * 86_400_000; // 1981: before the range's offsets
        else if (kind === 2)
          occurred = -123_456_789; // 1969
        else if (kind === 3)
          received = at + 20 * 365 * 86_400_000; // 2041
        else if (kind === 4) received = at - 86_399_999;
        const counted = kind === 0 ? received : kind === 1 || kind === 2 || kind === 5 ? at : occurred!;
        message.run(i, received, phone, `env${i}`);
        event.run(
          i,
          phone,
          employee?.id ?? null,
          rnd() < 0.5 ? 'arrival' : 'exit',
          pick(REPORTED),
          occurred,
          received,
          counted,
          pick(FLAGS),
        );
        ats.push(counted);
      }
    })();
  } finally {
    db.close();
  }
  ats.sort((a, b) => a - b);
  // Corrections in the first and the last third of the punches (by counted time), none in the middle
  // one, so that chunks with and without them both happen. Replacements move punches of the middle.
  const meta = { who: 'manager', why: 'fixture' };
  const ids = (db2: Database.Database, sql: string): number[] => db2.prepare(sql).pluck().all() as number[];
  const reader = new Database(path, { readonly: true });
  let middle: number[];
  try {
    middle = ids(reader, `SELECT id FROM events ORDER BY at, id LIMIT 40 OFFSET 4500`);
  } finally {
    reader.close();
  }
  for (let c = 0; c < 60; c++) {
    const where = c % 2 === 0 ? 100 + c * 45 : ROWS - 1_000 + c * 12;
    const at = ats[where]! + (c % 3 === 0 ? 0 : 1_000 * c); // often exactly a punch's time: a tie
    if (c % 4 === 0) store.addCorrection({ kind: 'void', eventId: middle[c / 4]! }, meta);
    else if (c % 4 === 1)
      store.addCorrection({ kind: 'replace', eventId: middle[20 + (c - 1) / 4]!, at, status: 'exit' }, meta);
    else
      store.addCorrection(
        {
          kind: 'add',
          phone: c % 3 === 0 ? phones[c % phones.length]! : '989121234567',
          employeeId: null,
          status: 'arrival',
          at,
        },
        meta,
      );
  }
  return { ats };
}

class TextSink extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    setImmediate(done);
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** The range's rows read as they are and formatted by the JavaScript formatting. */
function expected(
  store: AttendanceStore,
  range: { fromMs?: number; toMs?: number },
  timeZone?: string,
): { rows: number; text: string } {
  const format = csvLineFormat(timeZone);
  const ex = store.openEventExport(range);
  try {
    const names = new Map<number, string>();
    for (const [id, name] of ex.employeeNames()) names.set(id, format.cell(name));
    let text = `\ufeff${csvLine(ATTENDANCE_CSV_HEADER)}`;
    let rows = 0;
    for (const batch of ex.batches())
      for (const row of batch) {
        text += format.line(row, (row[2] === null ? undefined : names.get(row[2])) ?? '');
        rows += 1;
      }
    return { rows, text };
  } finally {
    ex.close();
  }
}

async function exported(store: AttendanceStore, range: { fromMs?: number; toMs?: number }, timeZone?: string) {
  const sink = new TextSink();
  const { rows } = await exportAttendanceCsv(store, range, sink, timeZone === undefined ? {} : { timeZone });
  return { rows, text: sink.text() };
}

describe('the export lines SQLite makes', () => {
  it('are what the JavaScript formatting makes of the same rows, in every zone and range', async () => {
    f = storeFixture();
    const store = f.open();
    const { ats } = seed(store, f.path);
    const ranges = [{}, { fromMs: ats[3_000]!, toMs: ats[9_000]! }, { fromMs: ats[5_000]! }, { toMs: ats[4_000]! + 1 }];
    for (const timeZone of [undefined, 'Europe/Berlin', 'Asia/Tehran', 'America/New_York', 'Asia/Kathmandu', 'UTC']) {
      for (const range of ranges) {
        const want = expected(store, range, timeZone);
        const got = await exported(store, range, timeZone);
        expect(got.rows).toBe(want.rows);
        // Compared line by line first, so that a failure shows the first line that differs.
        const wantLines = want.text.split('\n');
        const gotLines = got.text.split('\n');
        const first = wantLines.findIndex((line, i) => gotLines[i] !== line);
        expect({ timeZone, range, line: first, got: gotLines[first] }).toEqual({
          timeZone,
          range,
          line: -1,
          got: undefined,
        });
        expect(got.text).toBe(want.text);
      }
    }
    // The fixture has what it is meant to: added punches, moved and voided ones, and the hard cells.
    const whole = await exported(store, {}, 'Europe/Berlin');
    expect(whole.rows).toBe(ROWS - 15 - 15 + 15 + 30);
    expect(whole.text).toContain('"Doe, ""Jo"""');
    expect(whole.text).toContain(`'=SUM(A1)`);
    expect(whole.text).toContain('"Line\nbreak"');
    expect(whole.text).toContain('سارا احمدی');
    expect(whole.text).toMatch(/,2021-03-28T01:\d\d:\d\d\+01:00,/);
    expect(whole.text).toMatch(/,2021-03-28T03:\d\d:\d\d\+02:00,/);
    expect(whole.text).toMatch(/,2021-10-31T02:\d\d:\d\d\+02:00,/);
    expect(whole.text).toMatch(/,2021-10-31T02:\d\d:\d\d\+01:00,/);
    expect(whole.text).toContain('1969-12-30T');
  });
});
