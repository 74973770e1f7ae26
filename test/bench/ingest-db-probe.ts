/**
 * The database side of ingest alone, in-process, without SMPP: the store's group commit as serve
 * drives it at window 10 (batches of 10 messages, each with its event and ack, the previous batch's
 * ack outcomes riding with it, one outbox read per batch), on whatever database file it is given.
 * Run against a fresh database and a copy of the 2,000,000-event one, it says what the large
 * database costs per message without the load generator's and the protocol's noise:
 *
 *   node --expose-gc dist/bench/run.js ingest-db-probe <db> [count] [batch]
 *
 * Prints one JSON line: wall and CPU per message, bytes written per message (/proc/self/io), and
 * the WAL's size at the end. `PROBE_PRAGMAS='cache_size=-65536;wal_autocheckpoint=0'` sets pragmas
 * on the store's connection after it opens (to try settings before they are the product's);
 * `PROBE_INLINE_CHECKPOINTS=1` leaves the checkpoints to the writer (SQLite's default).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openStore } from '../../src-main/core/store/attendance-store.js';
import type { RecordMessageInput } from '../../src-main/core/store/record-message.js';
import type { Database } from 'better-sqlite3';
import { employeePhone, GATEWAY_NUMBER, localTimeText } from './message-corpus.js';

const SENDERS = 5_000;

export async function runIngestDbProbe(args: string[]): Promise<void> {
  const [dbPath, countText, batchText] = args;
  if (!dbPath) throw new Error('ingest-db-probe <db> [count] [batch]');
  const count = Number(countText ?? 20_000);
  const batch = Number(batchText ?? 10);
  const fresh = !existsSync(dbPath);
  const store = openStore(dbPath, {
    defaultCountry: 'IR',
    backgroundCheckpoints: process.env.PROBE_INLINE_CHECKPOINTS !== '1',
  });
  const db = (store as unknown as { db: Database }).db;
  for (const pragma of (process.env.PROBE_PRAGMAS ?? '').split(';').filter((p) => p.trim() !== '')) db.pragma(pragma);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const walFrames = (): number => {
    const wal = `${dbPath}-wal`;
    return existsSync(wal) ? Math.round(statSync(wal).size / (pageSize + 24)) : 0;
  };
  if (fresh) {
    const lines = ['phone,name,department'];
    for (let k = 0; k < SENDERS; k++) lines.push(`${employeePhone(k)},Employee ${k},Dept ${k % 40}`);
    await store.importEmployeesCsv(lines.join('\n'));
  }
  const baseMs = Date.now() - 6 * 3_600_000;
  const input = (i: number): RecordMessageInput => {
    const reportedTime = localTimeText(baseMs + i * 1000);
    const raw = randomBytes(48);
    return {
      receivedAt: Date.now(),
      source: employeePhone((i * 7919) % SENDERS),
      destination: GATEWAY_NUMBER,
      dataCoding: 0,
      esmClass: 0,
      raw,
      envelope: raw.toString('base64'),
      plaintext: `${i % 2 === 0 ? 'Arrival' : 'Exit'} ${reportedTime}`,
      verdict: {
        kind: 'attendance',
        status: i % 2 === 0 ? 'arrival' : 'exit',
        reportedTime,
        occurredAt: baseMs + i * 1000,
        ackText: randomBytes(33).toString('base64'),
      },
      repeatWindowMs: 10 * 60_000,
    };
  };
  const inputs = Array.from({ length: count }, (_, i) => input(i));

  const written = (): number => {
    const m = /write_bytes: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : NaN;
  };
  const cpu0 = process.cpuUsage();
  const bytes0 = written();
  const t0 = performance.now();
  let pendingAcks: number[] = [];
  const commitMs: number[] = [];
  for (let at = 0; at < count; at += batch) {
    const now = Date.now();
    const acks = pendingAcks;
    pendingAcks = [];
    const b0 = performance.now();
    store.batch(() => {
      for (const id of acks) store.markAckSubmitted(id, id.toString(16).padStart(8, '0'), now);
      for (let i = at; i < Math.min(count, at + batch); i++) {
        const result = store.recordMessage({ ...inputs[i]!, receivedAt: now });
        if (result.ackId !== null) pendingAcks.push(result.ackId);
      }
    });
    commitMs.push(performance.now() - b0);
    store.dueAcks(now, 10);
    await new Promise((resolve) => setImmediate(resolve)); // a turn of the event loop, as in serve
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const bytes = written() - bytes0;
  const wal = `${dbPath}-wal`;
  commitMs.sort((a, b) => a - b);
  const result = {
    db: dbPath,
    fresh,
    count,
    batch,
    wallUsPerMessage: Math.round((wallMs * 1000) / count),
    cpuUsPerMessage: Math.round((cpu.user + cpu.system) / count),
    userUsPerMessage: Math.round(cpu.user / count),
    systemUsPerMessage: Math.round(cpu.system / count),
    kibWrittenPerMessage: Math.round((bytes / 1024 / count) * 10) / 10,
    batchMs: {
      p50: commitMs[Math.floor(commitMs.length / 2)],
      p99: commitMs[Math.floor(commitMs.length * 0.99)],
      max: commitMs.at(-1),
    },
    walBytesAtEnd: existsSync(wal) ? statSync(wal).size : 0,
    walFramesAtEnd: walFrames(),
    pageSize,
    pragmas: process.env.PROBE_PRAGMAS ?? '',
    cacheSize: db.pragma('cache_size', { simple: true }),
    autocheckpoint: db.pragma('wal_autocheckpoint', { simple: true }),
    checkpoints: store.checkpoints(),
  };
  store.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
