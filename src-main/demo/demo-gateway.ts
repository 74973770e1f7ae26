/**
 * The demo's office phone: an SMPP gateway (the SMSC side) on 127.0.0.1 in the same process, with a
 * dozen demo employees whose phone apps send encrypted `Arrival` / `Exit` messages in real time.
 *
 * It behaves as the phones and the Android gateway app do in the field, so the demo exercises the
 * product's real path end to end: it accepts one `bind_transceiver` with its system id and
 * password, answers `enquire_link` and `unbind`, delivers each message as `deliver_sm` (GSM 03.38
 * octets, sometimes UCS-2), checks every acknowledgement the product sends back (decrypts it and
 * compares the hash with what the phone sent, as the phone app does), answers it with a message id
 * and reports its delivery with a receipt. Now and then a phone resends its message (the ack came
 * late), one phone still has an old key, and one reports a time from well before it was sent.
 *
 * Not a test double: the tests use their own scriptable SMSCs under `test/support/`.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import smpp from 'smpp';
import type { PDU, Session } from 'smpp';
import { installRawMessageFields } from '../core/gateway/raw-message-fields.js';
import { decryptEnvelopeBody, encryptText } from '../core/protocol/cipher.js';
import { deliveryReceiptText } from '../core/protocol/delivery-receipt.js';
import { decodeGsm0338, encodeGsm0338 } from '../core/protocol/gsm0338.js';
import { openEnvelope, sealEnvelope } from '../core/protocol/envelope.js';
import type { DemoEmployee } from './demo-office.js';

export interface DemoGatewayOptions {
  /** The office key the demo phones encrypt with. */
  key: string;
  employees: readonly DemoEmployee[];
  systemId: string;
  password: string;
  /** The gateway phone's own number (the destination of every message). */
  ownNumber?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Milliseconds between two messages, drawn uniformly from [min, max]. Default [1500, 4000]. */
  paceMs?: readonly [number, number];
  /** The chance, per message, of each misbehaviour. Defaults: resend 0.1, wrong key 0.05, late report 0.05. */
  chances?: { resend?: number; wrongKey?: number; lateReport?: number };
  random?: () => number;
  now?: () => number;
}

/** What the demo gateway has seen so far, for the log and the tests. */
export interface DemoGatewayStats {
  binds: number;
  /** deliver_sm sent to the product, resends included. */
  delivered: number;
  resends: number;
  /** Messages encrypted with a phone's out-of-date key, resends included. */
  wrongKey: number;
  lateReports: number;
  /** submit_sm received from the product. */
  acks: number;
  /** Acks that decrypted to the hash of a message a demo phone had sent. */
  acksVerified: number;
  /** Acks that did not (wrong key, wrong hash, not an envelope). */
  acksBad: number;
  receiptsSent: number;
}

export interface DemoGateway {
  readonly host: '127.0.0.1';
  readonly port: number;
  stats(): DemoGatewayStats;
  /** The phones stop sending (acks and receipts still flow). */
  stopSending(): void;
  close(): Promise<void>;
}

const DEFAULT_PACE: readonly [number, number] = [1_500, 4_000];
const ACK_SUFFIX = ' | AFTSTC';
/** A phone whose key is out of date: its messages cannot be decrypted with the office key. */
const STALE_KEY = 'old-phone-key-0123456789abcdefgh';
/** A late report claims a time this long before the message was sent. */
const LATE_REPORT_MS = 47 * 60_000;
/** Employees stay in at least this long before they may leave (real time, so the demo moves). */
const MIN_STAY_MS = 20_000;

interface PhoneState {
  employee: DemoEmployee;
  inSince: number | null;
}

export async function startDemoGateway(options: DemoGatewayOptions): Promise<DemoGateway> {
  installRawMessageFields();
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const [paceMin, paceMax] = options.paceMs ?? DEFAULT_PACE;
  const chances = { resend: 0.1, wrongKey: 0.05, lateReport: 0.05, ...options.chances };
  const ownNumber = options.ownNumber ?? '9102211824';
  const phones: PhoneState[] = options.employees.map((employee) => ({ employee, inSince: null }));
  const stats: DemoGatewayStats = {
    binds: 0,
    delivered: 0,
    resends: 0,
    wrongKey: 0,
    lateReports: 0,
    acks: 0,
    acksVerified: 0,
    acksBad: 0,
    receiptsSent: 0,
  };
  /** sha256_hex of every plaintext a phone sent: what a valid ack must carry. */
  const sentDigests = new Set<string>();
  let bound: Session | null = null;
  let nextMessageId = 0;
  let timer: NodeJS.Timeout | null = null;
  let sending = true;
  const sessions = new Set<Session>();

  const deliver = (session: Session, source: string, shortMessage: Buffer, dataCoding: number, esmClass = 0): void => {
    session.send(
      new smpp.PDU('deliver_sm', {
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: source,
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: ownNumber,
        esm_class: esmClass,
        data_coding: dataCoding,
        short_message: shortMessage,
      }),
    );
  };

  /** One phone's message, the way the phone app builds it, in the data coding a gateway might use. */
  const phoneMessage = (plaintext: string, key: string): { bytes: Buffer; dataCoding: number } => {
    sentDigests.add(createHash('sha256').update(plaintext, 'utf8').digest('hex'));
    const envelope = sealEnvelope(encryptText(plaintext, key));
    if (random() < 0.2) return { bytes: Buffer.from(envelope, 'utf16le').swap16(), dataCoding: 8 };
    return { bytes: encodeGsm0338(envelope), dataCoding: 0 };
  };

  const sendNext = (): void => {
    const session = bound;
    if (!session) return;
    const at = now();
    const phone = pickPhone(phones, at, random);
    const status = phone.inSince === null ? 'Arrival' : 'Exit';
    phone.inSince = status === 'Arrival' ? at : null;
    let reported = at;
    if (status === 'Arrival' && random() < chances.lateReport) {
      reported = at - LATE_REPORT_MS;
      stats.lateReports += 1;
    }
    let key = options.key;
    if (random() < chances.wrongKey) {
      key = STALE_KEY;
      stats.wrongKey += 1;
    }
    const { bytes, dataCoding } = phoneMessage(`${status} ${clockText(reported)}`, key);
    deliver(session, phone.employee.phone, bytes, dataCoding);
    stats.delivered += 1;
    if (random() < chances.resend) {
      // The phone did not see the ack in time and sends the very same SMS again.
      setTimeout(
        () => {
          if (bound !== session || !sending) return;
          deliver(session, phone.employee.phone, bytes, dataCoding);
          stats.delivered += 1;
          stats.resends += 1;
          if (key === STALE_KEY) stats.wrongKey += 1;
        },
        800 + random() * 1_500,
      ).unref();
    }
  };

  const schedule = (): void => {
    if (!sending) return;
    timer = setTimeout(
      () => {
        sendNext();
        schedule();
      },
      paceMin + random() * (paceMax - paceMin),
    );
    timer.unref();
  };

  const onSubmit = (session: Session, pdu: PDU): void => {
    stats.acks += 1;
    nextMessageId += 1;
    const messageId = `demo${nextMessageId.toString(16).padStart(6, '0')}`;
    session.send(pdu.response({ message_id: messageId }));
    if (ackIsValid(pdu, options.key, sentDigests)) stats.acksVerified += 1;
    else stats.acksBad += 1;
    const phoneNumber = String(pdu.destination_addr ?? '');
    setTimeout(
      () => {
        if (session.socket.destroyed) return;
        const at = new Date(now());
        const text = deliveryReceiptText({ id: messageId, stat: 'DELIVRD', submittedAt: at, doneAt: at });
        deliver(session, phoneNumber, Buffer.from(text, 'latin1'), 0, 0x04);
        stats.receiptsSent += 1;
      },
      300 + random() * 1_200,
    ).unref();
  };

  const server = smpp.createServer((session: Session) => {
    sessions.add(session);
    session.on('error', () => {}); // a socket error ends this session only; the product reconnects
    session.on('close', () => {
      sessions.delete(session);
      if (bound === session) bound = null;
    });
    session.on('bind_transceiver', (pdu: PDU) => {
      let status = 0;
      if (bound === session) status = smpp.errors.ESME_RALYBND!;
      else if (pdu.system_id !== options.systemId) status = smpp.errors.ESME_RINVSYSID!;
      else if (pdu.password !== options.password) status = smpp.errors.ESME_RINVPASWD!;
      session.send(pdu.response(status === 0 ? { system_id: 'DemoGateway' } : { command_status: status }));
      if (status !== 0) return;
      bound = session;
      stats.binds += 1;
    });
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      if (bound === session) bound = null;
      session.send(pdu.response(), () => session.close());
    });
    session.on('submit_sm', (pdu: PDU) => onSubmit(session, pdu));
    session.on('deliver_sm_resp', () => {});
  });
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  schedule();

  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    stats: () => ({ ...stats }),
    stopSending() {
      sending = false;
      if (timer) clearTimeout(timer);
    },
    async close() {
      sending = false;
      if (timer) clearTimeout(timer);
      bound = null;
      for (const session of sessions) session.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Someone who is out comes in; someone who has been in a while may leave. */
function pickPhone(phones: PhoneState[], at: number, random: () => number): PhoneState {
  const candidates = phones.filter((p) => p.inSince === null || at - p.inSince >= MIN_STAY_MS);
  const pool = candidates.length > 0 ? candidates : phones;
  return pool[Math.floor(random() * pool.length)] as PhoneState;
}

/** What the phone app does with an acknowledgement: open it with its key and look for its own hash. */
function ackIsValid(pdu: PDU, key: string, sentDigests: ReadonlySet<string>): boolean {
  const octets = Buffer.isBuffer(pdu.short_message) ? pdu.short_message : Buffer.alloc(0);
  const text = decodeGsm0338(octets);
  if (!text.ok) return false;
  const envelope = openEnvelope(text.text);
  if (!envelope.ok) return false;
  const opened = decryptEnvelopeBody(envelope.body, key);
  if (!opened.ok || !opened.plaintext.endsWith(ACK_SUFFIX)) return false;
  return sentDigests.has(opened.plaintext.slice(0, -ACK_SUFFIX.length));
}

/** `HH:MM` in local time, as the phone app writes it. */
function clockText(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
