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
import {
  StorageError,
  type AttendanceStore,
  type PartInput,
  type RecordMessageInput,
  type RecordMessageResult,
} from '../store/attendance-store.js';
import { decodeMessageText } from '../protocol/data-coding.js';
import { openEnvelope } from '../protocol/envelope.js';
import { decryptEnvelopeBody } from '../protocol/cipher.js';
import { parseAttendanceText } from '../protocol/attendance-text.js';
import { buildAckText } from '../protocol/ack-text.js';
import { firstControlCharacter } from '../attendance/counted-time.js';
import { normalisePhone } from '../employees/phone-number.js';
import { readConcatInfo, type ConcatInfo } from '../protocol/concatenation.js';
import { isDeliveryReceipt, parseDeliveryReceipt, receiptIdCandidates } from '../protocol/delivery-receipt.js';
import type { AckReason, AckUpdate } from '../model.js';
import type { CoreLogLine } from '../app-core-types.js';
import type { GroupCommit } from '../store/group-commit.js';

export interface InboundPipelineDeps {
  store: AttendanceStore;
  /** The store's group commit (store/group-commit.ts), shared with the ack sender. */
  commits: GroupCommit;
  now: () => number;
  /** The current settings' view that matters here; read on every message so changes apply at once. */
  config: () => {
    key: string;
    repeatWindowMs: number;
    isIgnored: (source: string) => boolean;
    /** Country for reading a sender written nationally; a sender no rule reads as a phone number is rejected. */
    defaultCountry: string;
    /** Whether a sender that is not in the employee directory gets its acknowledgement. */
    ackUnknownSenders: boolean;
  };
  onRecorded: (result: RecordMessageResult) => void;
  onAckUpdate: (update: AckUpdate) => void;
  /** Storing failed (true) or works again (false): the owner shows or clears the problem. */
  onStorageTrouble: (error: Error | null) => void;
  log: (level: CoreLogLine['level'], message: string, fields?: Record<string, unknown>) => void;
}

type Verdict = RecordMessageInput['verdict'];
type RejectReason = Extract<Verdict, { kind: 'rejected' }>['reason'];
type Config = ReturnType<InboundPipelineDeps['config']>;

/** Most parts one long message may have (an attendance message needs one, at most two). */
const MAX_PARTS = 16;

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
      return this.storeUnread(pdu, receivedAt, wire, { kind: 'ignored', reason: { code: 'ignored-number' } });
    }

    // Letters (an operator's alphanumeric sender), or too few or too many digits: no employee's
    // phone sends from there, and an ack to it would only spend the gateway's SMS allowance.
    const sender = normalisePhone(pdu.source, config.defaultCountry);
    if (!sender.ok) {
      return this.storeUnread(pdu, receivedAt, wire, {
        kind: 'rejected',
        reason: { code: 'sender-not-a-phone', params: { cause: sender.reason } },
      });
    }

    const concat = readConcatInfo({ esmClass: pdu.esmClass, shortMessage: wire, sar: pdu.sar ?? undefined });
    if (concat.kind === 'invalid') {
      return this.storeUnread(pdu, receivedAt, wire, { kind: 'rejected', reason: concat.reason });
    }
    if (concat.kind === 'part') return this.handlePart(pdu, receivedAt, wire, concat, config);
    return this.storeRecord(this.judgeText(pdu, receivedAt, Buffer.from(concat.body), pdu.dataCoding, config));
  }

  /**
   * Gives up the sets of parts still waiting whose newest part arrived before `before`: each is
   * recorded as a `rejected` message with the parts' bytes and the reason, so nothing the gateway
   * handed over vanishes silently. Also forgets the parts of messages recorded before `purgeBefore`.
   */
  expireStaleParts(before: number, purgeBefore: number): Promise<void> {
    const receivedAt = this.deps.now();
    return this.deps.commits
      .run(() => {
        const results = this.deps.store.staleParts(before).map((stale) =>
          this.deps.store.recordMessage({
            receivedAt,
            source: stale.set.source,
            destination: stale.destination,
            dataCoding: stale.dataCoding,
            esmClass: stale.esmClass,
            raw: stale.body,
            envelope: null,
            plaintext: null,
            verdict: {
              kind: 'rejected',
              reason: { code: 'multipart-incomplete', params: { received: stale.received, total: stale.set.total } },
            },
            repeatWindowMs: 0,
            assembledFrom: stale.set,
          }),
        );
        this.deps.store.purgeUsedParts(purgeBefore);
        return results;
      })
      .then(
        (results) => {
          for (const result of results) this.deps.onRecorded(result);
        },
        (error: unknown) =>
          this.deps.log('warn', `could not record incomplete multipart messages yet: ${(error as Error).message}`),
      );
  }

  /**
   * A part is stored before it is answered (the gateway forgets it then), and the part that
   * completes its message is stored, assembled, judged and recorded in one job of the group
   * commit: the message commits together with its last part, or neither does.
   */
  private handlePart(
    pdu: InboundPdu,
    receivedAt: number,
    wire: Buffer,
    concat: Extract<ConcatInfo, { kind: 'part' }>,
    config: Config,
  ): Promise<number> {
    const part: PartInput = {
      source: pdu.source,
      destination: pdu.destination,
      ref: concat.ref,
      total: concat.total,
      seq: concat.seq,
      dataCoding: pdu.dataCoding,
      esmClass: pdu.esmClass,
      body: concat.body,
      receivedAt,
    };
    const job = (): RecordMessageResult | null => {
      const added = this.deps.store.addPart(part, MAX_PARTS);
      switch (added.kind) {
        case 'held':
          return null;
        case 'invalid':
          return this.deps.store.recordMessage(
            this.input(pdu, receivedAt, wire, null, null, { kind: 'rejected', reason: added.reason }),
          );
        case 'complete':
          return this.deps.store.recordMessage({
            ...this.judgeText(pdu, receivedAt, added.body, added.dataCoding, config),
            assembledFrom: added.set,
          });
      }
    };
    return this.commit(pdu.source, job, () =>
      this.deps.log(
        'info',
        `part ${concat.seq}/${concat.total} from ${pdu.source} stored until the rest of its message arrives`,
      ),
    );
  }

  /** What to record for a message's text: the verdict after decoding, opening, decrypting and parsing. */
  private judgeText(
    pdu: InboundPdu,
    receivedAt: number,
    raw: Buffer,
    dataCoding: number,
    config: Config,
  ): RecordMessageInput {
    // What is known so far travels with every verdict: the envelope's body and the plaintext once found.
    let envelopeBody: string | null = null;
    let plaintext: string | null = null;
    const judged = (verdict: Verdict): RecordMessageInput =>
      this.input(pdu, receivedAt, raw, envelopeBody, plaintext, verdict, dataCoding);
    const rejected = (reason: RejectReason): RecordMessageInput => judged({ kind: 'rejected', reason });

    const decoded = decodeMessageText(raw, dataCoding);
    if (!decoded.ok) return rejected(decoded.reason);

    const envelope = openEnvelope(decoded.text);
    if (!envelope.ok) return rejected(envelope.reason);
    envelopeBody = envelope.body;

    let ownKey: string | null;
    try {
      ownKey = this.deps.store.employeeKey(pdu.source);
    } catch (error) {
      if (error instanceof StorageError) throw error; // the database: the gateway keeps the message and retries
      // The sender has an own key that the data key cannot open (a database restored from another
      // computer, a lost or changed .datakey): never fall back to the shared key, which the own key
      // exists to refuse. The message is kept, rejected with the reason, until the key is set again.
      this.deps.log('error', `the own key of ${pdu.source} cannot be opened: ${(error as Error).message}`, {
        source: pdu.source,
      });
      return rejected({ code: 'own-key-unreadable' });
    }
    const key = ownKey ?? config.key;
    const opened = decryptEnvelopeBody(envelope.body, key);
    if (!opened.ok) return rejected(opened.reason);
    plaintext = opened.plaintext;

    // CR, LF, ESC and the like are never in what the phone's app writes: a forged or damaged text
    // is rejected (and so not acknowledged) before it can reach a view, a log or an export.
    const control = firstControlCharacter(opened.plaintext);
    if (control !== null) return rejected({ code: 'control-characters', params: { codePoint: control } });

    const parsed = parseAttendanceText(opened.plaintext, receivedAt);
    if (!parsed.ok) return rejected(parsed.reason);

    return judged({
      kind: 'attendance',
      status: parsed.status,
      reportedTime: parsed.reportedTime,
      occurredAt: parsed.occurredAt,
      // Unknown numbers are recorded either way; the setting only decides whether they are answered.
      ackText:
        config.ackUnknownSenders || this.deps.store.isEmployeePhone(pdu.source)
          ? buildAckText(opened.plaintext, key)
          : null,
    });
  }

  /** Stores a message judged before its text was read (ignored sender, bad concatenation, non-phone sender). */
  private storeUnread(pdu: InboundPdu, receivedAt: number, wire: Uint8Array, verdict: Verdict): Promise<number> {
    return this.storeRecord(this.input(pdu, receivedAt, wire, null, null, verdict));
  }

  private input(
    pdu: InboundPdu,
    receivedAt: number,
    raw: Uint8Array,
    envelope: string | null,
    plaintext: string | null,
    verdict: Verdict,
    dataCoding = pdu.dataCoding,
  ): RecordMessageInput {
    return {
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
    };
  }

  private storeRecord(input: RecordMessageInput): Promise<number> {
    return this.commit(input.source, () => this.deps.store.recordMessage(input));
  }

  /** Runs `job` in the group commit; ESME_ROK once it has committed (`null`: nothing to record yet), a temporary error if it failed. */
  private commit(
    source: string,
    job: () => RecordMessageResult | null,
    onNothingRecorded?: () => void,
  ): Promise<number> {
    return this.deps.commits.run(job).then(
      (result) => {
        this.storageWorks();
        if (result) this.deps.onRecorded(result);
        else onNothingRecorded?.();
        return SMPP_STATUS.ESME_ROK;
      },
      (error: unknown) => {
        const err = error instanceof Error ? error : new Error(String(error));
        this.storageFailing = true;
        this.deps.onStorageTrouble(err);
        this.deps.log(
          'error',
          `could not store a message from ${source}: ${err.message}; asking the gateway to retry`,
          { source },
        );
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
    const failure: AckReason | null =
      state === 'failed' ? { code: 'receipt-failed', params: { stat: receipt.stat } } : null;
    return this.deps.commits
      .run(() => this.deps.store.applyDeliveryReceipt(receiptIdCandidates(receipt.smscMessageId), state, now, failure))
      .then(
        (updated) => {
          if (updated) {
            this.deps.onAckUpdate({
              messageId: updated.messageId,
              ackId: updated.ackId,
              state: updated.state,
              error: failure,
            });
          } else {
            this.deps.log(
              'info',
              `delivery receipt for unknown or settled message id ${receipt.smscMessageId} (${receipt.stat})`,
            );
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
