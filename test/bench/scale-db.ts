/**
 * The large database for the data-scale, export and start-up benchmarks: `employees` people who
 * each arrive and leave once a day, going back as many days as it takes to reach `events` events,
 * with today's arrivals in and half of them gone home. Every event has its message and its
 * delivered ack, as the product writes them; every 50th message is a phone's resend (a repeat,
 * acknowledged again, recorded once); a few numbers that are nobody's send too.
 *
 * Generated fast: the schema comes from the product's own migrations (openStore on an empty
 * file), then its indexes are dropped, every row goes in through prepared statements in one
 * transaction without a journal, and the indexes are built again from their own SQL. The result
 * is cached in the OS temp folder, keyed by size, generator version and a hash of the schema, so
 * a second run starts at once. No ANALYZE is run: a real office's database has none either
 * (unless the product runs it), so the plans measured are the plans an office gets.
 *
 * Ciphertexts are random octets of the true length (queries never decrypt); plaintexts, times,
 * phones and names are what the product would have stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src-main/core/store/attendance-store.js';
import { GATEWAY_NUMBER, employeePhone } from './message-corpus.js';

const GENERATOR_VERSION = 3;
const UNKNOWN_SENDERS_PER_DAY = 20;
const REPEAT_EVERY = 50;

export interface ScaleDbSpec {
  events: number;
  employees: number;
}

export interface ScaleDbInfo extends ScaleDbSpec {
  path: string;
  messages: number;
  days: number;
  /** The generation day: local midnight of "today" in the data, and a moment in it taken as "now". */
  todayStartMs: number;
  nowMs: number;
  /** YYYY-MM-DD of today in the data and of a day in the middle. */
  today: string;
  sampleDay: string;
  /** An employee with a full history and their phone. */
  sampleEmployeeId: number;
  samplePhone: string;
  sampleName: string;
  generatedInMs: number;
  sizeBytes: number;
}

const FIRST = [
  'Ali',
  'Reza',
  'Sara',
  'Maryam',
  'Hossein',
  'Zahra',
  'Mohammad',
  'Fatemeh',
  'Amir',
  'Narges',
  'Mehdi',
  'Leila',
  'Hamid',
  'Shirin',
  'Saeed',
  'Elham',
  'Javad',
  'Parisa',
  'Omid',
  'Nasrin',
];
const LAST = [
  'Rezaei',
  'Ahmadi',
  'Hosseini',
  'Karimi',
  'Mousavi',
  'Jafari',
  'Rahimi',
  'Moradi',
  'Kazemi',
  'Sadeghi',
  'Heidari',
  'Ghasemi',
  'Salehi',
  'Najafi',
  'Amini',
  'Bagheri',
  'Ebrahimi',
  'Yousefi',
  'Zamani',
  'Shirazi',
];
const FIRST_FA = ['علی', 'رضا', 'سارا', 'مریم', 'حسین', 'زهرا', 'محمد', 'فاطمه', 'امیر', 'نرگس'];
const LAST_FA = ['رضایی', 'احمدی', 'حسینی', 'کریمی', 'موسوی', 'جعفری', 'رحیمی', 'مرادی', 'کاظمی', 'صادقی'];

export function employeeName(k: number): string {
  // Every third name in Persian script, as an office in Iran has them.
  if (k % 3 === 2)
    return `${FIRST_FA[k % FIRST_FA.length]} ${LAST_FA[Math.floor(k / FIRST_FA.length) % LAST_FA.length]}`;
  return `${FIRST[k % FIRST.length]} ${LAST[Math.floor(k / FIRST.length) % LAST.length]}`;
}

/** Returns the cached database for `spec`, generating it first when there is none. */
export function ensureScaleDb(
  spec: ScaleDbSpec,
  cacheDir: string,
  scratch: string,
  progress: (text: string) => void,
): ScaleDbInfo {
  mkdirSync(cacheDir, { recursive: true });
  const schema = schemaFingerprint(scratch);
  const today = localMidnight(Date.now());
  const key = `scale-${spec.events}e-${spec.employees}p-${schema}-g${GENERATOR_VERSION}-${isoDay(today)}`;
  const path = join(cacheDir, `${key}.db`);
  const infoPath = join(cacheDir, `${key}.json`);
  if (existsSync(path) && existsSync(infoPath)) {
    return JSON.parse(readFileSync(infoPath, 'utf8')) as ScaleDbInfo;
  }
  progress(`generating a database of ${spec.events} events and ${spec.employees} employees (cached in ${cacheDir})`);
  // Old generations (other days, sizes or schemas) are big: keep the cache folder to one per size.
  for (const stale of staleFiles(cacheDir, `scale-${spec.events}e-${spec.employees}p-`))
    rmSync(join(cacheDir, stale), { force: true });
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const t0 = performance.now();
  const info = generate(spec, partial, today);
  const generatedInMs = performance.now() - t0;
  renameSync(partial, path);
  const full: ScaleDbInfo = { ...info, path, generatedInMs, sizeBytes: fileSize(path) };
  writeFileSync(infoPath, JSON.stringify(full, null, 2));
  return full;
}

function generate(
  spec: ScaleDbSpec,
  path: string,
  todayStartMs: number,
): Omit<ScaleDbInfo, 'path' | 'generatedInMs' | 'sizeBytes'> {
  const store = openStore(path, { defaultCountry: 'IR' });
  store.close();

  const db = new Database(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144'); // 256 MiB: index builds sort in memory
  const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as {
    name: string;
    sql: string;
  }[];
  for (const index of indexes) db.exec(`DROP INDEX ${quoteIdent(index.name)}`);

  const insertEmployee = db.prepare(
    `INSERT INTO employees (id, phone, name, department, own_key, active, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, 1, ?, ?)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, received_at, source, destination, data_coding, esm_class, raw, envelope, plaintext, outcome, reason, repeat_of)
     VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?, NULL, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (id, message_id, phone, employee_id, status, reported_time, occurred_at, received_at, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAck = db.prepare(
    `INSERT INTO acks (id, message_id, destination, source, text, state, attempts, next_attempt_at, smsc_message_id, error, queued_at, submitted_at, finished_at)
     VALUES (?, ?, ?, ?, ?, 'delivered', 1, ?, ?, NULL, ?, ?, ?)`,
  );

  // Whole days back from today (when half are still in), the oldest day cut at its start so that
  // the total is exactly `spec.events` and every recent day is complete.
  const perDay = spec.employees * 2 + UNKNOWN_SENDERS_PER_DAY;
  const today = perDay - Math.ceil(spec.employees / 2);
  const days = 1 + Math.ceil(Math.max(0, spec.events - today) / perDay);
  let skip = today + (days - 1) * perDay - spec.events;
  const firstDay = addDays(todayStartMs, -(days - 1));
  const random = randomBytes(1 << 20);
  let randomAt = 0;
  const cipherOctets = (n: number): Buffer => {
    if (randomAt + n > random.length) randomAt = 0;
    return random.subarray(randomAt, (randomAt += n));
  };

  let messageId = 0;
  let eventId = 0;
  let ackId = 0;
  const record = (
    phone: string,
    employeeId: number | null,
    status: 'arrival' | 'exit',
    dayStart: number,
    minuteOfDay: number,
  ): void => {
    if (skip > 0) {
      skip -= 1;
      return;
    }
    const occurredAt = dayStart + minuteOfDay * 60_000;
    const receivedAt = occurredAt + 3_000 + (eventId % 17) * 1_000;
    const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
    const mm = String(minuteOfDay % 60).padStart(2, '0');
    const reported = ` ${hh}:${mm}`;
    const plaintext = `${status === 'arrival' ? 'Arrival' : 'Exit'}${reported}`;
    const body = cipherOctets(plaintext.length < 16 ? 16 : 32).toString('base64');
    const raw = Buffer.from(`\u0002\u0002${body}\u0002\u0002`, 'latin1');
    const ackText = `$$${cipherOctets(80).toString('base64')}$$`;
    const mid = ++messageId;
    insertMessage.run(mid, receivedAt, phone, GATEWAY_NUMBER, raw, body, plaintext, 'recorded', null);
    insertEvent.run(++eventId, mid, phone, employeeId, status, reported, occurredAt, receivedAt, occurredAt);
    insertAck.run(
      ++ackId,
      mid,
      phone,
      GATEWAY_NUMBER,
      ackText,
      receivedAt,
      ackId.toString(16),
      receivedAt,
      receivedAt + 50,
      receivedAt + 4_000,
    );
    if (mid % REPEAT_EVERY === 0) {
      // The phone saw no ack in time and sent the same ciphertext again: acknowledged, recorded once.
      const rid = ++messageId;
      insertMessage.run(rid, receivedAt + 30_000, phone, GATEWAY_NUMBER, raw, body, plaintext, 'repeat', mid);
      insertAck.run(
        ++ackId,
        rid,
        phone,
        GATEWAY_NUMBER,
        ackText,
        receivedAt + 30_000,
        ackId.toString(16),
        receivedAt + 30_000,
        receivedAt + 30_050,
        receivedAt + 34_000,
      );
    }
  };

  db.transaction(() => {
    const created = firstDay - 86_400_000;
    for (let k = 0; k < spec.employees; k++) {
      insertEmployee.run(k + 1, employeePhone(k), employeeName(k), `Dept ${k % 40}`, created, created);
    }
    for (let d = 0; d < days && eventId < spec.events; d++) {
      const dayStart = addDays(firstDay, d);
      const isToday = d === days - 1;
      // Arrivals 07:30-09:29 in order of arrival, unknown numbers among them, then exits 16:30-18:29.
      for (let k = 0; k < spec.employees; k++) {
        record(employeePhone(k), k + 1, 'arrival', dayStart, 450 + ((k * 7 + d) % 120));
        if (k % Math.floor(spec.employees / UNKNOWN_SENDERS_PER_DAY) === 0) {
          const u = (k + d) % 200;
          record(`98935${String(u).padStart(7, '0')}`, null, 'arrival', dayStart, 450 + ((k * 7 + d) % 120));
        }
      }
      for (let k = 0; k < spec.employees; k++) {
        if (isToday && k % 2 === 0) continue; // today half of them are still in
        record(employeePhone(k), k + 1, 'exit', dayStart, 990 + ((k * 11 + d) % 120));
      }
    }
  })();

  for (const index of indexes) db.exec(index.sql);
  db.pragma('journal_mode = WAL');
  db.close();

  const sampleK = 7;
  const middle = addDays(firstDay, Math.floor(days / 2));
  return {
    events: eventId,
    employees: spec.employees,
    messages: messageId,
    days,
    todayStartMs,
    nowMs: todayStartMs + 12 * 3_600_000,
    today: isoDay(todayStartMs),
    sampleDay: isoDay(middle),
    sampleEmployeeId: sampleK + 1,
    samplePhone: employeePhone(sampleK),
    sampleName: employeeName(sampleK),
  };
}

/** A short hash of the schema the product's migrations create, so a schema change regenerates the cache. */
function schemaFingerprint(scratch: string): string {
  const path = join(scratch, 'schema-probe.db');
  openStore(path, { defaultCountry: 'IR' }).close();
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all();
    const version = db.pragma('user_version', { simple: true });
    return createHash('sha256').update(JSON.stringify({ rows, version })).digest('hex').slice(0, 10);
  } finally {
    db.close();
    rmSync(path, { force: true });
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
  }
}

function staleFiles(dir: string, prefix: string): string[] {
  return readdirSafe(dir).filter((f) => f.startsWith(prefix));
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function fileSize(path: string): number {
  return statSync(path).size;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function localMidnight(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Local midnight `n` days after `dayStart` (DST-safe: by calendar, not by 24 h steps). */
export function addDays(dayStart: number, n: number): number {
  const d = new Date(dayStart);
  d.setDate(d.getDate() + n);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function isoDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
