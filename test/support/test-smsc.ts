/**
 * A scriptable SMSC for integration tests, playing the office phone's Android SMPP gateway app.
 *
 * Real TCP on 127.0.0.1 (port 0 unless given), built on `smpp.createServer` with the
 * raw-message override installed, so `short_message` / `message_payload` the ESME submits are
 * seen as the exact octets on the wire.
 *
 * What it does by default, like the phone:
 * - bind_transceiver / _transmitter / _receiver: checks system_id (ESME_RINVSYSID) then password
 *   (ESME_RINVPASWD); a second bind on the same connection gets ESME_RALYBND. `refuseBinds(s)`
 *   answers every bind with `s` instead (e.g. ESME_RALYBND, ESME_RBINDFAIL) until `refuseBinds(null)`.
 * - enquire_link: answered (`respondToEnquireLinks(false)` plays a dead phone on Wi-Fi: socket
 *   open, nothing answers).
 * - submit_sm: recorded in `submits` with a message id (8 hex digits, counting up) and answered
 *   per `respondToSubmits('ok' | { status } | 'silent')`.
 * - unbind: counted in `unbinds`, answered, then the connection is closed.
 *
 * What a test drives: `deliver` / `deliverNoWait` (deliver_sm to the most recently bound ESME
 * connection), `sendReceipt`, `sendRaw` (arbitrary bytes, for malformed PDUs), `sendUnbind`,
 * `dropConnections` (TCP sockets destroyed, like Wi-Fi loss). Everything the ESME sends is in
 * `received` in arrival order (generic_nack, deliver_sm_resp, enquire_link, …).
 *
 * Sequence numbers: the SMSC's own requests count up from 1 per connection. Raw PDUs sent with
 * `sendRaw` should use numbers far from those (e.g. 0x10000 and up) so that an answer to a raw PDU
 * is never taken for the answer to a `deliver`.
 *
 * Always `close()` it in afterEach/afterAll: it destroys every connection and closes the port.
 */
import type { AddressInfo } from 'node:net';
import smpp from 'smpp';
import type { PDU, Session } from 'smpp';
import { installRawMessageFields } from '../../src-main/core/gateway/raw-message-fields.js';
import { deliveryReceiptText } from '../../src-main/core/protocol/delivery-receipt.js';

export interface ReceivedSubmit {
  source: string;
  destination: string;
  sourceTon: number;
  sourceNpi: number;
  destTon: number;
  destNpi: number;
  esmClass: number;
  dataCoding: number;
  registeredDelivery: number;
  /** Exact octets of short_message (empty when the text came in message_payload). */
  shortMessage: Buffer;
  messagePayload: Buffer | null;
  /** The id this SMSC assigned (and sent back when it answered ESME_ROK). */
  messageId: string;
  /** The command_status it was answered with; null when `respondToSubmits('silent')` was in force. */
  answeredWith: number | null;
  sequenceNumber: number;
  at: number;
}

/** One PDU the ESME sent to this SMSC. */
export interface EsmePdu {
  command: string;
  commandId: number;
  commandStatus: number;
  sequenceNumber: number;
  at: number;
  pdu: PDU;
}

export interface DeliverMessage {
  source: string;
  /** Default '9102211824', the gateway phone's own number. */
  destination?: string;
  /** Default: empty. */
  shortMessage?: Buffer;
  messagePayload?: Buffer;
  /** Default 0. */
  dataCoding?: number;
  /** Default 0. */
  esmClass?: number;
  registeredDelivery?: number;
  /** More TLVs by smpp name, e.g. `{ sar_msg_ref_num: 7, sar_total_segments: 2, sar_segment_seqnum: 1 }`. */
  tlvs?: Record<string, unknown>;
}

export interface DeliverResult {
  commandStatus: number;
  /** 'deliver_sm_resp', or 'generic_nack' if the ESME rejected the PDU itself. */
  command: string;
}

export type ReceiptStat = 'DELIVRD' | 'UNDELIV' | 'EXPIRED' | 'DELETED' | 'ACCEPTD' | 'UNKNOWN' | 'REJECTD' | 'ENROUTE';

export interface ReceiptOptions {
  smscMessageId: string;
  stat: ReceiptStat;
  /** true: receipted_message_id + message_state TLVs and an empty short_message; false (default): the classic `id:… stat:…` text. */
  viaTlv?: boolean;
  /** Default: the destination of the submit with that id (the employee's phone), else '989000000000'. */
  source?: string;
  /** Default: the source of that submit (the gateway's number), else '9102211824'. */
  destination?: string;
}

export type SubmitMode = 'ok' | { status: number } | 'silent';

export interface TestSmsc {
  readonly port: number;
  readonly host: '127.0.0.1';
  /** Successful binds so far. */
  readonly binds: number;
  /** Bind requests so far, refused ones included. */
  readonly bindRequests: number;
  /** unbind requests received from the ESME. */
  readonly unbinds: number;
  /** enquire_link requests received from the ESME (answered or not). */
  readonly enquireLinks: number;
  /** TCP connections accepted so far. */
  readonly connections: number;
  /** Connections currently open and bound. */
  boundSessions(): number;
  /** Every submit_sm received, in order. */
  readonly submits: ReceivedSubmit[];
  /** Every PDU the ESME sent, in order. */
  readonly received: EsmePdu[];
  /** The PDUs in `received` with this command name, e.g. 'generic_nack'. */
  receivedOf(command: string): EsmePdu[];
  /** Polls `predicate` every 5 ms; rejects after `timeoutMs` (default 5000) naming `label`. */
  waitFor(predicate: () => boolean, timeoutMs?: number, label?: string): Promise<void>;
  /** deliver_sm to the most recently bound connection; resolves with its answer (default wait 5000 ms). */
  deliver(msg: DeliverMessage, opts?: { timeoutMs?: number }): Promise<DeliverResult>;
  deliverNoWait(msg: DeliverMessage): void;
  /** Empties `submits` and `received` in place (long benchmark runs); counters are kept. */
  clear(): void;
  /** Writes bytes as they are to the most recently bound connection. */
  sendRaw(bytes: Buffer): void;
  /** A delivery receipt (esm_class 0x04) for a submit; resolves with the ESME's answer. */
  sendReceipt(opts: ReceiptOptions, deliverOpts?: { timeoutMs?: number }): Promise<DeliverResult>;
  /** Answer every bind with this status (non-zero) until null. */
  refuseBinds(status: number | null): void;
  respondToSubmits(mode: SubmitMode): void;
  respondToEnquireLinks(on: boolean): void;
  /**
   * enquire_link to the most recently bound connection; resolves once it is answered. A barrier:
   * whatever the ESME wrote before reading it has arrived by then.
   */
  enquireLink(opts?: { timeoutMs?: number }): Promise<void>;
  /** Destroys every TCP connection at once, without unbind (Wi-Fi loss). */
  dropConnections(): void;
  /**
   * Writes the first half of a deliver_sm for `msg` to the bound connection and, once those octets
   * have left, destroys every connection: the link dies in the middle of a PDU. Nothing is answered
   * or redelivered; the test delivers the message again, as the gateway would.
   */
  dropMidPdu(msg: DeliverMessage): Promise<void>;
  /** unbind to the most recently bound connection; resolves once unbind_resp arrived, then closes that connection. */
  sendUnbind(opts?: { timeoutMs?: number }): Promise<void>;
  close(): Promise<void>;
}

const MESSAGE_STATE: Record<ReceiptStat, number> = {
  ENROUTE: 1,
  DELIVRD: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIV: 5,
  ACCEPTD: 6,
  UNKNOWN: 7,
  REJECTD: 8,
};

const BIND_COMMANDS = ['bind_transceiver', 'bind_transmitter', 'bind_receiver'] as const;

interface Connection {
  session: Session;
  bound: boolean;
  boundAt: number;
}

export async function startTestSmsc(
  opts: { systemId?: string; password?: string; port?: number } = {},
): Promise<TestSmsc> {
  installRawMessageFields();
  const systemId = opts.systemId ?? 'office';
  const password = opts.password ?? 'secret1';
  const connections = new Set<Connection>();
  const submits: ReceivedSubmit[] = [];
  const received: EsmePdu[] = [];
  const counters = { binds: 0, bindRequests: 0, unbinds: 0, enquireLinks: 0, connections: 0, messageIds: 0 };
  let refuseWith: number | null = null;
  let submitMode: SubmitMode = 'ok';
  let answerEnquireLinks = true;

  const onSession = (session: Session): void => {
    counters.connections += 1;
    const conn: Connection = { session, bound: false, boundAt: 0 };
    connections.add(conn);
    // smpp re-emits socket errors; an unhandled 'error' would crash the test process.
    session.on('error', () => {});
    session.on('close', () => connections.delete(conn));
    session.on('pdu', (pdu: PDU) => {
      received.push({
        command: pdu.command,
        commandId: pdu.command_id,
        commandStatus: pdu.command_status,
        sequenceNumber: pdu.sequence_number,
        at: Date.now(),
        pdu,
      });
    });
    for (const command of BIND_COMMANDS) {
      session.on(command, (pdu: PDU) => {
        counters.bindRequests += 1;
        let status = 0;
        if (refuseWith !== null) status = refuseWith;
        else if (conn.bound) status = smpp.errors.ESME_RALYBND!;
        else if (pdu.system_id !== systemId) status = smpp.errors.ESME_RINVSYSID!;
        else if (pdu.password !== password) status = smpp.errors.ESME_RINVPASWD!;
        if (status === 0) {
          conn.bound = true;
          conn.boundAt = Date.now();
          counters.binds += 1;
          session.send(pdu.response({ system_id: 'TestSmsc' }));
        } else {
          session.send(pdu.response({ command_status: status }));
        }
      });
    }
    session.on('enquire_link', (pdu: PDU) => {
      counters.enquireLinks += 1;
      if (answerEnquireLinks) session.send(pdu.response());
    });
    session.on('unbind', (pdu: PDU) => {
      counters.unbinds += 1;
      conn.bound = false;
      session.send(pdu.response(), () => session.close());
    });
    session.on('submit_sm', (pdu: PDU) => {
      counters.messageIds += 1;
      const messageId = counters.messageIds.toString(16).padStart(8, '0');
      const mode = submitMode;
      const answeredWith = mode === 'silent' ? null : mode === 'ok' ? 0 : mode.status;
      submits.push({
        source: String(pdu.source_addr ?? ''),
        destination: String(pdu.destination_addr ?? ''),
        sourceTon: Number(pdu.source_addr_ton ?? 0),
        sourceNpi: Number(pdu.source_addr_npi ?? 0),
        destTon: Number(pdu.dest_addr_ton ?? 0),
        destNpi: Number(pdu.dest_addr_npi ?? 0),
        esmClass: Number(pdu.esm_class ?? 0),
        dataCoding: Number(pdu.data_coding ?? 0),
        registeredDelivery: Number(pdu.registered_delivery ?? 0),
        shortMessage: Buffer.isBuffer(pdu.short_message) ? pdu.short_message : Buffer.alloc(0),
        messagePayload: Buffer.isBuffer(pdu.message_payload) ? pdu.message_payload : null,
        messageId,
        answeredWith,
        sequenceNumber: pdu.sequence_number,
        at: Date.now(),
      });
      if (answeredWith === null) return;
      session.send(
        answeredWith === 0 ? pdu.response({ message_id: messageId }) : pdu.response({ command_status: answeredWith }),
      );
    });
  };

  const server = smpp.createServer(onSession);
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const target = (): Connection => {
    let latest: Connection | null = null;
    for (const conn of connections) {
      if (conn.bound && !conn.session.socket.destroyed && (!latest || conn.boundAt >= latest.boundAt)) latest = conn;
    }
    if (!latest) throw new Error(`test SMSC on port ${port}: no bound ESME connection`);
    return latest;
  };

  const deliverFields = (msg: DeliverMessage): Record<string, unknown> => ({
    source_addr_ton: 1,
    source_addr_npi: 1,
    source_addr: msg.source,
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: msg.destination ?? '9102211824',
    esm_class: msg.esmClass ?? 0,
    registered_delivery: msg.registeredDelivery ?? 0,
    data_coding: msg.dataCoding ?? 0,
    short_message: msg.shortMessage ?? Buffer.alloc(0),
    ...(msg.messagePayload ? { message_payload: msg.messagePayload } : {}),
    ...msg.tlvs,
  });

  const deliver = (msg: DeliverMessage, deliverOpts: { timeoutMs?: number } = {}): Promise<DeliverResult> => {
    const { session } = target();
    const timeoutMs = deliverOpts.timeoutMs ?? 5_000;
    return new Promise<DeliverResult>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`test SMSC: no answer to deliver_sm from ${msg.source} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const pdu = new smpp.PDU('deliver_sm', deliverFields(msg));
      const sent = session.send(pdu, (response) => {
        clearTimeout(timer);
        resolve({ commandStatus: response.command_status, command: response.command });
      });
      if (!sent) {
        clearTimeout(timer);
        reject(new Error('test SMSC: the ESME connection is not writable'));
      }
    });
  };

  const smsc: TestSmsc = {
    port,
    host: '127.0.0.1',
    get binds() {
      return counters.binds;
    },
    get bindRequests() {
      return counters.bindRequests;
    },
    get unbinds() {
      return counters.unbinds;
    },
    get enquireLinks() {
      return counters.enquireLinks;
    },
    get connections() {
      return counters.connections;
    },
    boundSessions: () => [...connections].filter((c) => c.bound && !c.session.socket.destroyed).length,
    submits,
    received,
    receivedOf: (command) => received.filter((p) => p.command === command),
    async waitFor(predicate, timeoutMs = 5_000, label = 'a condition') {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`test SMSC: timed out after ${timeoutMs} ms waiting for ${label}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    deliver,
    deliverNoWait(msg) {
      const { session } = target();
      session.send(new smpp.PDU('deliver_sm', deliverFields(msg)));
    },
    clear() {
      submits.length = 0;
      received.length = 0;
    },
    sendRaw(bytes) {
      target().session.socket.write(bytes);
    },
    sendReceipt(receipt, deliverOpts) {
      const submit = submits.find((s) => s.messageId === receipt.smscMessageId);
      const source = receipt.source ?? submit?.destination ?? '989000000000';
      const destination = receipt.destination ?? submit?.source ?? '9102211824';
      if (receipt.viaTlv) {
        return deliver(
          {
            source,
            destination,
            esmClass: 0x04,
            tlvs: { receipted_message_id: receipt.smscMessageId, message_state: MESSAGE_STATE[receipt.stat] },
          },
          deliverOpts,
        );
      }
      const text = deliveryReceiptText({
        id: receipt.smscMessageId,
        stat: receipt.stat,
        submittedAt: submit ? new Date(submit.at) : new Date(),
        doneAt: new Date(),
      });
      return deliver({ source, destination, esmClass: 0x04, shortMessage: Buffer.from(text, 'latin1') }, deliverOpts);
    },
    refuseBinds(status) {
      refuseWith = status === 0 ? null : status;
    },
    respondToSubmits(mode) {
      submitMode = mode;
    },
    respondToEnquireLinks(on) {
      answerEnquireLinks = on;
    },
    dropConnections() {
      for (const conn of connections) {
        conn.bound = false;
        conn.session.socket.destroy();
      }
    },
    async enquireLink(pingOpts = {}) {
      const { session } = target();
      const timeoutMs = pingOpts.timeoutMs ?? 5_000;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`test SMSC: no enquire_link_resp within ${timeoutMs} ms`)),
          timeoutMs,
        );
        session.send(new smpp.PDU('enquire_link', {}), () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async dropMidPdu(msg) {
      const octets = new smpp.PDU('deliver_sm', { ...deliverFields(msg), sequence_number: 0x7ffffff0 }).toBuffer();
      const socket = target().session.socket;
      await new Promise<void>((resolve, reject) =>
        socket.write(octets.subarray(0, Math.floor(octets.length / 2)), (error) => (error ? reject(error) : resolve())),
      );
      smsc.dropConnections();
    },
    async sendUnbind(unbindOpts = {}) {
      const conn = target();
      const timeoutMs = unbindOpts.timeoutMs ?? 5_000;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`test SMSC: no unbind_resp within ${timeoutMs} ms`)),
          timeoutMs,
        );
        conn.session.send(new smpp.PDU('unbind', {}), () => {
          clearTimeout(timer);
          resolve();
        });
      });
      conn.bound = false;
      conn.session.close();
    },
    async close() {
      for (const conn of connections) conn.session.socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return smsc;
}
