/**
 * Scenario 2, a flaky link: while messages stream in, the gateway drops the TCP connection 20
 * times (every other time in the middle of a deliver_sm), refuses binds for a while
 * (ESME_RALYBND, then ESME_RBINDFAIL), and once goes silent without closing, like a phone that
 * left the Wi-Fi. The core (in this process, with a short keepalive) must notice the silence
 * within about two keepalive periods, space its bind attempts by its backoff, and end with every
 * message stored exactly once and acknowledged.
 *
 * `random` is pinned to 0.3 so the backoff jitter is reproducible and the run stays short
 * (1 s, 1.3 s, 1.9 s, ... after consecutive failures); the spacing checks use the delays the core
 * itself announced in its `retrying` states.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createAppCore } from '../../src-main/core/app-core.js';
import type { AppCore } from '../../src-main/core/app-core-types.js';
import type { ConnectionState } from '../../src-main/core/model.js';
import { FaultSmsc } from '../support/fault-smsc.js';
import { STATUS } from '../support/smpp-wire.js';
import { PASSWORD, SYSTEM_ID, settingsFor, tempDir } from '../support/core-harness.js';
import { attendanceTraffic, scaled } from './support/traffic.js';
import { auditDatabase, exactlyOnceProblems, queuedAcks } from './support/audit.js';

const COUNT = scaled(800, 4_000);
const DROPS = 20;
const ENQUIRE_LINK_MS = 500;

describe(`flaky link (${COUNT} messages, ${DROPS} drops, refused binds, a silent gateway)`, () => {
  let smsc: FaultSmsc;
  let core: AppCore;
  const tmp = tempDir('reliability-flaky-');
  const dbPath = join(tmp.dir, 'attendance.db');
  const traffic = attendanceTraffic(COUNT, { phones: 40 });
  const states: { at: number; state: ConnectionState }[] = [];

  beforeAll(async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD, window: 10 });
    core = createAppCore({
      dbPath,
      settings: settingsFor(smsc, { enquireLinkMs: ENQUIRE_LINK_MS }),
      random: () => 0.3,
    });
    core.on('connectionState', (state) => states.push({ at: Date.now(), state }));
  });
  afterAll(async () => {
    await core?.close();
    await smsc.close();
    tmp.cleanup();
  });

  it('loses nothing, doubles nothing, notices silence, and never hammers the gateway', async () => {
    smsc.enqueue(...traffic.map((m) => ({ key: m.key, fields: m.fields })));
    core.connect();
    const step = Math.floor(COUNT / (DROPS + 4));
    let midPduDrops = 0;
    let silenceDetected = -1;

    for (let i = 1; i <= DROPS; i++) {
      await smsc.waitFor(() => smsc.isBound() && smsc.acceptedKeys >= i * step, 20_000, `progress before drop ${i}`);
      if (i === 7) smsc.refuseBinds(2, STATUS.ESME_RALYBND);
      if (i === 14) smsc.refuseBinds(2, STATUS.ESME_RBINDFAIL);
      const midPdu = i % 2 === 0;
      if (midPdu) midPduDrops++;
      expect(smsc.drop({ midPdu })).toBe(true);

      if (i === 10) {
        // A dead phone on Wi-Fi: the next connection binds, then the gateway goes quiet.
        await smsc.waitFor(() => smsc.isBound(), 10_000, 'rebind before the silence');
        smsc.goSilent();
        await smsc.waitFor(
          () => smsc.silenceDetectedAfterMs.length === 1,
          4 * ENQUIRE_LINK_MS + 2_000,
          'the core to notice the silent gateway',
        );
        silenceDetected = smsc.silenceDetectedAfterMs[0]!;
      }
    }

    await smsc.waitFor(() => smsc.undelivered === 0, 60_000, 'every message delivered');
    await smsc.waitFor(() => queuedAcks(dbPath) === 0, 30_000, 'the outbox to drain');
    await core.close();

    const audit = auditDatabase(dbPath);
    expect(exactlyOnceProblems(audit, traffic)).toEqual([]);
    expect([...smsc.accepted.values()].filter((n) => n !== 1)).toEqual([]);
    expect(audit.outcomes.rejected).toBe(0);

    // Silence noticed within about two keepalive periods (enquire_link after one, its timeout after another).
    expect(silenceDetected).toBeGreaterThan(0);
    expect(silenceDetected).toBeLessThanOrEqual(2 * ENQUIRE_LINK_MS + 400);

    // Bind attempts: each refusal followed by a longer wait, never two attempts within the backoff floor.
    const refusals = smsc.bindAttempts.filter((a) => a.status !== 0);
    expect(refusals.map((a) => a.status)).toEqual([
      STATUS.ESME_RALYBND,
      STATUS.ESME_RALYBND,
      STATUS.ESME_RBINDFAIL,
      STATUS.ESME_RBINDFAIL,
    ]);
    const gaps = smsc.bindAttempts.slice(1).map((a, i) => a.at - smsc.bindAttempts[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(950);
    // Every connection after a failure waited at least the delay the core announced for it.
    const announced = states.filter(
      (s): s is { at: number; state: Extract<ConnectionState, { kind: 'retrying' }> } => s.state.kind === 'retrying',
    );
    expect(announced.length).toBe(smsc.bindAttempts.length - 1);
    announced.forEach((r, i) => {
      // The i-th retry announced is followed by the (i+1)-th bind attempt: one connection per retry.
      const next = smsc.bindAttempts[i + 1]!;
      expect(next.at - r.at, `bind ${i + 2} after the retry announced with ${r.state.inMs} ms`).toBeGreaterThanOrEqual(
        r.state.inMs - 30,
      );
    });
    // Consecutive failures grow the delay: the second refusal in a row waits longer than the first.
    const delays = announced.map((r) => r.state.inMs);
    expect(Math.max(...delays)).toBeGreaterThan(Math.min(...delays));
    // One bind per connection: drops + refusals + the silence + the first bind, nothing more.
    expect(smsc.bindAttempts.length).toBe(1 + DROPS + 4 + 1);

    console.info(
      `[reliability] flaky link: ${COUNT} messages, ${DROPS} drops (${midPduDrops} mid-PDU), 4 refused binds, silence noticed after ${silenceDetected} ms ` +
        `(keepalive ${ENQUIRE_LINK_MS} ms); ${smsc.redeliveries} redeliveries, ${audit.outcomes.repeat} repeat rows, ` +
        `bind gaps min ${Math.min(...gaps)} ms max ${Math.max(...gaps)} ms; lost 0, doubled 0`,
    );
  }, 120_000);
});
