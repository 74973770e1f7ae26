/**
 * Crash while the store's writer thread holds an uncommitted batch (store/store-writer.ts): the
 * real `serve` is started with a test hook that keeps each batch inside its transaction for a few
 * seconds before the COMMIT, and is killed with SIGKILL while the writer says it holds one. At
 * that moment every deliver_sm the gateway saw answered must already be in the database, and none
 * of the held batch (the gateway still has those, unanswered). Twice: once while the held batch
 * holds messages only, once after acks have gone out (the held batch then also carries their
 * outcomes). After a restart without the hook the gateway delivers the unanswered ones again, and
 * the database must hold every message exactly once, with its ack sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FaultSmsc } from '../support/fault-smsc.js';
import { gsmOctetsToText } from '../support/phone.js';
import { tempDir } from '../support/core-harness.js';
import { attendanceTraffic, scaled } from './support/traffic.js';
import { PASSWORD, SYSTEM_ID, ServeProcess, isState } from './support/serve-process.js';
import { auditDatabase, countOutcomes, exactlyOnceProblems, queuedAcks } from './support/audit.js';

const COUNT = scaled(1_000, 5_000);
const HOLD_MS = 3_000;
const HOLDING = /store writer: holding (\d+) job\(s\) uncommitted/g;

describe(`crash while the writer thread holds an uncommitted batch (${COUNT} messages)`, () => {
  let smsc: FaultSmsc;
  let serve: ServeProcess | null = null;
  const tmp = tempDir('reliability-held-batch-');
  const dbPath = join(tmp.dir, 'attendance.db');
  const traffic = attendanceTraffic(COUNT, { phones: 50 });

  beforeAll(async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD, window: 20 });
  });
  afterAll(async () => {
    serve?.kill('SIGKILL');
    await serve?.exited;
    await smsc.close();
    tmp.cleanup();
  });

  const holds = (child: ServeProcess): number[] => [...child.stderr.matchAll(HOLDING)].map((m) => Number(m[1]));

  /** Starts serve with the hook, waits until the writer holds its `nth` batch, lets the answers of the batches before it arrive, then SIGKILL. */
  const killWhileHeld = async (nth: number): Promise<{ held: number; inFlight: number }> => {
    const child = (serve = ServeProcess.start({
      port: smsc.port,
      dbPath,
      env: { SMPP_ATTENDANCE_TEST_HOLD_COMMIT_MS: String(HOLD_MS) },
    }));
    await smsc.waitFor(() => holds(child).length >= nth || !child.running, 60_000, `the writer to hold batch ${nth}`);
    expect(child.running, child.stderr).toBe(true);
    // Well inside the hold: the previous batch's deliver_sm_resp reach the gateway meanwhile.
    await new Promise((r) => setTimeout(r, HOLD_MS / 6));
    const held = holds(child).at(-1)!;
    expect(holds(child).length, 'still the same batch held').toBe(nth);
    const inFlight = smsc.inFlight; // sent and unanswered, read before the dying socket closes
    child.kill('SIGKILL');
    const exit = await child.exited;
    expect(exit.signal).toBe('SIGKILL');
    return { held, inFlight };
  };

  it('stores nothing of the held batch, everything answered before it, and each message once after the redelivery', async () => {
    smsc.enqueue(...traffic.map((m) => ({ key: m.key, fields: m.fields })));
    const report: string[] = [];

    // 1. Messages only: the first batch commits and is answered, the second is held, then SIGKILL.
    const first = await killWhileHeld(2);
    expect(first.held).toBeGreaterThan(0);
    expect(first.inFlight, 'the held messages are still unanswered at the gateway').toBeGreaterThan(0);
    const afterFirst = countOutcomes(dbPath);
    // Everything the gateway saw answered is stored; nothing more (the held batch is not).
    expect(afterFirst.recorded ?? 0).toBe(smsc.acceptedKeys);
    expect(afterFirst.repeat ?? 0).toBe(0);
    report.push(
      `kill 1: writer held ${first.held} job(s), ${first.inFlight} deliver_sm unanswered, ${smsc.acceptedKeys} answered and stored`,
    );

    // 2. Again after acks have gone out, so the held batch also carries their outcomes.
    const submitsBefore = smsc.submits.length;
    const second = await killWhileHeld(3);
    expect(smsc.submits.length, 'acks were sent before the kill').toBeGreaterThan(submitsBefore);
    expect(second.inFlight).toBeGreaterThan(0);
    const afterSecond = countOutcomes(dbPath);
    expect((afterSecond.recorded ?? 0) + (afterSecond.repeat ?? 0)).toBe(smsc.acceptedKeys);
    report.push(
      `kill 2: writer held ${second.held} job(s), ${second.inFlight} deliver_sm unanswered, ${smsc.acceptedKeys} answered and stored, ${smsc.submits.length} submit_sm so far`,
    );

    // Final run without the hook: the gateway delivers the unanswered ones again.
    const child = (serve = ServeProcess.start({ port: smsc.port, dbPath }));
    await child.waitForLine(isState('bound'), 15_000, 'bound');
    await smsc.waitFor(() => smsc.undelivered === 0, 60_000, 'every message delivered');
    await smsc.waitFor(() => queuedAcks(dbPath) === 0, 60_000, 'the outbox to drain');
    child.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);

    const audit = auditDatabase(dbPath);
    expect(exactlyOnceProblems(audit, traffic)).toEqual([]);
    expect(audit.outcomes.recorded).toBe(COUNT);
    expect(smsc.acceptedKeys).toBe(COUNT);
    expect([...smsc.accepted.values()].filter((n) => n !== 1)).toEqual([]);
    const sent = new Set(
      smsc.submits.filter((s) => s.answered === 'ok').map((s) => `${s.destination} ${gsmOctetsToText(s.octets)}`),
    );
    expect(traffic.filter((m) => !sent.has(`${m.phone} ${m.ackText}`)).map((m) => m.key)).toEqual([]);
    report.push(
      `final: ${audit.outcomes.recorded} recorded, ${audit.outcomes.repeat ?? 0} repeats, ${smsc.redeliveries} deliver_sm redelivered, lost 0`,
    );
    console.info(`[reliability] crash while the writer holds a batch, ${COUNT} messages:\n  ${report.join('\n  ')}`);
  }, 240_000);
});
