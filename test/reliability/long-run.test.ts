/**
 * Scenario 5, a bounded soak of the real `serve`: steady traffic from many phones, every tenth
 * message sent again (the phone's retry), a connection drop every 15 s (every other one mid-PDU),
 * the gateway answering acks with ESME_RTHROTTLED for 3 s of every 20, and a delivery receipt for
 * every ack. Memory (RSS) and open file descriptors of the serve process
 * are sampled from /proc and must stay flat once warmed up; at the end every message is stored
 * exactly once and every ack delivered.
 *
 * CI: 60 s. `RELIABILITY_SOAK_SECONDS` sets any length (e.g. 3600 for an hour by hand);
 * `RELIABILITY_SCALE=full` makes it 10 minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FaultSmsc } from '../support/fault-smsc.js';
import { tempDir } from '../support/core-harness.js';
import { FULL_SCALE, attendanceTraffic } from './support/traffic.js';
import { PASSWORD, SYSTEM_ID, ServeProcess, isState } from './support/serve-process.js';
import { auditDatabase, exactlyOnceProblems, queuedAcks, readOnly } from './support/audit.js';

const SECONDS = Number(process.env.RELIABILITY_SOAK_SECONDS ?? (FULL_SCALE ? 600 : 60));
const RATE_PER_SECOND = 40;
const DROP_EVERY_MS = 15_000;
const THROTTLE_EVERY_MS = 20_000;
const THROTTLE_FOR_MS = 3_000;
const WARM_UP_MS = Math.min(20_000, SECONDS * 300);

interface Sample {
  at: number;
  rssKb: number;
  fds: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

describe(`long run (${SECONDS} s at ${RATE_PER_SECOND} messages/s)`, () => {
  let smsc: FaultSmsc;
  let serve: ServeProcess | null = null;
  const tmp = tempDir('reliability-soak-');
  const dbPath = join(tmp.dir, 'attendance.db');

  beforeAll(async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD, window: 10, receipts: true });
  });
  afterAll(async () => {
    serve?.kill('SIGKILL');
    await serve?.exited;
    await smsc.close();
    tmp.cleanup();
  });

  it(
    'keeps memory and handles flat, stores each message once, delivers each ack',
    async () => {
      const traffic = attendanceTraffic(Math.ceil(SECONDS * RATE_PER_SECOND), { phones: 200 });
      const child = (serve = ServeProcess.start({ port: smsc.port, dbPath, enquireLinkS: 5 }));
      await child.waitForLine(isState('bound'), 15_000, 'bound');

      const startedAt = Date.now();
      const samples: Sample[] = [];
      let sent = 0;
      let repeatsSent = 0;
      let drops = 0;
      let lastDrop = startedAt;
      const perTick = RATE_PER_SECOND / 10;
      while (sent < traffic.length) {
        const tickStart = Date.now();
        for (let i = 0; i < perTick && sent < traffic.length; i++, sent++) {
          const m = traffic[sent]!;
          smsc.enqueue({ key: m.key, fields: m.fields });
          if (sent % 10 === 9) {
            smsc.enqueue({ key: `${m.key}#retry`, fields: m.fields });
            repeatsSent++;
          }
        }
        const sinceStart = tickStart - startedAt;
        smsc.setSubmitPolicy(
          sinceStart % THROTTLE_EVERY_MS >= THROTTLE_EVERY_MS - THROTTLE_FOR_MS ? 'throttled' : 'ok',
        );
        // Not bound at that instant (still reconnecting)? Then the drop comes at the next tick.
        if (tickStart - lastDrop >= DROP_EVERY_MS && smsc.drop({ midPdu: drops % 2 === 0 })) {
          drops++;
          lastDrop = tickStart;
        }
        if (samples.length === 0 || tickStart - samples[samples.length - 1]!.at >= 2_000) {
          samples.push({ at: tickStart - startedAt, rssKb: child.rssKb(), fds: child.openFds() });
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 100 - (Date.now() - tickStart))));
      }

      smsc.setSubmitPolicy('ok');
      await smsc.waitFor(() => smsc.undelivered === 0, 60_000, 'every message and receipt delivered');
      await smsc.waitFor(() => queuedAcks(dbPath) === 0, 30_000, 'the outbox to drain');
      await smsc.waitFor(
        () =>
          readOnly(
            dbPath,
            (db) => (db.prepare("SELECT count(*) AS n FROM acks WHERE state <> 'delivered'").get() as { n: number }).n,
          ) === 0,
        30_000,
        'a receipt for every ack',
      );
      expect(child.running).toBe(true);
      child.kill('SIGTERM');
      expect((await child.exited).code).toBe(0);

      // The drops happened, each one cost the connection, and each was followed by exactly one new bind.
      expect(drops).toBeGreaterThanOrEqual(Math.ceil((SECONDS * 1000) / DROP_EVERY_MS) - 1);
      expect(smsc.bindAttempts.filter((a) => a.status === 0)).toHaveLength(1 + drops);
      expect(smsc.connections).toBe(1 + drops);

      const audit = auditDatabase(dbPath);
      expect(exactlyOnceProblems(audit, traffic)).toEqual([]);
      expect(audit.outcomes.repeat).toBeGreaterThanOrEqual(repeatsSent);
      expect(audit.acks.delivered).toBe(audit.outcomes.recorded + audit.outcomes.repeat);
      expect(smsc.submits.some((x) => x.answered === 'throttled')).toBe(true);

      const steady = samples.filter((s) => s.at >= WARM_UP_MS);
      expect(steady.length).toBeGreaterThanOrEqual(6);
      const third = Math.floor(steady.length / 3);
      const early = steady.slice(0, third);
      const late = steady.slice(-third);
      const rssGrowthMb = (median(late.map((s) => s.rssKb)) - median(early.map((s) => s.rssKb))) / 1024;
      const fdGrowth = Math.max(...late.map((s) => s.fds)) - Math.max(...early.map((s) => s.fds));
      console.info(
        `[reliability] long run: ${SECONDS} s, ${traffic.length} messages + ${repeatsSent} phone retries, ${drops} drops (${Math.ceil(drops / 2)} mid-PDU), ${smsc.redeliveries} redeliveries, ` +
          `${smsc.submits.filter((x) => x.answered === 'throttled').length} acks throttled and retried, ` +
          `${audit.acks.delivered} acks delivered; RSS ${(median(early.map((s) => s.rssKb)) / 1024).toFixed(1)} → ${(median(late.map((s) => s.rssKb)) / 1024).toFixed(1)} MiB, ` +
          `fds ${Math.max(...early.map((s) => s.fds))} → ${Math.max(...late.map((s) => s.fds))}; lost 0`,
      );
      expect(rssGrowthMb).toBeLessThan(24);
      expect(fdGrowth).toBeLessThanOrEqual(2);
    },
    (SECONDS + 150) * 1000,
  );
});
