/**
 * The ESME side of the SMPP link to the office phone's gateway app: bind as transceiver, keep
 * the link alive, answer what the gateway sends, submit acknowledgements, and reconnect with
 * backoff through whatever happens to Wi-Fi and the phone — until `stop()`.
 *
 * States (`ConnectionState`): `disconnected` → `connecting {attempt}` → `bound {since}`; any
 * failure while running → `retrying {attempt, inMs, reason, at}` → `connecting` again, each time
 * on a new TCP connection and a new smpp Session. `attempt` in `retrying` counts consecutive
 * failures since the last successful bind (1 = first retry, and the backoff step); in
 * `connecting` it is that count + 1. A bind refused with ESME_RINVPASWD or ESME_RINVSYSID ends in
 * `refused {status, code}` with no more retries: only the user can fix the credentials.
 *
 * Answers: enquire_link → enquire_link_resp; unbind → unbind_resp, close, reconnect;
 * deliver_sm / data_sm → `onDeliver`, then the `_resp` with the status it settled to
 * (ESME_RX_T_APPN, "temporary application error, retry later", when it throws or rejects, so
 * the gateway keeps the message and delivers it again); unknown command ids → generic_nack
 * ESME_RINVCMDID; bodies that do not fit their length → generic_nack ESME_RINVCMDLEN (and the
 * next PDU is read normally); other requests an SMSC should not send → generic_nack
 * ESME_RINVCMDID. A command_length that cannot be true → generic_nack if the header was whole,
 * then reconnect (the byte stream cannot be re-synchronised).
 *
 * Nothing thrown by a listener or by `onDeliver` escapes into the socket's event loop: it is logged.
 */
import type { PDU } from 'smpp';
import { encodeMessageResp, encodeSubmitSm, type SubmitSmFields } from './pdu-encoder.js';
import type { ConnectionState, LinkReason } from '../model.js';
import { describeReason } from '../describe.js';
import { backoffDelay } from './backoff.js';
import type { BadPdu, UnframeablePdu } from './framed-session.js';
import { LinkLostError, NotBoundError, TimeoutError } from './gateway-errors.js';
import { toInboundPdu } from './inbound-pdu.js';
import type { InboundPdu } from './inbound-pdu.js';
import { installRawMessageFields } from './raw-message-fields.js';
import { describePdu, seconds, SmppLink } from './smpp-link.js';
import { SMPP_STATUS, smppStatusName } from './smpp-status.js';
import { SETTINGS_DEFAULTS } from '../settings/settings-defaults.js';
import { errorText } from '../text/error-text.js';

export type { InboundPdu } from './inbound-pdu.js';

export interface SubmitRequest {
  source: string;
  destination: string;
  shortMessage: Buffer;
  dataCoding: number;
  registeredDelivery: number;
  /** TON/NPI of both addresses; default 1 / 1 (international, ISDN), as the protocol requires. */
  sourceTon?: number;
  sourceNpi?: number;
  destTon?: number;
  destNpi?: number;
}

export type SubmitResult = { ok: true; messageId: string } | { ok: false; status: number; statusName: string };

export type GatewayLogLevel = 'info' | 'warn' | 'error';

export interface GatewaySessionOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** Default 30000. An enquire_link goes out this long after the previous answer; no answer within as long again → dead link, reconnect. */
  enquireLinkMs?: number;
  /** Default 10000: connect, bind_transceiver_resp and submit_sm_resp must arrive within this. */
  responseTimeoutMs?: number;
  /** Reconnect delays (see backoff.ts); defaults 1 s … 60 s. */
  backoff?: { initialMs?: number; maxMs?: number };
  random?: () => number;
  now?: () => number;
  /**
   * Called for every deliver_sm / data_sm that parsed. Its `_resp` is sent with the status this
   * resolves to, only after it settles (ESME_RX_T_APPN if it throws or rejects). Calls overlap
   * when the gateway has several deliver_sm outstanding; the responses go out as each settles.
   */
  onDeliver: (pdu: InboundPdu) => Promise<number> | number;
  log?: (level: GatewayLogLevel, message: string, fields?: Record<string, unknown>) => void;
}

export interface GatewaySessionEvents {
  state: ConnectionState;
  bound: { since: number };
  /** A bound link ended (dropped, unbound by either side, dead, or stopped). */
  unbound: { reason: LinkReason };
}

/** SMPP 3.4 interface_version for bind: 0x34 (smpp would send 0x50, i.e. SMPP 5.0). */
const INTERFACE_VERSION_3_4 = 0x34;
/** How long stop() waits for unbind_resp. */
const UNBIND_WAIT_MS = 2_000;
/** short_message holds at most 254 octets (one length octet, SMPP 3.4 §5.2.21); longer goes in message_payload. */
const SHORT_MESSAGE_MAX = 254;

export class GatewaySession {
  private readonly opts: Required<Omit<GatewaySessionOptions, 'backoff' | 'systemType'>> & {
    backoff: { initialMs?: number; maxMs?: number };
    systemType: string;
  };
  private readonly listeners: { [E in keyof GatewaySessionEvents]: Set<(value: GatewaySessionEvents[E]) => void> } = {
    state: new Set(),
    bound: new Set(),
    unbound: new Set(),
  };
  private current: ConnectionState = { kind: 'disconnected' };
  private running = false;
  private stopping: Promise<void> | null = null;
  /** Consecutive connection failures since the last successful bind. */
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private link: SmppLink | null = null;
  private linkBound = false;

  constructor(opts: GatewaySessionOptions) {
    installRawMessageFields();
    this.opts = {
      enquireLinkMs: SETTINGS_DEFAULTS.enquireLinkSeconds * 1000,
      responseTimeoutMs: 10_000,
      random: Math.random,
      now: Date.now,
      log: () => {},
      ...opts,
      systemType: opts.systemType ?? '',
      backoff: opts.backoff ?? {},
    };
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** Subscribe to `state`, `bound` or `unbound`; returns the unsubscribe function. */
  on<E extends keyof GatewaySessionEvents>(event: E, listener: (value: GatewaySessionEvents[E]) => void): () => void {
    const set = this.listeners[event] as Set<(value: GatewaySessionEvents[E]) => void>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Begin connecting; keeps the link up until stop(). No-op while already running. Restarts after stop() or a refusal. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.failures = 0;
    this.connect();
  }

  /**
   * Unbind (waiting at most 2 s for unbind_resp) if bound, close the connection, cancel any
   * retry, clear every timer; ends `disconnected`. Never rejects. Pending submits reject with
   * LinkLostError.
   */
  stop(): Promise<void> {
    this.stopping ??= this.unbindAndClose().finally(() => {
      this.stopping = null;
    });
    return this.stopping;
  }

  /**
   * Sends one submit_sm. Resolves with the gateway's verdict (ok with its message id, or the
   * refusal status); rejects with NotBoundError when not bound, TimeoutError when no
   * submit_sm_resp arrives within `responseTimeoutMs`, LinkLostError when the link closes first.
   */
  async submit(req: SubmitRequest): Promise<SubmitResult> {
    const link = this.link;
    if (!link || !this.linkBound || this.stopping || !this.running) {
      throw new NotBoundError(
        `cannot submit to ${req.destination}: the session is ${this.stopping ? 'stopping' : this.current.kind}`,
      );
    }
    const long = req.shortMessage.length > SHORT_MESSAGE_MAX;
    const fields: SubmitSmFields = {
      sourceTon: req.sourceTon ?? 1,
      sourceNpi: req.sourceNpi ?? 1,
      source: req.source,
      destTon: req.destTon ?? 1,
      destNpi: req.destNpi ?? 1,
      destination: req.destination,
      registeredDelivery: req.registeredDelivery,
      dataCoding: req.dataCoding,
      shortMessage: long ? Buffer.alloc(0) : req.shortMessage,
      ...(long ? { messagePayload: req.shortMessage } : {}),
    };
    const response = await link.requestEncoded(
      'submit_sm',
      (sequence) => encodeSubmitSm(sequence, fields),
      this.opts.responseTimeoutMs,
    );
    if (response.command === 'submit_sm_resp' && response.command_status === SMPP_STATUS.ESME_ROK) {
      return { ok: true, messageId: typeof response.message_id === 'string' ? response.message_id : '' };
    }
    // A generic_nack with status 0 says nothing useful; call it what it is, an unknown error.
    const status = response.command_status || SMPP_STATUS.ESME_RUNKNOWNERR;
    return { ok: false, status, statusName: smppStatusName(status) };
  }

  // ── connection lifecycle ────────────────────────────────────────────────────────────────

  private connect(): void {
    this.retryTimer = null;
    if (!this.running) return;
    const attempt = this.failures + 1;
    this.setState({ kind: 'connecting', attempt });
    this.log('info', `connecting to ${this.opts.host}:${this.opts.port} (attempt ${attempt})`);
    let link: SmppLink;
    try {
      link = new SmppLink({
        host: this.opts.host,
        port: this.opts.port,
        connectTimeoutMs: this.opts.responseTimeoutMs,
        handlers: {
          onConnect: () => this.background(this.bind(link), 'binding'),
          onRequest: (pdu) => this.onRequest(link, pdu),
          onStrayResponse: (pdu) =>
            this.log(
              'warn',
              `ignored ${describePdu(pdu)} (sequence ${pdu.sequence_number}): no request was waiting for it`,
            ),
          onBadPdu: (bad) => this.onBadPdu(link, bad),
          onUnframeable: (info) => this.onUnframeable(link, info),
          onClose: (reason) => this.onLinkClosed(link, reason),
          onListenerError: (error) =>
            this.log('error', `internal error while handling the gateway's data: ${errorText(error)}`),
        },
      });
    } catch (error) {
      // net.connect throws synchronously on an impossible address (e.g. port 70000).
      this.scheduleRetry({ code: 'cannot-connect', params: { detail: errorText(error) } });
      return;
    }
    this.link = link;
  }

  private async bind(link: SmppLink): Promise<void> {
    let response: PDU;
    try {
      response = await link.request(
        'bind_transceiver',
        {
          system_id: this.opts.systemId,
          password: this.opts.password,
          system_type: this.opts.systemType,
          interface_version: INTERFACE_VERSION_3_4,
        },
        this.opts.responseTimeoutMs,
      );
    } catch (error) {
      if (error instanceof TimeoutError)
        void link.destroy({
          code: 'no-response',
          params: { command: 'bind_transceiver', seconds: error.timeoutMs / 1000 },
        });
      else if (!(error instanceof LinkLostError))
        void link.destroy({ code: 'bind-send-failed', params: { detail: errorText(error) } });
      return;
    }
    if (link !== this.link || !this.running) return; // stop() is closing it
    const status = response.command_status;
    if (response.command === 'bind_transceiver_resp' && status === SMPP_STATUS.ESME_ROK) {
      this.failures = 0;
      this.linkBound = true;
      const since = this.opts.now();
      this.log('info', `bound to ${this.opts.host}:${this.opts.port} as ${this.opts.systemId}`);
      this.setState({ kind: 'bound', since });
      this.emit('bound', { since });
      this.scheduleEnquireLink(link);
      return;
    }
    const name = smppStatusName(status);
    if (status === SMPP_STATUS.ESME_RINVPASWD || status === SMPP_STATUS.ESME_RINVSYSID) {
      this.running = false;
      this.log('error', `the gateway refused the bind: ${name}; not retrying until the settings change`);
      this.setState({ kind: 'refused', status: name, code: status });
      void link.destroy({ code: 'bind-refused', params: { status: name } });
      return;
    }
    void link.destroy(
      response.command === 'generic_nack'
        ? { code: 'bind-nacked', params: { status: name } }
        : { code: 'bind-refused', params: { status: name } },
    );
  }

  private onLinkClosed(link: SmppLink, reason: LinkReason): void {
    if (link !== this.link) return;
    this.link = null;
    if (this.linkBound) {
      this.linkBound = false;
      this.emit('unbound', { reason });
    }
    if (!this.running) return; // stop() or a refusal sets the final state
    this.scheduleRetry(reason);
  }

  private scheduleRetry(reason: LinkReason): void {
    this.failures += 1;
    const inMs = backoffDelay(this.failures, this.opts.random, this.opts.backoff);
    this.log(
      'warn',
      `link to ${this.opts.host}:${this.opts.port} down: ${describeReason(reason)}; retrying in ${seconds(inMs)}`,
      {
        attempt: this.failures,
      },
    );
    this.setState({ kind: 'retrying', attempt: this.failures, inMs, reason, at: this.opts.now() });
    this.retryTimer = setTimeout(() => this.connect(), inMs);
  }

  private async unbindAndClose(): Promise<void> {
    this.running = false;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    const link = this.link;
    if (link) {
      if (this.linkBound && link.isOpen) {
        try {
          await link.request('unbind', {}, UNBIND_WAIT_MS);
        } catch (error) {
          this.log('warn', `closing without unbind_resp: ${errorText(error)}`);
        }
      }
      await link.close({ code: 'stopped' });
    }
    // start() may have been called while we waited; then its state stands.
    if (!this.running) this.setState({ kind: 'disconnected' });
  }

  // ── keep-alive ──────────────────────────────────────────────────────────────────────────

  private scheduleEnquireLink(link: SmppLink): void {
    link.after(this.opts.enquireLinkMs, () => this.background(this.enquireLink(link), 'keep-alive'));
  }

  private async enquireLink(link: SmppLink): Promise<void> {
    if (link !== this.link || !this.linkBound || this.stopping) return;
    try {
      await link.request('enquire_link', {}, this.opts.enquireLinkMs);
    } catch (error) {
      if (error instanceof TimeoutError)
        void link.destroy({
          code: 'no-response',
          params: { command: 'enquire_link', seconds: error.timeoutMs / 1000 },
        });
      return; // LinkLostError: the close handler already reconnects
    }
    this.scheduleEnquireLink(link);
  }

  // ── what the gateway sends ──────────────────────────────────────────────────────────────

  private onRequest(link: SmppLink, pdu: PDU): void {
    switch (pdu.command) {
      case 'enquire_link':
        link.send(pdu.response());
        return;
      case 'unbind':
        this.log('info', 'the gateway sent unbind');
        link.send(pdu.response());
        void link.close({ code: 'gateway-unbound' });
        return;
      case 'deliver_sm':
      case 'data_sm':
        this.background(this.deliver(link, pdu), pdu.command);
        return;
      case 'alert_notification':
        // SMPP defines no response to alert_notification.
        this.log('info', 'ignored alert_notification from the gateway');
        return;
      default:
        this.log(
          'warn',
          `the gateway sent ${pdu.command}, which an SMSC does not send to an ESME; answered generic_nack ESME_RINVCMDID`,
        );
        link.sendGenericNack(pdu.sequence_number, SMPP_STATUS.ESME_RINVCMDID);
    }
  }

  private async deliver(link: SmppLink, pdu: PDU): Promise<void> {
    let inbound: InboundPdu;
    try {
      inbound = toInboundPdu(pdu);
    } catch (error) {
      this.log('error', `cannot hand ${pdu.command} ${pdu.sequence_number} over: ${errorText(error)}`);
      link.send(pdu.response({ command_status: SMPP_STATUS.ESME_RSYSERR }));
      return;
    }
    let status: number;
    try {
      const result = await this.opts.onDeliver(inbound);
      if (Number.isInteger(result) && result >= 0 && result <= 0xffffffff) {
        status = result;
      } else {
        this.log('error', `onDeliver resolved to ${String(result)}, not a command_status; answering ESME_RX_T_APPN`);
        status = SMPP_STATUS.ESME_RX_T_APPN;
      }
    } catch (error) {
      this.log(
        'error',
        `handling ${pdu.command} from ${inbound.source} failed: ${errorText(error)}; answering ESME_RX_T_APPN so the gateway retries`,
      );
      status = SMPP_STATUS.ESME_RX_T_APPN;
    }
    if (!link.sendEncoded(encodeMessageResp(pdu.command_id, pdu.sequence_number, status))) {
      this.log(
        'warn',
        `${pdu.command} ${pdu.sequence_number} from ${inbound.source} was handled, but the link closed before its ${pdu.command}_resp; the gateway will deliver it again`,
      );
    }
  }

  private onBadPdu(link: SmppLink, bad: BadPdu): void {
    const id = `0x${bad.commandId.toString(16).padStart(8, '0')}`;
    if (bad.kind === 'unknown-command') {
      this.log(
        'warn',
        `the gateway sent unknown command_id ${id} (sequence ${bad.sequenceNumber}); answered generic_nack ESME_RINVCMDID`,
      );
      link.sendGenericNack(bad.sequenceNumber, SMPP_STATUS.ESME_RINVCMDID);
      return;
    }
    if (bad.commandId & 0x80000000) {
      // Never answer a response with a response; a request waiting for it will time out.
      this.log('warn', `ignored a malformed ${bad.command} (sequence ${bad.sequenceNumber}): ${bad.reason}`);
      return;
    }
    this.log(
      'warn',
      `the gateway sent a malformed ${bad.command} (sequence ${bad.sequenceNumber}): ${bad.reason}; answered generic_nack ESME_RINVCMDLEN`,
    );
    link.sendGenericNack(bad.sequenceNumber, SMPP_STATUS.ESME_RINVCMDLEN);
  }

  private onUnframeable(link: SmppLink, info: UnframeablePdu): void {
    if (info.sequenceNumber !== null) link.sendGenericNack(info.sequenceNumber, SMPP_STATUS.ESME_RINVCMDLEN);
    const reason: LinkReason = { code: 'impossible-command-length', params: { length: info.commandLength } };
    this.log('error', `${describeReason(reason)}; the stream cannot be re-synchronised, reconnecting`);
    void link.close(reason);
  }

  // ── plumbing ────────────────────────────────────────────────────────────────────────────

  /** Runs a handler's async tail; whatever it throws is logged, never left as an unhandled rejection. */
  private background(task: Promise<void>, what: string): void {
    task.catch((error: unknown) => this.log('error', `internal error in ${what}: ${errorText(error)}`));
  }

  private setState(state: ConnectionState): void {
    this.current = state;
    this.emit('state', state);
  }

  private emit<E extends keyof GatewaySessionEvents>(event: E, value: GatewaySessionEvents[E]): void {
    for (const listener of [...this.listeners[event]] as ((value: GatewaySessionEvents[E]) => void)[]) {
      try {
        listener(value);
      } catch (error) {
        this.log('error', `a '${event}' listener threw: ${errorText(error)}`);
      }
    }
  }

  private log(level: GatewayLogLevel, message: string, fields?: Record<string, unknown>): void {
    try {
      this.opts.log(level, message, fields);
    } catch {
      // The logger is the last resort; if it fails there is nowhere left to report to.
    }
  }
}
