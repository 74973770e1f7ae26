/**
 * A raw SMSC on 127.0.0.1 that plays an Android SMPP gateway under faults, for the reliability
 * tests and the benchmarks. Built on smpp-wire.ts (no `smpp` package) so that it can break the
 * protocol on purpose and stream thousands of deliver_sm without per-PDU object overhead.
 *
 * What it does like a real gateway:
 * - accepts bind_transceiver (checks system_id and password; a later bind supersedes an earlier
 *   connection, whose socket is closed);
 * - streams queued messages as deliver_sm while bound, at most `window` unanswered at once;
 * - keeps every deliver_sm that got no deliver_sm_resp, and after the connection goes (for any
 *   reason) REDELIVERS it on the next bind, first in line and with a new sequence number;
 *   a deliver_sm_resp with an error status means "try again later": redelivered after `retryDelayMs`;
 * - answers enquire_link, unbind (then closes), submit_sm (message ids `m1`, `m2`, ...), and may send
 *   a delivery receipt for each accepted submit_sm.
 *
 * What it injects on request:
 * - refuse the next N binds with a status (`ESME_RALYBND`, `ESME_RBINDFAIL`, ...);
 * - answer submit_sm with ESME_ROK, ESME_RTHROTTLED or not at all;
 * - drop the TCP connection now, optionally after writing only part of a deliver_sm;
 * - go silent: read and answer nothing, send nothing, keep the socket open (a phone gone from Wi-Fi);
 * - write arbitrary octets and wait for the response to a given sequence number.
 *
 * And it records: bind attempts with their times (to check backoff), deliver_sm_resp statuses per
 * message, submit_sm per (destination, text), unbinds, and when a silent connection was closed
 * by the peer.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import {
  CMD,
  PduReader,
  RESPONSE_BIT,
  STATUS,
  bindTransceiverResp,
  commandName,
  deliverSm,
  enquireLinkResp,
  genericNack,
  messageOctets,
  parseBindBody,
  parseShortMessageBody,
  submitSmResp,
  tlvs,
  unbindResp,
  type Pdu,
  type ShortMessageFields,
} from './smpp-wire.js';

export interface FaultSmscOptions {
  systemId: string;
  password: string;
  /** Unanswered deliver_sm allowed at once. Default 10. */
  window?: number;
  /** Delay before redelivering a message answered with an error status. Default 200 ms. */
  retryDelayMs?: number;
  /** Send a delivery receipt (esm_class 0x04) for each accepted submit_sm. Default false. */
  receipts?: boolean;
}

export type SubmitPolicy = 'ok' | 'throttled' | 'silent';

/** A message waiting for, or in, delivery. `key` is the test's name for it. */
interface Item {
  key: string;
  fields: ShortMessageFields;
  sends: number;
  /** For receipts: excluded from the per-key acceptance statistics. */
  receipt: boolean;
}

export interface BindAttempt {
  at: number;
  systemId: string;
  /** The status we answered. */
  status: number;
  connection: number;
}

export interface SubmitRecord {
  at: number;
  source: string;
  destination: string;
  /** The message octets (short_message, or message_payload when present). */
  octets: Buffer;
  dataCoding: number;
  registeredDelivery: number;
  sourceTon: number;
  sourceNpi: number;
  destTon: number;
  destNpi: number;
  /** The message id we answered with, or null when we answered with an error or not at all. */
  messageId: string | null;
  answered: 'ok' | 'throttled' | 'silent';
}

/** A PDU received from the ESME, with its connection. */
export interface ReceivedPdu extends Pdu {
  at: number;
  connection: number;
}

interface Connection {
  id: number;
  socket: Socket;
  reader: PduReader;
  bound: boolean;
  silent: boolean;
  /** sequence → item, for deliver_sm not answered yet. */
  outstanding: Map<number, Item>;
  openedAt: number;
  closedAt: number | null;
}

export interface FaultSmscEvents {
  deliverResp: [key: string, status: number];
  submit: [record: SubmitRecord];
  bind: [attempt: BindAttempt];
  pdu: [pdu: ReceivedPdu];
  close: [connection: number];
}

const RECEIVED_LOG_LIMIT = 5_000;

export class FaultSmsc extends EventEmitter<FaultSmscEvents> {
  readonly bindAttempts: BindAttempt[] = [];
  readonly submits: SubmitRecord[] = [];
  /** key → number of deliver_sm_resp with ESME_ROK (more than 1 means the SMSC delivered a key twice and both were accepted). */
  readonly accepted = new Map<string, number>();
  /** command_status → how many deliver_sm_resp carried it. */
  readonly deliverRespStatuses = new Map<number, number>();
  /** The last RECEIVED_LOG_LIMIT PDUs from the ESME. */
  readonly received: ReceivedPdu[] = [];
  /** command name → count, over the whole run. */
  readonly receivedCounts = new Map<string, number>();
  /** For each connection that went silent and was then closed by the peer: how long the peer took to notice. */
  readonly silenceDetectedAfterMs: number[] = [];
  unbinds = 0;
  deliverSmSent = 0;
  redeliveries = 0;
  connections = 0;
  /** Octets received that did not frame (the ESME sent garbage); should stay empty. */
  readonly framingErrors: string[] = [];

  /** Called with each submit_sm before it is answered: lets a test inject a fault exactly between the ack's send and its response. */
  beforeSubmitAnswer: ((record: SubmitRecord) => void) | null = null;

  private readonly server: Server;
  private readonly sockets = new Set<Connection>();
  private active: Connection | null = null;
  private readonly queue: Item[] = [];
  private sequence = 0;
  private submitSeq = 0;
  private refuse: { count: number; status: number } = { count: 0, status: STATUS.ESME_RBINDFAIL };
  private submitPolicy: SubmitPolicy = 'ok';
  private window: number;
  private readonly retryDelayMs: number;
  private receipts: boolean;
  private readonly timers = new Set<NodeJS.Timeout>();
  private silentSince = new Map<number, number>();
  private closed = false;

  private constructor(
    private readonly options: FaultSmscOptions,
    server: Server,
  ) {
    super();
    this.server = server;
    this.window = Math.max(1, options.window ?? 10);
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.receipts = options.receipts ?? false;
    server.on('connection', (socket) => this.accept(socket));
  }

  static async start(options: FaultSmscOptions): Promise<FaultSmsc> {
    const server = createServer();
    const smsc = new FaultSmsc(options, server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return smsc;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('fault SMSC is not listening');
    return address.port;
  }

  // ------------------------------------------------------------------------------- configuration

  /** The next `count` binds are answered with `status` (default ESME_RBINDFAIL). */
  refuseBinds(count: number, status: number = STATUS.ESME_RBINDFAIL): void {
    this.refuse = { count, status };
  }

  setSubmitPolicy(policy: SubmitPolicy): void {
    this.submitPolicy = policy;
  }

  setWindow(window: number): void {
    this.window = Math.max(1, window);
    this.pump();
  }

  setReceipts(on: boolean): void {
    this.receipts = on;
  }

  // ------------------------------------------------------------------------------------ traffic

  /** Queues messages; they are delivered, in order, whenever a session is bound and the window allows. */
  enqueue(...messages: { key: string; fields: ShortMessageFields }[]): void {
    for (const m of messages) this.queue.push({ key: m.key, fields: m.fields, sends: 0, receipt: false });
    this.pump();
  }

  /** Messages not yet answered with ESME_ROK: queued, or sent and waiting for a response. */
  get undelivered(): number {
    let outstanding = 0;
    for (const c of this.sockets) outstanding += c.outstanding.size;
    return this.queue.length + outstanding + this.timers.size;
  }

  /** deliver_sm sent on a connection and not answered yet (the queue and retry timers not counted). */
  get inFlight(): number {
    let n = 0;
    for (const c of this.sockets) if (c.closedAt === null) n += c.outstanding.size;
    return n;
  }

  /** Employee messages accepted (deliver_sm_resp ESME_ROK), counting each key once. */
  get acceptedKeys(): number {
    return this.accepted.size;
  }

  /** Total deliver_sm_resp with ESME_ROK for employee messages (redeliveries of the same key included). */
  get acceptedTotal(): number {
    let n = 0;
    for (const v of this.accepted.values()) n += v;
    return n;
  }

  /** submit_sm counted per `${destination} ${text}` (text as latin1 octets). */
  submitCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const s of this.submits) {
      const k = `${s.destination} ${s.octets.toString('latin1')}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return counts;
  }

  isBound(): boolean {
    return this.active !== null && this.active.bound;
  }

  // ------------------------------------------------------------------------------------- faults

  /**
   * Closes the bound connection now. With `midPdu`, first writes only the first `fraction` (default
   * one half) of the next deliver_sm — that message then counts as sent and unanswered, so it is
   * redelivered whole after the next bind.
   */
  drop(opts: { midPdu?: boolean; fraction?: number } = {}): boolean {
    const conn = this.active;
    if (!conn) return false;
    if (opts.midPdu) {
      const item = this.queue.shift() ?? {
        key: '__partial-probe',
        fields: { source: '989100000000', destination: '9102211824', shortMessage: Buffer.from('probe') },
        sends: 0,
        receipt: true,
      };
      const seq = this.nextSequence();
      const octets = deliverSm(seq, item.fields);
      conn.outstanding.set(seq, item);
      item.sends++;
      const cut = Math.max(1, Math.min(octets.length - 1, Math.floor(octets.length * (opts.fraction ?? 0.5))));
      conn.socket.write(octets.subarray(0, cut));
    }
    conn.socket.destroy();
    this.retire(conn);
    return true;
  }

  /** The bound connection stops reading, answering and sending, but stays open. */
  goSilent(): boolean {
    const conn = this.active;
    if (!conn) return false;
    conn.silent = true;
    this.silentSince.set(conn.id, Date.now());
    return true;
  }

  /** Writes octets to the bound connection as they are. */
  sendRaw(octets: Buffer): void {
    const conn = this.active;
    if (!conn || conn.socket.destroyed) throw new Error('fault SMSC: no connection to write to');
    conn.socket.write(octets);
  }

  /** A fresh sequence number, for raw PDUs built by a test. */
  nextSequence(): number {
    this.sequence = this.sequence >= 0x7fffffff ? 1 : this.sequence + 1;
    return this.sequence;
  }

  /** Writes a raw PDU and resolves with the first response-type PDU carrying `sequence`, or null after `timeoutMs`. */
  request(octets: Buffer, sequence: number, timeoutMs = 2_000): Promise<ReceivedPdu | null> {
    return new Promise((resolve) => {
      const onPdu = (pdu: ReceivedPdu): void => {
        if (pdu.sequence !== sequence || (pdu.commandId & RESPONSE_BIT) === 0) return;
        clearTimeout(timer);
        this.off('pdu', onPdu);
        resolve(pdu);
      };
      const timer = setTimeout(() => {
        this.off('pdu', onPdu);
        resolve(null);
      }, timeoutMs);
      this.on('pdu', onPdu);
      this.sendRaw(octets);
    });
  }

  /** Polls `predicate` every 5 ms; rejects with `what` and the SMSC's counters after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; SMSC: ${this.describe()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  describe(): string {
    return `bound=${this.isBound()} connections=${this.connections} binds=${this.bindAttempts.length} queued=${this.queue.length} undelivered=${this.undelivered} acceptedKeys=${this.acceptedKeys} acceptedTotal=${this.acceptedTotal} submits=${this.submits.length} deliverSmSent=${this.deliverSmSent} redeliveries=${this.redeliveries}`;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.sockets) c.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------------------------- internals

  private accept(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const conn: Connection = {
      id: ++this.connections,
      socket,
      reader: new PduReader(),
      bound: false,
      silent: false,
      outstanding: new Map(),
      openedAt: Date.now(),
      closedAt: null,
    };
    this.sockets.add(conn);
    socket.on('data', (chunk: Buffer) => this.onData(conn, chunk));
    socket.on('error', () => {}); // ECONNRESET when the ESME is killed: the 'close' below does the work
    socket.on('close', () => {
      const since = this.silentSince.get(conn.id);
      if (since !== undefined && conn.closedAt === null) this.silenceDetectedAfterMs.push(Date.now() - since);
      this.retire(conn);
      this.sockets.delete(conn);
      this.emit('close', conn.id);
    });
  }

  /** The connection is gone (or superseded): its unanswered messages go back to the front of the queue. */
  private retire(conn: Connection): void {
    if (conn.closedAt !== null) return;
    conn.closedAt = Date.now();
    conn.bound = false;
    const back = [...conn.outstanding.values()].filter((i) => i.key !== '__partial-probe');
    conn.outstanding.clear();
    this.queue.unshift(...back);
    if (this.active === conn) this.active = null;
  }

  private onData(conn: Connection, chunk: Buffer): void {
    if (conn.silent || conn.closedAt !== null) return;
    let pdus: Pdu[];
    try {
      pdus = conn.reader.push(chunk);
    } catch (error) {
      this.framingErrors.push((error as Error).message);
      conn.socket.destroy();
      return;
    }
    for (const pdu of pdus) {
      if (conn.silent || conn.closedAt !== null) return;
      const received: ReceivedPdu = { ...pdu, at: Date.now(), connection: conn.id };
      this.received.push(received);
      if (this.received.length > RECEIVED_LOG_LIMIT) this.received.splice(0, this.received.length - RECEIVED_LOG_LIMIT);
      const name = commandName(pdu.commandId);
      this.receivedCounts.set(name, (this.receivedCounts.get(name) ?? 0) + 1);
      this.emit('pdu', received);
      this.handle(conn, pdu);
    }
    this.pump();
  }

  private handle(conn: Connection, pdu: Pdu): void {
    const write = (octets: Buffer): void => {
      if (!conn.socket.destroyed) conn.socket.write(octets);
    };
    switch (pdu.commandId) {
      case CMD.bind_transceiver:
        this.onBind(conn, pdu, write);
        return;
      case CMD.enquire_link:
        write(enquireLinkResp(pdu.sequence));
        return;
      case CMD.unbind:
        this.unbinds++;
        write(unbindResp(pdu.sequence));
        this.retire(conn);
        conn.socket.end();
        return;
      case CMD.deliver_sm_resp:
      case CMD.generic_nack:
        this.onDeliverResp(conn, pdu);
        return;
      case CMD.submit_sm:
        this.onSubmit(conn, pdu, write);
        return;
      case CMD.enquire_link_resp:
      case CMD.unbind_resp:
        return;
      default:
        if ((pdu.commandId & RESPONSE_BIT) === 0) write(genericNack(pdu.sequence, STATUS.ESME_RINVCMDID));
    }
  }

  private onBind(conn: Connection, pdu: Pdu, write: (octets: Buffer) => void): void {
    let status: number = STATUS.ESME_ROK;
    let systemId = '';
    try {
      const bind = parseBindBody(pdu.body);
      systemId = bind.systemId;
      if (this.refuse.count > 0) {
        this.refuse.count--;
        status = this.refuse.status;
      } else if (conn.bound) {
        status = STATUS.ESME_RALYBND;
      } else if (bind.systemId !== this.options.systemId || bind.password !== this.options.password) {
        status = STATUS.ESME_RINVPASWD;
      }
    } catch {
      status = STATUS.ESME_RINVCMDLEN;
    }
    const attempt: BindAttempt = { at: Date.now(), systemId, status, connection: conn.id };
    this.bindAttempts.push(attempt);
    write(bindTransceiverResp(pdu.sequence, status));
    if (status === STATUS.ESME_ROK) {
      if (this.active && this.active !== conn) {
        const old = this.active;
        old.socket.destroy();
        this.retire(old);
      }
      conn.bound = true;
      this.active = conn;
    }
    this.emit('bind', attempt);
  }

  private onDeliverResp(conn: Connection, pdu: Pdu): void {
    const item = conn.outstanding.get(pdu.sequence);
    if (!item) return;
    conn.outstanding.delete(pdu.sequence);
    this.deliverRespStatuses.set(pdu.status, (this.deliverRespStatuses.get(pdu.status) ?? 0) + 1);
    if (pdu.status === STATUS.ESME_ROK && pdu.commandId === CMD.deliver_sm_resp) {
      if (!item.receipt) this.accepted.set(item.key, (this.accepted.get(item.key) ?? 0) + 1);
    } else if (pdu.commandId === CMD.deliver_sm_resp) {
      // "Not now": keep the message and offer it again a little later, as a gateway's retry queue does.
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.queue.push(item);
        this.pump();
      }, this.retryDelayMs);
      this.timers.add(timer);
    }
    // generic_nack: the ESME could not read the PDU at all; a gateway would give up on it.
    this.emit(
      'deliverResp',
      item.key,
      pdu.commandId === CMD.generic_nack ? pdu.status || STATUS.ESME_RSYSERR : pdu.status,
    );
  }

  private onSubmit(conn: Connection, pdu: Pdu, write: (octets: Buffer) => void): void {
    let fields;
    try {
      fields = parseShortMessageBody(pdu.body);
    } catch {
      write(genericNack(pdu.sequence, STATUS.ESME_RINVCMDLEN));
      return;
    }
    const policy = this.submitPolicy;
    const messageId = policy === 'ok' ? `m${++this.submitSeq}` : null;
    const record: SubmitRecord = {
      at: Date.now(),
      source: fields.source,
      destination: fields.destination,
      octets: messageOctets(fields),
      dataCoding: fields.dataCoding,
      registeredDelivery: fields.registeredDelivery,
      sourceTon: fields.sourceTon,
      sourceNpi: fields.sourceNpi,
      destTon: fields.destTon,
      destNpi: fields.destNpi,
      messageId,
      answered: policy,
    };
    this.submits.push(record);
    this.beforeSubmitAnswer?.(record);
    if (policy === 'ok') write(submitSmResp(pdu.sequence, STATUS.ESME_ROK, messageId!));
    else if (policy === 'throttled') write(submitSmResp(pdu.sequence, STATUS.ESME_RTHROTTLED, ''));
    this.emit('submit', record);
    if (policy === 'ok' && this.receipts && fields.registeredDelivery & 1 && conn.bound) {
      this.queue.push({
        key: `receipt:${messageId}`,
        fields: deliveryReceipt(messageId!, fields.destination, fields.source),
        sends: 0,
        receipt: true,
      });
    }
  }

  /** Sends queued messages while bound, not silent, and within the window. */
  private pump(): void {
    const conn = this.active;
    if (!conn || !conn.bound || conn.silent || conn.socket.destroyed) return;
    const batch: Buffer[] = [];
    while (conn.outstanding.size < this.window && this.queue.length > 0) {
      const item = this.queue.shift()!;
      const seq = this.nextSequence();
      conn.outstanding.set(seq, item);
      if (item.sends > 0) this.redeliveries++;
      item.sends++;
      this.deliverSmSent++;
      batch.push(deliverSm(seq, item.fields));
    }
    if (batch.length > 0) conn.socket.write(batch.length === 1 ? batch[0]! : Buffer.concat(batch));
  }
}

/** A delivery receipt for message `id` as Android gateways send it: text, receipted_message_id and message_state. */
export function deliveryReceipt(id: string, from: string, to: string, stat = 'DELIVRD'): ShortMessageFields {
  const stamp = '2611250831';
  const text = `id:${id} sub:001 dlvrd:001 submit date:${stamp} done date:${stamp} stat:${stat} err:000 text:`;
  return {
    source: from,
    destination: to,
    esmClass: 0x04,
    dataCoding: 0,
    shortMessage: Buffer.from(text, 'latin1'),
    tlvs: [tlvs.receiptedMessageId(id), tlvs.messageState(stat === 'DELIVRD' ? 2 : 5)],
  };
}
