/**
 * Multipart messages across crashes. A part answered ESME_ROK is gone from the gateway, so it must
 * survive a crash of the app until its message completes (or is given up and recorded as
 * rejected). Checked with the real `serve` and SIGKILL:
 * - parts 1 and 2 of 3 accepted, crash, restart, part 3 arrives: the message is recorded once;
 * - all 3 parts stored, the response to the last one lost, crash: the redelivered last part must
 *   not start a new, never-completing message; it is a repeat of the stored one (one event, and the
 *   ack again, as for any redelivered message);
 * and, in-process with a clock moved forward, a part whose siblings never come is recorded as
 * rejected, with its bytes and the reason, only once the app has been bound for ten minutes
 * without them: not after a night with the app off, not after ten minutes of which some were
 * before a drop of the link.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { createAppCore } from '../../src-main/core/app-core.js';
import { FaultSmsc } from '../support/fault-smsc.js';
import {
  encryptForPhone,
  expectedAckText,
  gsmEnvelopeOctets,
  gsmOctetsToText,
  phoneMessage,
} from '../support/phone.js';
import { PASSWORD, SYSTEM_ID, settingsFor, tempDir } from '../support/core-harness.js';
import { ServeProcess, isState } from './support/serve-process.js';
import { queuedAcks, readOnly } from './support/audit.js';
import { GATEWAY_NUMBER } from './support/traffic.js';

const PHONE = '989121112233';

/** The GSM envelope of `plaintext` cut into `total` parts with an 8-bit concatenation UDH. */
function parts(
  plaintext: string,
  total: number,
  ref: number,
): {
  key: string;
  fields: { source: string; destination: string; esmClass: number; dataCoding: number; shortMessage: Buffer };
}[] {
  const octets = gsmEnvelopeOctets(`$$${encryptForPhone(plaintext)}$$`);
  const size = Math.ceil(octets.length / total);
  return Array.from({ length: total }, (_, i) => ({
    key: `${plaintext} part ${i + 1}/${total}`,
    fields: {
      source: PHONE,
      destination: GATEWAY_NUMBER,
      esmClass: 0x40,
      dataCoding: 0,
      shortMessage: Buffer.concat([
        Buffer.from([5, 0, 3, ref, total, i + 1]),
        octets.subarray(i * size, (i + 1) * size),
      ]),
    },
  }));
}

const rows = <T>(dbPath: string, sql: string): T[] => readOnly(dbPath, (db) => db.prepare(sql).all() as T[]);

describe('multipart messages across crashes', () => {
  let smsc: FaultSmsc;
  let serve: ServeProcess | null = null;
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;

  beforeEach(async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD, window: 1 });
    tmp = tempDir('reliability-parts-');
    dbPath = join(tmp.dir, 'attendance.db');
  });
  afterEach(async () => {
    serve?.kill('SIGKILL');
    await serve?.exited;
    serve = null;
    await smsc.close();
    tmp.cleanup();
  });

  it('parts accepted before a crash complete their message after the restart', async () => {
    const plaintext = 'Arrival 2026-11-25 08:31:07';
    const [p1, p2, p3] = parts(plaintext, 3, 0x42);
    let child = (serve = ServeProcess.start({ port: smsc.port, dbPath }));
    smsc.enqueue(p1!, p2!);
    await smsc.waitFor(() => smsc.acceptedKeys === 2, 15_000, 'parts 1 and 2 accepted');
    expect(await child.crash()).toEqual({ code: null, signal: 'SIGKILL' });

    child = serve = ServeProcess.start({ port: smsc.port, dbPath });
    await child.waitForLine(isState('bound'), 15_000, 'bound after the restart');
    smsc.enqueue(p3!);
    await smsc.waitFor(() => smsc.acceptedKeys === 3, 10_000, 'part 3 accepted');
    await smsc.waitFor(() => queuedAcks(dbPath) === 0 && smsc.submits.length === 1, 10_000, 'the ack');
    child.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);

    const events = rows<{ phone: string; reported_time: string }>(dbPath, 'SELECT phone, reported_time FROM events');
    expect(events).toEqual([{ phone: PHONE, reported_time: ' 2026-11-25 08:31:07' }]);
    expect(rows(dbPath, "SELECT id FROM messages WHERE outcome = 'rejected'")).toEqual([]);
    expect(gsmOctetsToText(smsc.submits[0]!.octets)).toBe(expectedAckText(plaintext));
  }, 60_000);

  it('a redelivered last part of a stored message is a repeat of it, not the start of a new one', async () => {
    const plaintext = 'Exit 2026-11-25 17:45:00';
    const all = parts(plaintext, 3, 0x07);
    let child = (serve = ServeProcess.start({ port: smsc.port, dbPath }));
    await child.waitForLine(isState('bound'), 15_000, 'bound');
    // After part 2's response the SMSC sends part 3 (window 1), then stops reading: part 3's response is lost.
    smsc.on('deliverResp', () => {
      if (smsc.acceptedKeys === 2) setImmediate(() => smsc.goSilent());
    });
    smsc.enqueue(...all);
    await smsc.waitFor(
      () => rows(dbPath, 'SELECT id FROM events').length === 1,
      15_000,
      'the message stored from its three parts',
    );
    // The fault is in place: part 3 is stored, and the gateway still holds it unanswered.
    expect(smsc.acceptedKeys).toBe(2);
    expect(smsc.undelivered).toBe(1);
    expect(await child.crash()).toEqual({ code: null, signal: 'SIGKILL' });
    smsc.removeAllListeners('deliverResp');

    child = serve = ServeProcess.start({ port: smsc.port, dbPath });
    await smsc.waitFor(
      () => smsc.undelivered === 0 && smsc.acceptedKeys === 3,
      15_000,
      'part 3 redelivered and accepted',
    );
    expect(smsc.redeliveries).toBe(1);
    await smsc.waitFor(
      () => queuedAcks(dbPath) === 0 && smsc.submits.filter((s) => s.answered === 'ok').length >= 1,
      10_000,
      'the ack',
    );
    child.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);

    expect(rows(dbPath, 'SELECT id FROM events').length).toBe(1);
    expect(rows<{ outcome: string }>(dbPath, 'SELECT outcome FROM messages ORDER BY id').map((r) => r.outcome)).toEqual(
      ['recorded', 'repeat'],
    );
    const sent = new Set(smsc.submits.filter((s) => s.answered === 'ok').map((s) => gsmOctetsToText(s.octets)));
    expect([...sent]).toEqual([expectedAckText(plaintext)]);
  }, 60_000);

  it('a part kept across a night with the app off is given up only after ten minutes bound — bound minutes, counted again after a drop', async () => {
    let skew = 0;
    const now = (): number => Date.now() + skew;
    const [p1] = parts('Arrival 2026-11-25 08:31:07', 3, 0x99);
    const held = (): number => rows(dbPath, 'SELECT id FROM message_parts WHERE message_id IS NULL').length;
    const rejected = (): { code: string; params: string; raw: Buffer; source: string }[] =>
      rows(
        dbPath,
        "SELECT reason_code AS code, reason_params AS params, raw, source FROM messages WHERE outcome = 'rejected'",
      );

    // Evening: part 1 of 3 arrives and is answered (the gateway forgets it); the PC is shut down.
    let core = createAppCore({ dbPath, settings: settingsFor(smsc), now });
    core.connect();
    await smsc.waitFor(() => smsc.isBound(), 10_000, 'bind');
    smsc.enqueue(p1!);
    await smsc.waitFor(() => smsc.acceptedKeys === 1, 10_000, 'part 1 accepted');
    await core.close();
    expect(held()).toBe(1);

    // The night: fourteen hours with the app off. By the time of its arrival the part is long stale,
    // so only the "bound for ten minutes" rule keeps it: the gateway may still hold parts 2 and 3
    // and deliver them after the morning's bind.
    skew += 14 * 3_600_000;

    // The morning. The part sweep's interval is driven by the test (only setInterval is faked:
    // sockets, Date and every other timer are real), so each check below follows a sweep that
    // really ran; a probe message then proves that whatever the sweep wrote has been committed
    // (the probe's deliver_sm is answered only after its own group commit, which comes after).
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let probes = 0;
    const sweepThenProbe = async (): Promise<void> => {
      vi.advanceTimersByTime(5_000);
      const accepted = smsc.acceptedKeys;
      const probe = phoneMessage(`Exit 2026-11-26 17:0${probes}:00`);
      smsc.enqueue({
        key: `probe ${++probes}`,
        fields: { source: '989121110000', destination: GATEWAY_NUMBER, ...probe },
      });
      await smsc.waitFor(() => smsc.acceptedKeys === accepted + 1, 10_000, `probe ${probes} answered`);
    };
    core = createAppCore({ dbPath, settings: settingsFor(smsc), now });
    try {
      core.connect();
      await smsc.waitFor(
        () => smsc.isBound() && core.connectionState().kind === 'bound',
        10_000,
        'bind in the morning',
      );
      await sweepThenProbe();
      expect(held()).toBe(1);
      expect(rejected()).toEqual([]);

      skew += 9 * 60_000; // nine minutes bound
      await sweepThenProbe();
      expect(held()).toBe(1);
      expect(rejected()).toEqual([]);

      // The Wi-Fi drops: the gateway delivers what it holds after the next bind, so the ten minutes start again.
      const binds = smsc.bindAttempts.length;
      smsc.drop();
      await smsc.waitFor(
        () => smsc.bindAttempts.length > binds && core.connectionState().kind === 'bound',
        15_000,
        'bound again after the drop',
      );
      skew += 5 * 60_000; // fourteen minutes since the morning's first bind, five of them in this bind
      await sweepThenProbe();
      expect(held()).toBe(1);
      expect(rejected()).toEqual([]);

      skew += 5 * 60_000 + 30_000; // ten and a half minutes bound without the missing parts
      vi.advanceTimersByTime(5_000);
      await smsc.waitFor(() => rejected().length === 1, 15_000, 'the incomplete message recorded');
    } finally {
      await core.close();
      vi.useRealTimers();
    }
    const [given] = rejected();
    expect(given!.source).toBe(PHONE);
    expect([given!.code, JSON.parse(given!.params)]).toEqual(['multipart-incomplete', { received: 1, total: 3 }]);
    expect(Buffer.from(given!.raw).equals(p1!.fields.shortMessage.subarray(6))).toBe(true);
    expect(held()).toBe(0);
    expect(rows<{ phone: string }>(dbPath, 'SELECT phone FROM events').map((e) => e.phone)).toEqual(
      Array(probes).fill('989121110000'),
    );
  }, 60_000);
});
