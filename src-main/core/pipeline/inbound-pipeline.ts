/**
 * One deliver_sm in, one verdict stored, one SMPP status out.
 *
 * The gateway delivers at least once; the database must hold each event exactly once. So this
 * pipeline answers `ESME_ROK` only after the message row, the event row and the ack row have
 * committed together (`AttendanceStore.recordMessage` is one savepoint of a group commit, see
 * store/group-commit.ts), and answers a temporary error (`ESME_RX_T_APPN`) when storing fails, so that
 * the gateway keeps the message and retries.
 */
import type { InboundPdu } from '../gateway/gateway-session.js';
import { SMPP_STATUS } from '../gateway/smpp-status.js';
import type { AttendanceStore, RecordMessageInput, RecordMessageResult } from '../store/attendance-store.js';
import { decodeMessageText } from '../protocol/data-coding.js';
import { openEnvelope } from '../protocol/envelope.js';
import { decryptEnvelopeBody } from '../protocol/cipher.js';
import { parseAttendanceText } from '../protocol/attendance-text.js';
import { buildAckText } from '../protocol/ack-text.js';
import { readConcatInfo, type PartReassembler } from '../protocol/concatenation.js';
import { isDeliveryReceipt, parseDeliveryReceipt, receiptIdCandidates } from '../protocol/delivery-receipt.js';
import type { AckUpdate } from '../../contract/app-api.js';
import type { CoreLogLine } from '../app-core-types.js';
import type { GroupCommit } from '../store/group-commit.js';

export interface InboundPipelineDeps {
  store: AttendanceStore;
  /** The store's group commit (store/group-commit.ts), shared with the ack sender. */
  commits: GroupCommit;
  reassembler: PartReassembler;
  now: () => number;
  /** The current settings' view that matters here; read on every message so changes apply at once. */
  config: () => { key: string; repeatWindowMs: number; isIgnored: (source: string) => boolean };
  onRecorded: (result: RecordMessageResult) => void;
  onAckUpdate: (update: AckUpdate) => void;
  /** Storing failed (true) or works again (false): the owner shows or clears the problem. */
  onStorageTrouble: (error: Error | null) => void;
  log: (level: CoreLogLine['level'], message: string, fields?: Record<string, unknown>) => void;
}

type Verdict = RecordMessageInput['verdict'];

/** A deliver_sm_resp command_status: at once, or once the message's group commit has settled. */
export type DeliverStatus = number | Promise<number>;

export class InboundPipeline {
  private storageFailing = false;

  constructor(private readonly deps: InboundPipelineDeps) {}

  /**
   * Handles one deliver_sm and returns the command_status for its deliver_sm_resp: a promise when
   * something is stored, settling after the commit (so the gateway is answered only then).
   */
  handle(pdu: InboundPdu): DeliverStatus {
    if (isDeliveryReceipt(pdu.esmClass)) return this.handleReceipt(pdu);

    const receivedAt = this.deps.now();
    const config = this.deps.config();
    const wire = pdu.messagePayload ?? pdu.shortMessage;

    if (config.isIgnored(pdu.source)) {
      return this.store(pdu, receivedAt, wire, null, null, { kind: 'ignored', reason: 'from an ignored number (the gateway itself)' });
    }

    const concat = readConcatInfo({ esmClass: pdu.esmClass, shortMessage: wire, sar: pdu.sar ?? undefined });
    if (concat.kind === 'invalid') {
      return this.store(pdu, receivedAt, wire, null, null, { kind: 'rejected', reason: concat.reason });
    }
    let body = concat.body;
    let dataCoding = pdu.dataCoding;
    if (concat.kind === 'part') {
      const added = this.deps.reassembler.add(
        partKey(pdu.source, concat.ref, concat.total),
        { total: concat.total, seq: concat.seq, body: concat.body, dataCoding },
        receivedAt,
      );
      if (added.kind === 'incomplete') {
        this.deps.log('info', `part ${concat.seq}/${concat.total} from ${pdu.source} held for reassembly`);
        return SMPP_STATUS.ESME_ROK;
      }
      if (added.kind === 'invalid') {
        return this.store(pdu, receivedAt, wire, null, null, { kind: 'rejected', reason: `multipart: ${added.reason}` });
      }
      body = added.body;
      dataCoding = added.dataCoding;
    }
    return this.storeText(pdu, receivedAt, Buffer.from(body), dataCoding, config);
  }

  /** Records a multipart set that never completed, so that nothing the gateway handed over vanishes silently. */
  recordExpiredParts(source: string, destination: string, description: string): void {
    const receivedAt = this.deps.now();
    const raw = Buffer.alloc(0);
    void this.storeRecord({
      receivedAt,
      source,
      destination,
      dataCoding: 0,
      esmClass: 0x40,
      raw,
      envelope: null,
      plaintext: null,
      verdict: { kind: 'rejected', reason: `incomplete multipart message: ${description}` },
      repeatWindowMs: 0,
    });
  }

  private storeText(
    pdu: InboundPdu,
    receivedAt: number,
    raw: Buffer,
    dataCoding: number,
    config: ReturnType<InboundPipelineDeps['config']>,
  ): DeliverStatus {
    const decoded = decodeMessageText(raw, dataCoding);
    if (!decoded.ok) return this.store(pdu, receivedAt, raw, null, null, { kind: 'rejected', reason: decoded.reason }, dataCoding);

    const envelope = openEnvelope(decoded.text);
    if (!envelope.ok) return this.store(pdu, receivedAt, raw, null, null, { kind: 'rejected', reason: envelope.reason }, dataCoding);

    const key = this.deps.store.employeeKey(pdu.source) ?? config.key;
    const opened = decryptEnvelopeBody(envelope.body, key);
    if (!opened.ok) {
      return this.store(pdu, receivedAt, raw, envelope.body, null, { kind: 'rejected', reason: opened.reason }, dataCoding);
    }

    const parsed = parseAttendanceText(opened.plaintext, receivedAt);
    if (!parsed.ok) {
      return this.store(pdu, receivedAt, raw, envelope.body, opened.plaintext, { kind: 'rejected', reason: parsed.reason }, dataCoding);
    }

    return this.store(
      pdu,
      receivedAt,
      raw,
      envelope.body,
      opened.plaintext,
      {
        kind: 'attendance',
        status: parsed.status,
        reportedTime: parsed.reportedTime,
        occurredAt: parsed.occurredAt,
        ackText: buildAckText(opened.plaintext, key),
      },
      dataCoding,
    );
  }

  private store(
    pdu: InboundPdu,
    receivedAt: number,
    raw: Uint8Array,
    envelope: string | null,
    plaintext: string | null,
    verdict: Verdict,
    dataCoding = pdu.dataCoding,
  ): DeliverStatus {
    return this.storeRecord({
      receivedAt,
      source: pdu.source,
      destination: pdu.destination,
      dataCoding,
      esmClass: pdu.esmClass,
      raw,
      envelope,
      plaintext,
      verdict,
      repeatWindowMs: this.deps.config().repeatWindowMs,
    });
  }

  private storeRecord(input: RecordMessageInput): Promise<number> {
    return this.deps.commits.run(() => this.deps.store.recordMessage(input)).then(
      (result: RecordMessageResult) => {
        this.storageWorks();
        this.deps.onRecorded(result);
        return SMPP_STATUS.ESME_ROK;
      },
      (error: unknown) => {
        const err = error instanceof Error ? error : new Error(String(error));
        this.storageFailing = true;
        this.deps.onStorageTrouble(err);
        this.deps.log('error', `could not store a message from ${input.source}: ${err.message}; asking the gateway to retry`, {
          source: input.source,
        });
        return SMPP_STATUS.ESME_RX_T_APPN;
      },
    );
  }

  private storageWorks(): void {
    if (this.storageFailing) {
      this.storageFailing = false;
      this.deps.onStorageTrouble(null);
    }
  }

  private handleReceipt(pdu: InboundPdu): DeliverStatus {
    const text = pdu.messagePayload ?? pdu.shortMessage;
    const decoded = decodeMessageText(text, pdu.dataCoding);
    const receipt = parseDeliveryReceipt({
      text: decoded.ok ? decoded.text : null,
      receiptedMessageId: pdu.receiptedMessageId ?? undefined,
      messageState: pdu.messageState ?? undefined,
    });
    if (!receipt.ok) {
      this.deps.log('warn', `unreadable delivery receipt from ${pdu.source}: ${receipt.reason}`);
      return SMPP_STATUS.ESME_ROK;
    }
    if (receipt.state === 'pending') return SMPP_STATUS.ESME_ROK;
    const now = this.deps.now();
    const state = receipt.state; // narrowed: 'delivered' | 'failed'
    return this.deps.commits.run(() => this.deps.store.applyDeliveryReceipt(receiptIdCandidates(receipt.smscMessageId), state, now)).then(
      (updated) => {
        if (updated) {
          this.deps.onAckUpdate({ messageId: updated.messageId, ackId: updated.ackId, state: updated.state, error: receipt.state === 'failed' ? `receipt: ${receipt.stat}` : null });
        } else {
          this.deps.log('info', `delivery receipt for unknown or settled message id ${receipt.smscMessageId} (${receipt.stat})`);
        }
        return SMPP_STATUS.ESME_ROK;
      },
      (error: unknown) => {
        this.deps.log('error', `could not store a delivery receipt: ${(error as Error).message}`);
        return SMPP_STATUS.ESME_RX_T_APPN;
      },
    );
  }
}

/** Parts of one message share the sender, the reference and the count. */
export function partKey(source: string, ref: number, total: number): string {
  return `${source}\u0000${ref}\u0000${total}`;
}

export function partKeySource(key: string): string {
  return key.split('\u0000')[0] ?? '';
}
