/**
 * The benchmark's own instruments: the load SMSC against the echo ESME on 127.0.0.1 (every message
 * answered and acknowledged, acks matched to their messages, the window and the pace kept), and the
 * percentile arithmetic the tables are made of.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LoadSmsc } from './load-smsc.js';
import { runEchoEsme } from './echo-esme.js';
import { runPrototype } from './prototype-esme.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildCorpus, employeePhone } from './message-corpus.js';
import { BENCH_CREDENTIALS } from './serve-process.js';
import { percentile } from './stats.js';

let smsc: LoadSmsc | null = null;
afterEach(async () => {
  await smsc?.close();
  smsc = null;
});

describe('load SMSC', () => {
  it('pushes a corpus through a window and matches every ack to its message', async () => {
    smsc = await LoadSmsc.start(BENCH_CREDENTIALS);
    const options = { count: 300, senders: 50, firstSequence: 1_000, baseMs: Date.parse('2026-11-25T05:00:00Z') };
    const echo = runEchoEsme(smsc.port, [options], BENCH_CREDENTIALS);
    await smsc.waitForBind(5_000);
    const result = await smsc.push(buildCorpus(options), { window: 10, timeoutMs: 20_000 });
    expect(result.count).toBe(300);
    expect(result.unexpectedAcks).toBe(0);
    expect(result.duplicateAcks).toBe(0);
    for (let i = 0; i < result.count; i++) {
      expect(result.respAt[i]).toBeGreaterThanOrEqual(result.sentAt[i]!);
      expect(result.ackAt[i]).toBeGreaterThanOrEqual(result.sentAt[i]!);
    }
    await smsc.close();
    smsc = null;
    await echo;
  });

  it('keeps a steady pace when asked for a rate', async () => {
    smsc = await LoadSmsc.start(BENCH_CREDENTIALS);
    const options = { count: 100, senders: 10, firstSequence: 1, baseMs: Date.parse('2026-11-25T05:00:00Z') };
    const echo = runEchoEsme(smsc.port, [options], BENCH_CREDENTIALS);
    await smsc.waitForBind(5_000);
    const result = await smsc.push(buildCorpus(options), { window: 50, ratePerSecond: 200, timeoutMs: 20_000 });
    // 100 messages at 200/s: the last one leaves about 0.5 s after the first, not at once.
    const spread = result.sentAt[99]! - result.sentAt[0]!;
    expect(spread).toBeGreaterThan(450);
    expect(spread).toBeLessThan(1_500);
    await smsc.close();
    smsc = null;
    await echo;
  });

  it('the bare prototype answers every message after committing it, and sends the expected ack', async () => {
    smsc = await LoadSmsc.start(BENCH_CREDENTIALS);
    const dir = mkdtempSync(join(tmpdir(), 'bench-prototype-'));
    try {
      const dbPath = join(dir, 'prototype.db');
      const options = { count: 300, senders: 50, firstSequence: 1, baseMs: Date.parse('2026-11-25T05:00:00Z') };
      const prototype = runPrototype(smsc.port, dbPath, BENCH_CREDENTIALS);
      await smsc.waitForBind(5_000);
      const result = await smsc.push(buildCorpus(options), { window: 10, timeoutMs: 20_000 });
      expect(result.count).toBe(300);
      expect(result.unexpectedAcks).toBe(0); // each ack text is the one the phone expects for its message
      expect(result.duplicateAcks).toBe(0);
      expect(result.retried).toBe(0);
      await smsc.close();
      smsc = null;
      await prototype;
      const db = new Database(dbPath, { readonly: true });
      const rows = db.prepare('SELECT kind, COUNT(*) AS n FROM events GROUP BY kind ORDER BY kind').all();
      db.close();
      expect(rows).toEqual([
        { kind: 'Arrival', n: 150 },
        { kind: 'Exit', n: 150 },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bind with the wrong password', async () => {
    smsc = await LoadSmsc.start(BENCH_CREDENTIALS);
    void runEchoEsme(smsc.port, [], { systemId: BENCH_CREDENTIALS.systemId, password: 'wrong' });
    await expect(smsc.waitForBind(500)).rejects.toThrow(/no bind_transceiver/);
  });
});

describe('corpus and statistics', () => {
  it('gives every employee a distinct, normalised number', () => {
    const phones = new Set(Array.from({ length: 5_000 }, (_, k) => employeePhone(k)));
    expect(phones.size).toBe(5_000);
    for (const phone of phones) expect(phone).toMatch(/^98912\d{7}$/);
  });

  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 .. 1, unsorted on purpose
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });
});
