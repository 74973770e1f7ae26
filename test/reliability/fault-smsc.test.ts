/**
 * The fault SMSC itself, driven by an independent ESME (the `smpp` package's client): binds and
 * refusals, the delivery window, redelivery after a drop (also mid-PDU), submit policies, receipts,
 * silence. The reliability scenarios rely on each of these behaving as a real gateway would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import smpp from 'smpp';
import type { PDU, Session } from 'smpp';
import { FaultSmsc } from '../support/fault-smsc.js';
import { STATUS } from '../support/smpp-wire.js';

const SYSTEM_ID = 'office';
const PASSWORD = 'secret1';

interface Client {
  session: Session;
  delivered: PDU[];
  closed: Promise<void>;
}

/** An ESME that answers deliver_sm only when `answer` says so. */
function connect(port: number, answer: (pdu: PDU) => number | null = () => 0): Promise<Client> {
  return new Promise((resolve, reject) => {
    const session = new smpp.Session({ host: '127.0.0.1', port });
    const delivered: PDU[] = [];
    const closed = new Promise<void>((r) => session.on('close', () => r()));
    session.on('error', () => {});
    session.on('deliver_sm', (pdu: PDU) => {
      delivered.push(pdu);
      const status = answer(pdu);
      if (status !== null) session.send(pdu.response({ command_status: status }));
    });
    session.on('connect', () => resolve({ session, delivered, closed }));
    session.on('error', reject);
  });
}

function bind(client: Client, password = PASSWORD): Promise<number> {
  return new Promise((resolve) =>
    client.session.bind_transceiver({ system_id: SYSTEM_ID, password }, (pdu: PDU) => resolve(pdu.command_status)),
  );
}

const msg = (i: number): { key: string; fields: { source: string; destination: string; shortMessage: Buffer } } => ({
  key: `k${i}`,
  fields: {
    source: `98910${String(i).padStart(7, '0')}`,
    destination: '9102211824',
    shortMessage: Buffer.from(`text ${i}`),
  },
});

describe('fault SMSC', () => {
  let smsc: FaultSmsc;
  const clients: Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.session.destroy();
    await smsc?.close();
  });

  it('refuses the next binds as told, checks the password, and records every attempt', async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD });
    smsc.refuseBinds(2, STATUS.ESME_RALYBND);
    const c = await connect(smsc.port);
    clients.push(c);
    expect(await bind(c)).toBe(STATUS.ESME_RALYBND);
    expect(await bind(c)).toBe(STATUS.ESME_RALYBND);
    expect(await bind(c, 'wrong')).toBe(STATUS.ESME_RINVPASWD);
    expect(await bind(c)).toBe(STATUS.ESME_ROK);
    expect(await bind(c)).toBe(STATUS.ESME_RALYBND); // already bound
    expect(smsc.bindAttempts.map((a) => a.status)).toEqual([5, 5, 0x0e, 0, 5]);
  });

  it('keeps the window, and redelivers unanswered messages (also one cut mid-PDU) after the next bind', async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD, window: 3 });
    smsc.enqueue(...Array.from({ length: 8 }, (_, i) => msg(i)));
    // First client answers nothing: exactly `window` messages reach it.
    const silent = await connect(smsc.port, () => null);
    clients.push(silent);
    await bind(silent);
    await smsc.waitFor(() => silent.delivered.length === 3, 2_000, 'three deliver_sm');
    await new Promise((r) => setTimeout(r, 100));
    expect(silent.delivered.length).toBe(3);
    expect(smsc.drop({ midPdu: true })).toBe(true);
    await silent.closed;

    const good = await connect(smsc.port);
    clients.push(good);
    await bind(good);
    await smsc.waitFor(() => smsc.acceptedKeys === 8, 3_000, 'all eight accepted');
    expect(smsc.acceptedTotal).toBe(8);
    expect(smsc.redeliveries).toBe(4); // the 3 unanswered and the one cut in half
    // Redelivered first, in their original order.
    expect(
      good.delivered
        .slice(0, 4)
        .map((p) => String(p.short_message && (p.short_message as { message: string }).message)),
    ).toEqual(['text 0', 'text 1', 'text 2', 'text 3']);
    expect(smsc.undelivered).toBe(0);
  });

  it('offers a message answered with an error status again later', async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD, retryDelayMs: 50 });
    let refusals = 2;
    const c = await connect(smsc.port, () => (refusals-- > 0 ? STATUS.ESME_RX_T_APPN : 0));
    clients.push(c);
    await bind(c);
    smsc.enqueue(msg(1));
    await smsc.waitFor(() => smsc.acceptedKeys === 1, 2_000, 'acceptance after two refusals');
    expect(c.delivered.length).toBe(3);
    expect(smsc.deliverRespStatuses.get(STATUS.ESME_RX_T_APPN)).toBe(2);
  });

  it('answers submit_sm per policy and sends receipts for accepted ones', async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD, receipts: true });
    const c = await connect(smsc.port);
    clients.push(c);
    await bind(c);
    const submit = (): Promise<PDU | null> =>
      new Promise((resolve) => {
        c.session.submit_sm(
          { source_addr: '9102211824', destination_addr: '989102211824', registered_delivery: 1, short_message: 'ack' },
          (pdu: PDU) => resolve(pdu),
        );
        setTimeout(() => resolve(null), 300);
      });
    const ok = await submit();
    expect(ok?.command_status).toBe(0);
    expect(ok?.message_id).toBe('m1');
    smsc.setSubmitPolicy('throttled');
    expect((await submit())?.command_status).toBe(STATUS.ESME_RTHROTTLED);
    smsc.setSubmitPolicy('silent');
    expect(await submit()).toBeNull();
    expect(smsc.submits.map((s) => s.answered)).toEqual(['ok', 'throttled', 'silent']);
    expect(smsc.submitCounts().get('989102211824 ack')).toBe(3);
    await smsc.waitFor(() => c.delivered.length === 1, 2_000, 'a receipt');
    expect(c.delivered[0]!.esm_class).toBe(0x04);
    expect(c.delivered[0]!.receipted_message_id).toBe('m1');
  });

  it('goes silent on request and measures how long the peer takes to give up', async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD });
    const c = await connect(smsc.port);
    clients.push(c);
    await bind(c);
    smsc.goSilent();
    let answered = false;
    c.session.enquire_link({}, () => (answered = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(answered).toBe(false);
    c.session.close();
    await smsc.waitFor(() => smsc.silenceDetectedAfterMs.length === 1, 2_000, 'the close to be seen');
    expect(smsc.silenceDetectedAfterMs[0]).toBeGreaterThanOrEqual(140);
  });
});
