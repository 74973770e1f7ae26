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
import { normalisePhone } from '../employees/phone-number.js';
import { readConcatInfo, type ConcatInfo } from '../protocol/concatenation.js';
import { isDeliveryReceipt, parseDeliveryReceipt, receiptIdCandidates } from '../protocol/delivery-receipt.js';
import type { AckReason, AckUpdate } from '../model.js';
import type { CoreLogLine } from '../app-core-types.js';
import type { GroupCommit } from '../store/group-commit.js';
import type { CommitJob, PartKeys } from '../store/commit-jobs.js';
import { judgeText, messageInput, type MessageSubject } from './judge-text.js';

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
    const subject = this.subject(pdu, receivedAt, config);
    return this.storeRecord(judgeText(subject, concat.body, pdu.dataCoding, this.keys(pdu.source, config)));
  }

  /**
   * Gives up the sets of parts still waiting whose newest part arrived before `before`: each is
   * recorded as a `rejected` message with the parts' bytes and the reason, so nothing the gateway
   * handed over vanishes silently. Also forgets the parts of messages recorded before `purgeBefore`.
   */
  expireStaleParts(before: number, purgeBefore: number): Promise<void> {
    return this.deps.commits.run({ kind: 'expireParts', before, purgeBefore, receivedAt: this.deps.now() }).then(
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
      body: copyOf(concat.body),
      receivedAt,
    };
    let keys: PartKeys;
    try {
      keys = this.partKeys(pdu.source, config);
    } catch (error) {
      return Promise.resolve(this.storageFailed(pdu.source, error));
    }
    const job: CommitJob = {
      kind: 'part',
      part,
      maxParts: MAX_PARTS,
      subject: this.subject(pdu, receivedAt, config),
      wire: copyOf(wire),
      dataCoding: pdu.dataCoding,
      keys,
    };
    return this.commit(pdu.source, job, () =>
      this.deps.log(
        'info',
        `part ${concat.seq}/${concat.total} from ${pdu.source} stored until the rest of its message arrives`,
      ),
    );
  }

  /** Where the message came from, for its record. */
  private subject(pdu: InboundPdu, receivedAt: number, config: Config): MessageSubject {
    return {
      source: pdu.source,
      destination: pdu.destination,
      esmClass: pdu.esmClass,
      receivedAt,
      repeatWindowMs: config.repeatWindowMs,
    };
  }

  /** The sender's keys, looked up when the text needs them. */
  private keys(source: string, config: Config): Parameters<typeof judgeText>[3] {
    return {
      officeKey: config.key,
      ownKey: () => this.deps.store.employeeKey(source),
      answerSender: () => config.ackUnknownSenders || this.deps.store.isEmployeePhone(source),
      onOwnKeyUnreadable: (error) => this.logOwnKeyUnreadable(source, error),
    };
  }

  /**
   * The same for a part, looked up now: the message it may complete is judged on the store's
   * writer thread, which has no data key to open an own key with.
   */
  private partKeys(source: string, config: Config): PartKeys {
    let ownKey: PartKeys['ownKey'];
    try {
      ownKey = { ok: true, key: this.deps.store.employeeKey(source) };
    } catch (error) {
      if (error instanceof StorageError) throw error;
      ownKey = { ok: false };
    }
    return {
      officeKey: config.key,
      ownKey,
      answerSender: config.ackUnknownSenders || this.deps.store.isEmployeePhone(source),
    };
  }

  private logOwnKeyUnreadable(source: string, error: Error): void {
    this.deps.log('error', `the own key of ${source} cannot be opened: ${error.message}`, { source });
  }

  /** Stores a message judged before its text was read (ignored sender, bad concatenation, non-phone sender). */
  private storeUnread(pdu: InboundPdu, receivedAt: number, wire: Uint8Array, verdict: Verdict): Promise<number> {
    const subject = this.subject(pdu, receivedAt, this.deps.config());
    return this.storeRecord(messageInput(subject, wire, pdu.dataCoding, null, null, verdict));
  }

  private storeRecord(input: RecordMessageInput): Promise<number> {
    // The socket's octets are a view into a large read buffer: the job carries its own copy.
    return this.commit(input.source, { kind: 'record', input: { ...input, raw: copyOf(input.raw) } });
  }

  /** Runs `job` in the group commit; ESME_ROK once it has committed (`null`: nothing to record yet), a temporary error if it failed. */
  private commit(source: string, job: CommitJob, onNothingRecorded?: () => void): Promise<number> {
    return this.deps.commits.run(job).then(
      (value) => {
        const result = value as RecordMessageResult | null;
        this.storageWorks();
        if (result) {
          if (result.message.reason?.code === 'own-key-unreadable' && job.kind === 'part')
            this.logOwnKeyUnreadable(source, new Error('the data key cannot open it'));
          this.deps.onRecorded(result);
        } else onNothingRecorded?.();
        return SMPP_STATUS.ESME_ROK;
      },
      (error: unknown) => this.storageFailed(source, error),
    );
  }

  private storageFailed(source: string, error: unknown): number {
    const err = error instanceof Error ? error : new Error(String(error));
    this.storageFailing = true;
    this.deps.onStorageTrouble(err);
    this.deps.log('error', `could not store a message from ${source}: ${err.message}; asking the gateway to retry`, {
      source,
    });
    return SMPP_STATUS.ESME_RX_T_APPN;
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
      .run({ kind: 'receipt', smscMessageIds: receiptIdCandidates(receipt.smscMessageId), state, now, failure })
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

/**
 * A copy with an ArrayBuffer of its own: a view into a socket read (or into Buffer's shared pool)
 * would carry the whole underlying buffer across to the writer thread.
 */
function copyOf(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}
