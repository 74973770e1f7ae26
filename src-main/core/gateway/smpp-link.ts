/**
 * One TCP connection to the gateway: connect (with a timeout), send, and match responses to
 * requests (each with its own timeout). No policy: what to answer, when to bind, when to give
 * up and reconnect is the GatewaySession's business. Every timer this link starts is tracked
 * and cleared when the socket closes, so a closed link holds nothing that keeps the process alive.
 */
import smpp from 'smpp';
import type { PDU } from 'smpp';
import { FramedSession } from './framed-session.js';
import type { BadPdu, UnframeablePdu } from './framed-session.js';
import { LinkLostError, TimeoutError } from './gateway-errors.js';
import { smppStatusName } from './smpp-status.js';
import type { LinkReason } from '../model.js';

export interface SmppLinkHandlers {
  onConnect(): void;
  /** A request from the gateway (deliver_sm, enquire_link, unbind, …). */
  onRequest(pdu: PDU): void;
  /** A response no pending request was waiting for (late, or never asked). */
  onStrayResponse(pdu: PDU): void;
  onBadPdu(bad: BadPdu): void;
  onUnframeable(info: UnframeablePdu): void;
  /** Exactly once, after the socket has closed and every pending request was rejected. */
  onClose(reason: LinkReason): void;
  onListenerError(error: unknown): void;
}

export interface SmppLinkOptions {
  host: string;
  port: number;
  connectTimeoutMs: number;
  handlers: SmppLinkHandlers;
}

interface Pending {
  command: string;
  resolve: (pdu: PDU) => void;
  reject: (error: Error) => void;
}

/** After a graceful close (FIN sent), how long to wait for the peer before destroying the socket. */
const CLOSE_GRACE_MS = 1_000;

export class SmppLink {
  private readonly session: FramedSession;
  private readonly pending = new Map<number, Pending>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closedPromise: Promise<void>;
  private resolveClosed: () => void = () => {};
  private connected = false;
  private ending = false;
  private finished = false;
  private corked = false;
  private reason: LinkReason | null = null;

  constructor(private readonly opts: SmppLinkOptions) {
    this.closedPromise = new Promise((resolve) => (this.resolveClosed = resolve));
    const session = new FramedSession({ host: opts.host, port: opts.port });
    this.session = session;
    const handlers = opts.handlers;
    const connectTimer = this.after(opts.connectTimeoutMs, () => {
      if (!this.connected) this.destroy({ code: 'connect-timeout', params: { seconds: opts.connectTimeoutMs / 1000 } });
    });
    session.onListenerError = (error) => handlers.onListenerError(error);
    session.on('connect', () => {
      this.connected = true;
      this.clear(connectTimer);
      session.socket.setNoDelay(true);
      this.guard(() => handlers.onConnect());
    });
    session.on('error', (error: NodeJS.ErrnoException) => {
      this.reason ??= describeSocketError(error, this.connected);
    });
    session.on('close', () => this.finish());
    session.on('pdu', (pdu: PDU) => this.onPdu(pdu));
    session.on('bad_pdu', (bad: BadPdu) => this.guard(() => handlers.onBadPdu(bad)));
    session.on('unframeable', (info: UnframeablePdu) => this.guard(() => handlers.onUnframeable(info)));
  }

  /** Connected, not closing, and the socket takes writes. */
  get isOpen(): boolean {
    return this.connected && !this.ending && !this.finished && this.session.socket.writable;
  }

  /**
   * Sends a request and resolves with its response (which may carry a non-zero status, or be a
   * generic_nack). Rejects with TimeoutError after `timeoutMs`, LinkLostError if the link closes
   * first, or the encoding error if smpp cannot build the PDU.
   */
  request(command: string, fields: Record<string, unknown>, timeoutMs: number): Promise<PDU> {
    if (!this.isOpen) return Promise.reject(new LinkLostError(command, this.reason ?? { code: 'not-connected' }));
    let pdu: PDU;
    try {
      pdu = new smpp.PDU(command, fields);
      this.corkThisTick();
      if (!this.session.send(pdu))
        return Promise.reject(new LinkLostError(command, this.reason ?? { code: 'not-connected' }));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.awaitResponse(command, pdu.sequence_number, timeoutMs);
  }

  /**
   * Like `request`, for a PDU this program encodes itself (pdu-encoder.ts): `encode` gets the next
   * sequence number, taken from the same counter smpp numbers its requests with.
   */
  requestEncoded(command: string, encode: (sequence: number) => Buffer, timeoutMs: number): Promise<PDU> {
    if (!this.isOpen || !this.session.socket.writable)
      return Promise.reject(new LinkLostError(command, this.reason ?? { code: 'not-connected' }));
    const session = this.session;
    let sequence: number;
    try {
      if (session.sequence === 0x7fffffff) session.sequence = 0; // as smpp wraps it
      sequence = ++session.sequence;
      const octets = encode(sequence);
      this.corkThisTick();
      session.socket.write(octets);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.awaitResponse(command, sequence, timeoutMs);
  }

  private awaitResponse(command: string, sequence: number, timeoutMs: number): Promise<PDU> {
    return new Promise<PDU>((resolve, reject) => {
      const timer = this.after(timeoutMs, () => {
        this.pending.delete(sequence);
        reject(new TimeoutError(command, timeoutMs));
      });
      this.pending.set(sequence, {
        command,
        resolve: (response) => {
          this.clear(timer);
          resolve(response);
        },
        reject: (error) => {
          this.clear(timer);
          reject(error);
        },
      });
    });
  }

  /** Sends a response (or anything that expects none). False if the link is not writable. */
  send(pdu: PDU): boolean {
    if (this.finished || !this.session.socket.writable) return false;
    try {
      this.corkThisTick();
      return this.session.send(pdu);
    } catch (error) {
      this.opts.handlers.onListenerError(error);
      return false;
    }
  }

  /** Sends a response this program encoded itself (pdu-encoder.ts). False if the link is not writable. */
  sendEncoded(octets: Buffer): boolean {
    if (this.finished || !this.session.socket.writable) return false;
    this.corkThisTick();
    this.session.socket.write(octets); // false only asks to slow down: the octets are queued
    return true;
  }

  /** generic_nack with this sequence number and status (SMPP 3.4 §4.3). */
  sendGenericNack(sequenceNumber: number, status: number): boolean {
    return this.send(new smpp.PDU('generic_nack', { sequence_number: sequenceNumber, command_status: status }));
  }

  /** Starts a timer owned by this link: cleared when it fires, by `clear`, or when the link closes. */
  after(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.guard(fn);
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  clear(timer: NodeJS.Timeout): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /**
   * Graceful close: flush what was written, send FIN, and destroy the socket if the peer has
   * not closed within a second. Resolves once the socket has closed.
   */
  close(reason: LinkReason): Promise<void> {
    this.reason ??= reason;
    if (!this.finished && !this.ending) {
      this.ending = true;
      const socket = this.session.socket;
      if (socket.destroyed || !this.connected) {
        socket.destroy();
      } else {
        socket.end();
        this.after(CLOSE_GRACE_MS, () => socket.destroy());
      }
    }
    return this.closedPromise;
  }

  /** Immediate close: unsent writes are dropped. Resolves once the socket has closed. */
  destroy(reason: LinkReason): Promise<void> {
    this.reason ??= reason;
    this.ending = true;
    this.session.socket.destroy();
    return this.closedPromise;
  }

  /**
   * Holds this tick's writes and sends them together when it ends: a group commit answers a whole
   * window of deliver_sm at once and the ack sender submits a window of acks at once; one writev
   * instead of a syscall per PDU, which under load was a large share of serve's time (README, benchmarks).
   */
  private corkThisTick(): void {
    if (this.corked) return;
    const socket = this.session.socket;
    this.corked = true;
    socket.cork();
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  private onPdu(pdu: PDU): void {
    if (!pdu.isResponse()) {
      this.guard(() => this.opts.handlers.onRequest(pdu));
      return;
    }
    const waiting = this.pending.get(pdu.sequence_number);
    if (waiting) {
      this.pending.delete(pdu.sequence_number);
      waiting.resolve(pdu);
    } else {
      this.guard(() => this.opts.handlers.onStrayResponse(pdu));
    }
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const reason = (this.reason ??= this.connected ? { code: 'gateway-closed' } : { code: 'closed-before-connected' });
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of pending) request.reject(new LinkLostError(request.command, reason));
    this.guard(() => this.opts.handlers.onClose(reason));
    this.resolveClosed();
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      try {
        this.opts.handlers.onListenerError(error);
      } catch {
        // A failing error reporter must not take the socket's event loop down with it.
      }
    }
  }
}

/** 30000 → "30 s", 250 → "0.25 s". */
export function seconds(ms: number): string {
  return `${ms / 1000} s`;
}

/** A socket error as a reason a user can act on. */
export function describeSocketError(error: NodeJS.ErrnoException, connected: boolean): LinkReason {
  switch (error.code) {
    case 'ECONNREFUSED':
      return { code: 'connection-refused' };
    case 'ECONNRESET':
    case 'EPIPE':
      return { code: 'connection-reset' };
    case 'ETIMEDOUT':
      return connected ? { code: 'connection-timed-out' } : { code: 'connect-timed-out' };
    case 'EHOSTUNREACH':
      return { code: 'host-unreachable' };
    case 'ENETUNREACH':
      return { code: 'network-unreachable' };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { code: 'host-not-found', params: { detail: error.message } };
    default:
      return { code: 'socket-error', params: { detail: error.message } };
  }
}

/** For log lines: `submit_sm_resp ESME_RTHROTTLED`. */
export function describePdu(pdu: PDU): string {
  return pdu.command_status ? `${pdu.command} ${smppStatusName(pdu.command_status)}` : pdu.command;
}
