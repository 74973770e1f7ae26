/**
 * The attendance core end to end: a real SMPP server on 127.0.0.1 plays the gateway and the phones,
 * a real SQLite file records. Assertions are on what crossed the wire and what is in the database.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCipheriv } from 'node:crypto';
import { startHarness, type Harness } from '../../support/core-harness.js';
import {
  FIELD_KEY,
  OTHER_KEY,
  decryptAck,
  encodeEnvelope,
  encryptForPhone,
  expectedAckText,
  gsmOctetsToText,
  phoneMessage,
  type Coding,
} from '../../support/phone.js';

const EMPLOYEE = '989102211824';
const GATEWAY = '9102211824';
const ROK = 0;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function counts(harness: Harness): { messages: number; events: number; acks: number } {
  const [row] = harness.query<{ messages: number; events: number; acks: number }>(
    'SELECT (SELECT COUNT(*) FROM messages) AS messages, (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM acks) AS acks',
  );
  return row!;
}

/**
 * No ack went out for what came before: a valid message from another phone, sent next, gets its ack,
 * and that ack is the only submit_sm the gateway received (acks leave in the order they are queued).
 */
async function expectOnlyAckOfAValidMessage(harness: Harness): Promise<void> {
  const other = '989121234567';
  expect(
    (await harness.smsc.deliver({ source: other, destination: GATEWAY, ...phoneMessage('Exit 17:05') })).commandStatus,
  ).toBe(ROK);
  await harness.smsc.waitFor(
    () => harness.smsc.submits.some((s) => s.destination === other),
    5_000,
    'the ack of the valid message',
  );
  expect(harness.smsc.submits.map((s) => s.destination)).toEqual([other]);
}

describe('happy path', () => {
  it.each([0, 1, 3, 8] as Coding[])(
    'records an Arrival sent with data_coding %i and acknowledges it',
    async (dataCoding) => {
      h = await startHarness();
      const msg = phoneMessage('Arrival 08:31', { dataCoding });
      const resp = await h.smsc.deliver({
        source: EMPLOYEE,
        destination: GATEWAY,
        shortMessage: msg.shortMessage,
        dataCoding,
      });
      expect(resp.commandStatus).toBe(ROK);

      await h.smsc.waitFor(() => h!.smsc.submits.length === 1, 5_000, 'the ack submit_sm');
      const ack = h.smsc.submits[0]!;
      expect(ack.destination).toBe(EMPLOYEE);
      expect(ack.source).toBe(GATEWAY);
      expect(ack.dataCoding).toBe(0);
      expect(ack.registeredDelivery).toBe(1);
      // docs/protocol.md's vector for `Arrival 08:31`, in GSM 03.38 octets ($ = 0x02).
      expect(gsmOctetsToText(ack.shortMessage)).toBe(
        '$$5TDsa8iwYClV7OOb/Bgl7rhy1qPpl1BuaBuBnGGgiECn9OeG6TYjXb5RLD+/ncXnEWsos1QOgBWCw0CsDALdQB2dYyu82lOeFUn8M/1R17Q=$$',
      );
      expect(ack.shortMessage[0]).toBe(0x02);
      expect(ack.shortMessage.length).toBe(112);

      const events = h.query<{ phone: string; status: string; reported_time: string; occurred_at: number | null }>(
        'SELECT * FROM events',
      );
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ phone: EMPLOYEE, status: 'arrival', reported_time: ' 08:31' });
      expect(events[0]!.occurred_at).not.toBeNull();
      const [message] = h.query<{ outcome: string; plaintext: string; data_coding: number }>('SELECT * FROM messages');
      expect(message).toMatchObject({ outcome: 'recorded', plaintext: 'Arrival 08:31', data_coding: dataCoding });

      await h.smsc.waitFor(
        () => h!.query<{ state: string }>('SELECT state FROM acks')[0]?.state === 'submitted',
        5_000,
        'ack submitted',
      );
      const [ackRow] = h.query<{ smsc_message_id: string }>('SELECT smsc_message_id FROM acks');
      expect(ackRow!.smsc_message_id).toBe(ack.messageId);
    },
  );

  it('reads the message_payload TLV when short_message is empty', async () => {
    h = await startHarness();
    const msg = phoneMessage('Exit 17:05');
    expect(
      (
        await h.smsc.deliver({
          source: EMPLOYEE,
          destination: GATEWAY,
          messagePayload: msg.shortMessage,
          dataCoding: 0,
        })
      ).commandStatus,
    ).toBe(ROK);
    await h.smsc.waitFor(() => h!.smsc.submits.length === 1, 5_000, 'ack');
    expect(gsmOctetsToText(h.smsc.submits[0]!.shortMessage)).toBe(expectedAckText('Exit 17:05'));
    expect(h.query('SELECT status FROM events')).toEqual([{ status: 'exit' }]);
  });

  it('derives the timestamp from a full date with Persian digits and keeps the raw text', async () => {
    h = await startHarness();
    const plaintext = 'Arrival ۲۰۲۶-۱۱-۲۵ ۰۸:۳۱:۰۷';
    const envelope = `$$${encryptForPhone(plaintext)}$$`;
    await h.smsc.deliver({
      source: EMPLOYEE,
      destination: GATEWAY,
      shortMessage: encodeEnvelope(envelope, 8),
      dataCoding: 8,
    });
    const [event] = h.query<{ reported_time: string; occurred_at: number }>(
      'SELECT reported_time, occurred_at FROM events',
    );
    expect(event!.reported_time).toBe(' ۲۰۲۶-۱۱-۲۵ ۰۸:۳۱:۰۷');
    expect(new Date(event!.occurred_at).toISOString()).toBe('2026-11-25T05:01:07.000Z'); // 08:31:07 in Tehran (+03:30)
  });
});

describe('bad input is recorded as rejected, never acknowledged, and answered OK', () => {
  const cipherOf = (bytes: Buffer, key = FIELD_KEY): string => {
    const c = createCipheriv('aes-256-cbc', Buffer.from(key), Buffer.alloc(16));
    return Buffer.concat([c.update(bytes), c.final()]).toString('base64');
  };
  const noPadding = (): string => {
    const c = createCipheriv('aes-256-cbc', Buffer.from(FIELD_KEY), Buffer.alloc(16)).setAutoPadding(false);
    return Buffer.concat([c.update(Buffer.from('Arrival 08:31:00')), c.final()]).toString('base64'); // 16 bytes, no PKCS#7 block
  };
  const cases: [string, () => string, RegExp][] = [
    ['not base64', () => '$$not*base64!!$$', /^not-base64$/],
    ['wrong key', () => `$$${encryptForPhone('Arrival 08:31', OTHER_KEY)}$$`, /^(wrong-key|invalid-utf8)$/],
    ['bad padding', () => `$$${noPadding()}$$`, /^wrong-key$/],
    ['no $$ envelope', () => encryptForPhone('Arrival 08:31'), /^no-envelope$/],
    ['empty text', () => `$$${cipherOf(Buffer.alloc(0))}$$`, /^empty-text$/],
    ['invalid UTF-8 plaintext', () => `$$${cipherOf(Buffer.from([0x41, 0x72, 0xff, 0xfe, 0x80]))}$$`, /^invalid-utf8$/],
    ['neither Arrival nor Exit', () => `$$${encryptForPhone('Lunch 12:00')}$$`, /^unknown-status$/],
  ];
  it.each(cases)('%s', async (_name, envelope, reason) => {
    h = await startHarness();
    const resp = await h.smsc.deliver({
      source: EMPLOYEE,
      destination: GATEWAY,
      shortMessage: encodeEnvelope(envelope(), 3),
      dataCoding: 3,
    });
    expect(resp.commandStatus).toBe(ROK);
    const [message] = h.query<{ outcome: string; reason: string }>(
      'SELECT outcome, reason_code AS reason FROM messages',
    );
    expect(message!.outcome).toBe('rejected');
    expect(message!.reason).toMatch(reason);
    expect(counts(h)).toEqual({ messages: 1, events: 0, acks: 0 });
    await expectOnlyAckOfAValidMessage(h);
  });

  it('records messages from the gateway itself (11111) as ignored and does not answer them', async () => {
    h = await startHarness();
    const msg = phoneMessage('Arrival 08:31');
    expect(
      (await h.smsc.deliver({ source: '11111', destination: GATEWAY, shortMessage: msg.shortMessage, dataCoding: 0 }))
        .commandStatus,
    ).toBe(ROK);
    expect(h.query('SELECT outcome FROM messages')).toEqual([{ outcome: 'ignored' }]);
    expect(counts(h)).toEqual({ messages: 1, events: 0, acks: 0 });
    await expectOnlyAckOfAValidMessage(h);
  });
});

describe('exactly once', () => {
  it('stores a resend within the window once and acknowledges it again; the same text after the window is a new event', async () => {
    let clock = Date.parse('2026-11-25T05:00:00Z');
    h = await startHarness({ repeatWindowMs: 10 * 60_000 }, { now: () => clock });
    const msg = phoneMessage('Arrival 08:31');
    const send = () =>
      h!.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, shortMessage: msg.shortMessage, dataCoding: 0 });
    await send();
    clock += 60_000;
    await send();
    clock += 60_000;
    await send();
    await h.smsc.waitFor(() => h!.smsc.submits.length === 3, 5_000, 'three acks');
    expect(counts(h)).toEqual({ messages: 3, events: 1, acks: 3 });
    expect(h.query<{ outcome: string }>('SELECT outcome FROM messages ORDER BY id').map((m) => m.outcome)).toEqual([
      'recorded',
      'repeat',
      'repeat',
    ]);
    // Every ack is the same text: the phone cannot tell a resend's ack from the first one.
    expect(new Set(h.smsc.submits.map((s) => s.shortMessage.toString('hex'))).size).toBe(1);

    clock += 24 * 60 * 60_000; // the next day, the same `Arrival 08:31` is a new arrival
    await send();
    expect(counts(h)).toMatchObject({ messages: 4, events: 2 });
  });

  it('reassembles a message sent in parts (UDH, out of order) into one event', async () => {
    h = await startHarness();
    const { shortMessage } = phoneMessage('Arrival 2026-11-25 08:31:07');
    const half = Math.ceil(shortMessage.length / 2);
    const udh = (seq: number): Buffer => Buffer.from([0x05, 0x00, 0x03, 0x2a, 0x02, seq]);
    const part2 = Buffer.concat([udh(2), shortMessage.subarray(half)]);
    const part1 = Buffer.concat([udh(1), shortMessage.subarray(0, half)]);
    expect(
      (
        await h.smsc.deliver({
          source: EMPLOYEE,
          destination: GATEWAY,
          shortMessage: part2,
          dataCoding: 0,
          esmClass: 0x40,
        })
      ).commandStatus,
    ).toBe(ROK);
    expect(counts(h).events).toBe(0);
    expect(
      (
        await h.smsc.deliver({
          source: EMPLOYEE,
          destination: GATEWAY,
          shortMessage: part1,
          dataCoding: 0,
          esmClass: 0x40,
        })
      ).commandStatus,
    ).toBe(ROK);
    expect(h.query('SELECT status, reported_time FROM events')).toEqual([
      { status: 'arrival', reported_time: ' 2026-11-25 08:31:07' },
    ]);
    await h.smsc.waitFor(() => h!.smsc.submits.length === 1, 5_000, 'ack');
    expect(decryptAck(gsmOctetsToText(h.smsc.submits[0]!.shortMessage))).toMatch(
      /^a14d78ad7b182519f1924b088f27c9f234343fc442ff5f1160517a480886e803 \| AFTSTC$/,
    );
  });
});

describe('acks', () => {
  it('marks an ack delivered when its delivery receipt arrives', async () => {
    h = await startHarness();
    const msg = phoneMessage('Arrival 08:31');
    await h.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, shortMessage: msg.shortMessage, dataCoding: 0 });
    await h.smsc.waitFor(
      () => h!.query<{ state: string }>('SELECT state FROM acks')[0]?.state === 'submitted',
      5_000,
      'submitted',
    );
    const id = h.smsc.submits[0]!.messageId;
    expect((await h.smsc.sendReceipt({ smscMessageId: id, stat: 'DELIVRD' })).commandStatus).toBe(ROK);
    expect(h.query('SELECT state FROM acks')).toEqual([{ state: 'delivered' }]);
    expect(counts(h)).toEqual({ messages: 1, events: 1, acks: 1 });
  });

  it('marks an ack failed on an UNDELIV receipt sent as TLVs', async () => {
    h = await startHarness();
    await h.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, ...phoneMessage('Exit 17:05') });
    await h.smsc.waitFor(
      () => h!.query<{ state: string }>('SELECT state FROM acks')[0]?.state === 'submitted',
      5_000,
      'submitted',
    );
    await h.smsc.sendReceipt({ smscMessageId: h.smsc.submits[0]!.messageId, stat: 'UNDELIV', viaTlv: true });
    expect(h.query('SELECT state FROM acks')).toEqual([{ state: 'failed' }]);
  });

  it('retries an ack the gateway throttles', async () => {
    h = await startHarness();
    h.smsc.respondToSubmits({ status: 0x58 }); // ESME_RTHROTTLED
    await h.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, ...phoneMessage('Arrival 08:31') });
    await h.smsc.waitFor(
      () => h!.query<{ attempts: number }>('SELECT attempts FROM acks')[0]?.attempts === 1,
      5_000,
      'a throttled attempt',
    );
    const [row] = h.query<{ state: string; error: string; params: string }>(
      'SELECT state, error_code AS error, error_params AS params FROM acks',
    );
    expect(row).toMatchObject({
      state: 'queued',
      error: 'ack-refused',
      params: JSON.stringify({ status: 'ESME_RTHROTTLED' }),
    });
  });

  it('sends a throttled ack again after its delay, while the acks queued meanwhile go at once, each once', async () => {
    h = await startHarness();
    h.smsc.respondToSubmits({ status: 0x58 }); // ESME_RTHROTTLED
    await h.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, ...phoneMessage('Arrival 08:31') });
    await h.smsc.waitFor(() => h!.smsc.submits.length === 1, 5_000, 'the throttled attempt');
    h.smsc.respondToSubmits('ok');
    const others = ['989121111111', '989122222222', '989123333333'];
    for (const source of others) await h.smsc.deliver({ source, destination: GATEWAY, ...phoneMessage('Exit 17:05') });
    await h.smsc.waitFor(() => h!.smsc.submits.length === 4, 5_000, 'the acks of the three others');
    expect(h.smsc.submits.map((s) => s.destination)).toEqual([EMPLOYEE, ...others]);
    // The retry comes when its time (2 s ± 20 %) has come, not with the others' traffic.
    await h.smsc.waitFor(() => h!.smsc.submits.length === 5, 6_000, 'the throttled ack sent again');
    expect(h.smsc.submits.at(-1)!.destination).toBe(EMPLOYEE);
    await h.smsc.waitFor(
      () => h!.query<{ n: number }>("SELECT COUNT(*) AS n FROM acks WHERE state = 'submitted'")[0]!.n === 4,
      5_000,
      'every ack submitted',
    );
    expect(h.query('SELECT destination, attempts FROM acks ORDER BY id')).toEqual([
      { destination: EMPLOYEE, attempts: 2 },
      ...others.map((destination) => ({ destination, attempts: 1 })),
    ]);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.smsc.submits).toHaveLength(5); // nothing sent twice
  });

  it('sends the acks still in the outbox after a stop and restart', async () => {
    h = await startHarness();
    h.smsc.respondToSubmits('silent');
    await h.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, ...phoneMessage('Arrival 08:31') });
    await h.smsc.deliver({ source: '989121111111', destination: GATEWAY, ...phoneMessage('Exit 17:05') });
    expect(h.query<{ n: number }>("SELECT COUNT(*) AS n FROM acks WHERE state = 'queued'")[0]!.n).toBe(2);
    await h.core.close();
    h.smsc.respondToSubmits('ok');
    const before = h.smsc.submits.length;
    const core = await h.restartCore();
    core.connect();
    await h.waitForState('bound');
    await h.smsc.waitFor(
      () => h!.query<{ n: number }>("SELECT COUNT(*) AS n FROM acks WHERE state = 'submitted'")[0]!.n === 2,
      10_000,
      'both acks submitted',
    );
    expect(h.smsc.submits.length - before).toBeGreaterThanOrEqual(2);
    expect(counts(h)).toEqual({ messages: 2, events: 2, acks: 2 });
  });
});

describe('the link', () => {
  it('reports a wrong password by its SMPP status and stops retrying', async () => {
    h = await startHarness({ password: 'wrong' }, { connect: false });
    h.core.connect();
    await h.waitForState('refused');
    expect(h.core.connectionState()).toMatchObject({ kind: 'refused', status: 'ESME_RINVPASWD' });
  });

  it('reconnects after the connection drops in the middle of a deliver_sm and loses nothing', async () => {
    h = await startHarness();
    await h.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, ...phoneMessage('Arrival 08:31') });
    const exit = { source: EMPLOYEE, destination: GATEWAY, ...phoneMessage('Exit 17:05') };
    await h.smsc.dropMidPdu(exit); // half of the Exit's deliver_sm, then the link is gone
    await h.smsc.waitFor(() => h!.states.some((s) => s.kind === 'retrying'), 5_000, 'retrying');
    await h.smsc.waitFor(
      () => h!.smsc.boundSessions() === 1 && h!.core.connectionState().kind === 'bound',
      15_000,
      'rebound',
    );
    // The half PDU left nothing behind: the new connection reads the redelivered Exit from its first octet.
    expect((await h.smsc.deliver(exit)).commandStatus).toBe(ROK);
    expect(h.query<{ status: string }>('SELECT status FROM events ORDER BY id').map((e) => e.status)).toEqual([
      'arrival',
      'exit',
    ]);
    expect(h.query<{ outcome: string }>('SELECT outcome FROM messages ORDER BY id').map((m) => m.outcome)).toEqual([
      'recorded',
      'recorded',
    ]);
    expect(h.smsc.receivedOf('generic_nack')).toEqual([]);
    await h.smsc.waitFor(
      () => h!.query<{ n: number }>("SELECT COUNT(*) AS n FROM acks WHERE state = 'submitted'")[0]!.n === 2,
      10_000,
      'acks',
    );
  });

  it('answers an unbind from the gateway and binds again', async () => {
    h = await startHarness();
    const binds = h.smsc.binds;
    await h.smsc.sendUnbind();
    await h.smsc.waitFor(() => h!.smsc.binds > binds && h!.core.connectionState().kind === 'bound', 15_000, 'rebind');
  });

  it('disconnect sends unbind and ends in disconnected', async () => {
    h = await startHarness();
    await h.core.disconnect();
    expect(h.smsc.unbinds).toBe(1);
    expect(h.core.connectionState()).toEqual({ kind: 'disconnected' });
  });
});
