/**
 * Scenario 1, crash mid-burst: the real `serve` is killed with SIGKILL at several points while
 * thousands of messages stream in; the gateway redelivers whatever got no deliver_sm_resp. After
 * the last restart the database must hold every message exactly once as an event, every
 * redelivery of an already-stored message as a `repeat` row, an ack for each, and an empty outbox.
 *
 * Kill points:
 * - deliver_sm in flight (received or not yet read by the app, not committed);
 * - committed but the response lost: the gateway stops reading (so the app's deliver_sm_resp never
 *   counts), the app commits what it has, then dies;
 * - acks in flight: the gateway takes submit_sm but does not answer, then the app dies;
 * - right after the bind, before or while the redelivered backlog arrives.
 * The restart after the "response lost" kill uses `--repeat-window 0`: the redelivery then comes
 * later than any repeat window, as after a PC that was off overnight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FaultSmsc } from '../support/fault-smsc.js';
import { gsmOctetsToText } from '../support/phone.js';
import { tempDir } from '../support/core-harness.js';
import { attendanceTraffic, scaled } from './support/traffic.js';
import { PASSWORD, SYSTEM_ID, ServeProcess, isState } from './support/serve-process.js';
import { auditDatabase, countOutcomes, exactlyOnceProblems, queuedAcks } from './support/audit.js';

const COUNT = scaled(5_000, 20_000);

describe(`crash mid-burst (${COUNT} messages, SIGKILL at 5 points)`, () => {
  let smsc: FaultSmsc;
  let serve: ServeProcess | null = null;
  const tmp = tempDir('reliability-crash-');
  const dbPath = join(tmp.dir, 'attendance.db');
  const traffic = attendanceTraffic(COUNT, { phones: 100 });

  beforeAll(async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD, window: 20 });
  });
  afterAll(async () => {
    serve?.kill('SIGKILL');
    await serve?.exited;
    await smsc.close();
    tmp.cleanup();
  });

  const start = (args: string[] = []): ServeProcess => (serve = ServeProcess.start({ port: smsc.port, dbPath, args }));

  /**
   * Kills the child (SIGKILL) synchronously inside the SMSC's event for the `target`-th accepted
   * message; resolves with how many deliver_sm were in flight (sent, unanswered) to the dying
   * process: those of its window still unanswered, and the next ones the SMSC sends as it finishes
   * reading that chunk (counted on the next tick, before any socket event can close the connection).
   */
  const killAtAccepted = (child: ServeProcess, target: number): Promise<number> =>
    new Promise((resolve) => {
      const onResp = (): void => {
        if (smsc.acceptedKeys < target) return;
        smsc.off('deliverResp', onResp);
        child.kill('SIGKILL');
        process.nextTick(() => resolve(smsc.inFlight));
      };
      smsc.on('deliverResp', onResp);
    });

  const expectKilled = async (child: ServeProcess): Promise<void> => {
    const exit = await child.exited;
    expect(exit.signal, `serve should have died of SIGKILL; stderr: ${child.stderr}`).toBe('SIGKILL');
  };

  it('stores every message exactly once, acknowledges each, and drains the outbox', async () => {
    smsc.enqueue(...traffic.map((m) => ({ key: m.key, fields: m.fields })));
    const report: string[] = [];

    // 1. deliver_sm in flight, not committed.
    let child = start();
    const inFlight1 = await killAtAccepted(child, Math.round(COUNT * 0.1));
    await expectKilled(child);
    expect(inFlight1).toBeGreaterThan(0);
    report.push(
      `kill 1 (in flight): ${inFlight1} deliver_sm in flight, accepted ${smsc.acceptedKeys}, stored ${JSON.stringify(countOutcomes(dbPath))}`,
    );

    // 2. committed, response lost: the gateway stops reading at 30 %, the app commits its window, then dies.
    child = start();
    const silenceAt = Math.round(COUNT * 0.3);
    await new Promise<void>((resolve) => {
      const onResp = (): void => {
        if (smsc.acceptedKeys < silenceAt) return;
        smsc.off('deliverResp', onResp);
        // Let the SMSC send its next window first (it does so after reading this chunk), then stop
        // reading: whatever the app commits from that window, the gateway never sees answered.
        setImmediate(() => {
          smsc.goSilent();
          resolve();
        });
      };
      smsc.on('deliverResp', onResp);
    });
    const acceptedAtSilence = smsc.acceptedKeys;
    const inFlightAtSilence = smsc.inFlight;
    expect(inFlightAtSilence).toBeGreaterThan(0);
    // The app commits every deliver_sm of that last window (it read them all); the gateway sees none of it.
    await smsc.waitFor(
      () => (countOutcomes(dbPath).recorded ?? 0) === acceptedAtSilence + inFlightAtSilence,
      10_000,
      'the app to commit the window whose responses the gateway no longer reads',
    );
    const committedUnanswered = (countOutcomes(dbPath).recorded ?? 0) - acceptedAtSilence;
    child.kill('SIGKILL');
    await expectKilled(child);
    report.push(`kill 2 (committed, response lost): ${committedUnanswered} committed but unanswered`);
    expect(smsc.acceptedKeys).toBe(acceptedAtSilence);

    // The redelivery comes "later than the repeat window": it must still not become a second event.
    child = start(['--repeat-window', '0']);
    await smsc.waitFor(
      () => smsc.acceptedKeys >= acceptedAtSilence + committedUnanswered,
      30_000,
      'the redelivered backlog',
    );
    const repeatsAfterRedelivery = countOutcomes(dbPath).repeat ?? 0;
    report.push(`redelivery after kill 2: ${repeatsAfterRedelivery} repeat rows so far`);
    expect(repeatsAfterRedelivery).toBeGreaterThanOrEqual(committedUnanswered);

    // 3. acks in flight: the gateway takes submit_sm without answering, then the app dies.
    smsc.setSubmitPolicy('silent');
    const silentBefore = smsc.submits.length;
    await smsc.waitFor(
      () => smsc.submits.length - silentBefore >= 10 && smsc.acceptedKeys >= COUNT * 0.45,
      30_000,
      'unanswered submit_sm',
    );
    const inFlight3 = smsc.inFlight;
    child.kill('SIGKILL');
    await expectKilled(child);
    expect(smsc.submits.slice(silentBefore).every((s) => s.answered === 'silent')).toBe(true);
    smsc.setSubmitPolicy('ok');
    report.push(
      `kill 3 (acks in flight): ${smsc.submits.filter((s) => s.answered === 'silent').length} submit_sm unanswered, ${inFlight3} deliver_sm in flight`,
    );

    // 4. right after the bind.
    child = start();
    const sentBeforeBind = smsc.deliverSmSent;
    await new Promise<void>((resolve) => {
      const onBind = (attempt: { status: number }): void => {
        if (attempt.status !== 0) return;
        smsc.off('bind', onBind);
        child.kill('SIGKILL');
        resolve();
      };
      smsc.on('bind', onBind);
    });
    await expectKilled(child);
    // The SMSC sent its backlog right behind the bind_transceiver_resp, to a process already dying.
    const sentToTheDying = smsc.deliverSmSent - sentBeforeBind;
    expect(sentToTheDying).toBeGreaterThan(0);
    report.push(
      `kill 4 (right after bind): ${sentToTheDying} deliver_sm sent behind the bind, accepted ${smsc.acceptedKeys}`,
    );

    // 5. in flight again, late in the burst.
    child = start();
    const inFlight5 = await killAtAccepted(child, Math.round(COUNT * 0.75));
    await expectKilled(child);
    expect(inFlight5).toBeGreaterThan(0);
    report.push(
      `kill 5 (in flight): ${inFlight5} deliver_sm in flight, accepted ${smsc.acceptedKeys}, stored ${JSON.stringify(countOutcomes(dbPath))}`,
    );

    // Final run: everything redelivered, every ack sent, then a clean stop.
    child = start();
    await child.waitForLine(isState('bound'), 15_000, 'bound');
    await smsc.waitFor(() => smsc.undelivered === 0, 60_000, 'every message delivered');
    await smsc.waitFor(() => queuedAcks(dbPath) === 0, 60_000, 'the outbox to drain');
    child.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);

    const audit = auditDatabase(dbPath);
    expect(exactlyOnceProblems(audit, traffic)).toEqual([]);
    // The gateway accepted each message exactly once (a redelivered key only when no response was seen).
    expect(smsc.acceptedKeys).toBe(COUNT);
    expect([...smsc.accepted.values()].filter((n) => n !== 1)).toEqual([]);
    // Every valid message reached the gateway as an ack with the text the phone expects.
    const sent = new Set(
      smsc.submits.filter((s) => s.answered === 'ok').map((s) => `${s.destination} ${gsmOctetsToText(s.octets)}`),
    );
    expect(traffic.filter((m) => !sent.has(`${m.phone} ${m.ackText}`)).map((m) => m.key)).toEqual([]);
    expect(audit.outcomes.rejected).toBe(0);

    const okSubmits = smsc.submits.filter((s) => s.answered === 'ok').length;
    report.push(
      `final: ${audit.outcomes.recorded} recorded, ${audit.outcomes.repeat} repeats, ${audit.acks.submitted + audit.acks.delivered} acks sent, ` +
        `${okSubmits} submit_sm accepted by the gateway (${okSubmits - (audit.outcomes.recorded + audit.outcomes.repeat)} resent after a crash), ` +
        `${smsc.redeliveries} deliver_sm redelivered, lost 0`,
    );
    console.info(`[reliability] crash mid-burst, ${COUNT} messages:\n  ${report.join('\n  ')}`);
  }, 240_000);
});
