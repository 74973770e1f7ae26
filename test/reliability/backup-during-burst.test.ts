/**
 * A backup taken by the real `serve` while messages flow: SIGUSR2 starts one in the serve process
 * (the same path as the daily backup) on a large database, while the test SMSC delivers a burst.
 * Every deliver_sm's response latency is measured, and compared with the same burst without a
 * backup: none may be answered late. The backup is verified by serve, and checked again here for
 * consistency (no message without its event and ack: no torn transaction); every message of the
 * bursts is stored exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { startTestSmsc, type TestSmsc } from '../support/test-smsc.js';
import { tempDir } from '../support/core-harness.js';
import { ensureScaleDb } from '../bench/scale-db.js';
import { attendanceTraffic, scaled, type TrafficMessage } from './support/traffic.js';
import { PASSWORD, SYSTEM_ID, ServeProcess, isState, type LogLine } from './support/serve-process.js';

const EVENTS = scaled(150_000, 1_000_000);
const BURST = scaled(600, 3000);
const IN_FLIGHT = 4;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

interface Timed {
  sentAt: number;
  answeredAt: number;
  ms: number;
  status: number;
}

/** Delivers `messages` with IN_FLIGHT outstanding at once; the latency of each, in order sent. */
async function burst(smsc: TestSmsc, messages: TrafficMessage[]): Promise<Timed[]> {
  const timed: Timed[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < messages.length) {
      const m = messages[next++]!;
      const sentAt = performance.now();
      const r = await smsc.deliver(
        {
          source: m.fields.source,
          destination: m.fields.destination,
          shortMessage: m.fields.shortMessage,
          dataCoding: m.fields.dataCoding,
        },
        { timeoutMs: 10_000 },
      );
      const answeredAt = performance.now();
      timed.push({ sentAt, answeredAt, ms: answeredAt - sentAt, status: r.commandStatus });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return timed;
}

describe('a backup while messages flow through the real serve', () => {
  let smsc: TestSmsc;
  let serve: ServeProcess | null = null;
  const tmp = tempDir('reliability-backup-');
  const dbPath = join(tmp.dir, 'attendance.db');

  beforeAll(async () => {
    const scratch = join(tmp.dir, 'scratch');
    mkdirSync(scratch, { recursive: true });
    const info = ensureScaleDb(
      { events: EVENTS, employees: 300 },
      join(tmpdir(), 'smpp-attendance-test-cache'),
      scratch,
      (t) => console.log(`[backup] ${t}`),
    );
    copyFileSync(info.path, dbPath); // a closed file of the generator, not a live database
    smsc = await startTestSmsc({ systemId: SYSTEM_ID, password: PASSWORD });
  }, 300_000);
  afterAll(async () => {
    serve?.kill('SIGKILL');
    await serve?.exited;
    await smsc?.close();
    tmp.cleanup();
  });

  it('answers every deliver_sm within the usual latency and writes a consistent, verified backup', async () => {
    const traffic = attendanceTraffic(BURST * 3, { phones: 300, firstPhone: 500_000 });
    const child = (serve = ServeProcess.start({
      port: smsc.port,
      dbPath,
      args: ['--backup-at', 'off', '--backup-dir', join(tmp.dir, 'backups')],
    }));
    await child.waitForLine(isState('bound'), 30_000, 'bound');

    await burst(smsc, traffic.slice(0, BURST)); // warm-up: caches, JIT, the first fsyncs
    const baseline = await burst(smsc, traffic.slice(BURST, 2 * BURST));

    const backupStart = performance.now();
    child.kill('SIGUSR2');
    let backupEnd = Infinity; // when serve logged the backup's end (its log is polled every 10 ms)
    const finished = child
      .waitForLine((l) => l.type === 'log' && /^backup (written|failed)/.test(String(l.message)), 120_000, 'the backup')
      .then((line) => {
        backupEnd = performance.now();
        return line;
      });
    const during = await burst(smsc, traffic.slice(2 * BURST));
    const done = (await finished) as LogLine & {
      backup: string;
      durationMs: number;
      thread: string;
      counts: { messages: number; events: number; acks: number };
    };
    expect(backupEnd).toBeLessThan(during.at(-1)!.answeredAt); // the backup ended before the burst did
    expect(done.message).toMatch(/^backup written and verified/);

    const overlapping = during.filter((t) => t.answeredAt >= backupStart && t.sentAt <= backupEnd);
    const base = {
      p50: quantile(
        baseline.map((t) => t.ms),
        0.5,
      ),
      p99: quantile(
        baseline.map((t) => t.ms),
        0.99,
      ),
      max: Math.max(...baseline.map((t) => t.ms)),
    };
    const withBackup = {
      p50: quantile(
        overlapping.map((t) => t.ms),
        0.5,
      ),
      p99: quantile(
        overlapping.map((t) => t.ms),
        0.99,
      ),
      max: Math.max(...overlapping.map((t) => t.ms)),
    };
    console.log(
      `[backup] database ${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MiB, backup ${done.durationMs} ms on a ${done.thread} thread; ` +
        `${overlapping.length} deliver_sm answered while it ran; latency ms without backup p50 ${base.p50.toFixed(1)} p99 ${base.p99.toFixed(1)} max ${base.max.toFixed(1)}, ` +
        `with backup p50 ${withBackup.p50.toFixed(1)} p99 ${withBackup.p99.toFixed(1)} max ${withBackup.max.toFixed(1)}`,
    );

    for (const t of [...baseline, ...during]) expect(t.status).toBe(0);
    expect(overlapping.length).toBeGreaterThanOrEqual(50); // the burst really ran while the backup did
    // "Late": well beyond the slowest answers of the same burst without a backup (a shared, noisy machine
    // spreads those), and the typical answer no slower.
    const lateAfter = Math.max(3 * base.p99, base.max + 100);
    const late = overlapping.filter((t) => t.ms > lateAfter);
    expect(
      late.map((t) => Math.round(t.ms)),
      `answers slower than ${lateAfter.toFixed(0)} ms`,
    ).toEqual([]);
    expect(withBackup.p50).toBeLessThan(1.5 * base.p50 + 10);
    expect(done.thread).toBe('worker');

    // The copy is one moment of the database: between what it held before and after the burst, never torn.
    const copy = new BetterSqlite3(done.backup, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const messages = copy.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number;
      expect(messages).toBe(done.counts.messages);
      expect(
        copy
          .prepare(
            "SELECT COUNT(*) FROM messages m WHERE m.outcome = 'recorded' AND NOT EXISTS (SELECT 1 FROM events e WHERE e.message_id = m.id)",
          )
          .pluck()
          .get(),
      ).toBe(0);
      expect(
        copy
          .prepare(
            'SELECT COUNT(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM acks a WHERE a.message_id = e.message_id)',
          )
          .pluck()
          .get(),
      ).toBe(0);
    } finally {
      copy.close();
    }

    child.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    // Every message of the bursts stored exactly once, next to the years already in the database.
    const db = new BetterSqlite3(dbPath, { readonly: true });
    try {
      const phones = new Set(traffic.map((m) => m.phone));
      const byKey = new Map<string, number>();
      for (const e of db
        .prepare("SELECT phone, status, reported_time FROM events WHERE phone LIKE '989120%'")
        .all() as { phone: string; status: string; reported_time: string }[]) {
        if (!phones.has(e.phone)) continue;
        const key = `${e.phone}|${e.status === 'arrival' ? 'Arrival' : 'Exit'}${e.reported_time}`;
        byKey.set(key, (byKey.get(key) ?? 0) + 1);
      }
      expect(byKey.size).toBe(traffic.length);
      expect(traffic.filter((m) => byKey.get(m.key) !== 1).map((m) => m.key)).toEqual([]);
    } finally {
      db.close();
    }
  }, 300_000);
});
