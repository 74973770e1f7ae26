/**
 * The writes of the group commit (store/group-commit.ts) as plain data, so that they can cross to
 * the store's writer thread (store/store-writer.ts) by structured clone: each job says what to
 * write, the writer's own store runs it in the batch's transaction, and the result (ids, the
 * message's record, the receipt's ack) comes back once the transaction has committed.
 *
 * `runBatch` is the one place a batch is written, on the writer thread or, where no thread can be
 * started, on the event loop.
 */
import type { AckReason } from '../model.js';
import type { AttendanceStore } from './attendance-store.js';
import type { RecordMessageInput, RecordMessageResult } from './record-message.js';
import type { PartInput } from './message-parts.js';
import type { ReceiptApplied } from './ack-outbox.js';
import { judgeText, messageInput, type MessageSubject } from '../pipeline/judge-text.js';
import { StorageError } from './storage-error.js';
import { ReasonError } from '../reason-error.js';
import type { StorageReason, Reason } from '../model.js';

/** The sender's keys as looked up on the event loop for a part (the last part is judged on the writer). */
export interface PartKeys {
  officeKey: string;
  /** `ok: false`: the sender's own key cannot be opened. */
  ownKey: { ok: true; key: string | null } | { ok: false };
  answerSender: boolean;
}

export type CommitJob =
  /** A message judged on the event loop: its row, its event (or repeat) and its ack. */
  | { kind: 'record'; input: RecordMessageInput }
  /**
   * One part of a long message, stored; the part that completes its message also assembles,
   * judges and records it, so that the message commits together with its last part.
   */
  | {
      kind: 'part';
      part: PartInput;
      maxParts: number;
      subject: MessageSubject;
      /** The deliver_sm's own octets, for the record of a part that is invalid. */
      wire: Uint8Array;
      dataCoding: number;
      keys: PartKeys;
    }
  /** Sets of parts given up (recorded as rejected) and used parts forgotten. */
  | { kind: 'expireParts'; before: number; purgeBefore: number; receivedAt: number }
  | {
      kind: 'receipt';
      smscMessageIds: string[];
      state: 'delivered' | 'failed';
      now: number;
      failure: AckReason | null;
    }
  | AckOutcomeJob;

/** An ack's outcome from the gateway (see acks/ack-sender.ts). */
export type AckOutcomeJob =
  | { kind: 'ackSubmitted'; id: number; smscMessageId: string; now: number }
  | { kind: 'ackRetry'; id: number; error: AckReason; nextAttemptAt: number }
  | { kind: 'ackFailed'; id: number; error: AckReason; now: number };

export interface CommitJobResults {
  record: RecordMessageResult;
  /** null: the part is held until the rest of its message arrives. */
  part: RecordMessageResult | null;
  expireParts: RecordMessageResult[];
  receipt: ReceiptApplied | null;
  ackSubmitted: void;
  ackRetry: void;
  ackFailed: void;
}

/** Runs one job against `store` (inside a batch it is one savepoint of the batch's transaction). */
export function executeJob(store: AttendanceStore, job: CommitJob): unknown {
  switch (job.kind) {
    case 'record':
      return store.recordMessage(job.input);
    case 'part':
      return writePart(store, job);
    case 'expireParts': {
      const results = store.staleParts(job.before).map((stale) =>
        store.recordMessage({
          receivedAt: job.receivedAt,
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
      store.purgeUsedParts(job.purgeBefore);
      return results;
    }
    case 'receipt':
      return store.applyDeliveryReceipt(job.smscMessageIds, job.state, job.now, job.failure);
    case 'ackSubmitted':
      return store.markAckSubmitted(job.id, job.smscMessageId, job.now);
    case 'ackRetry':
      return store.markAckRetry(job.id, job.error, job.nextAttemptAt);
    case 'ackFailed':
      return store.markAckFailed(job.id, job.error, job.now);
  }
}

function writePart(store: AttendanceStore, job: Extract<CommitJob, { kind: 'part' }>): RecordMessageResult | null {
  const added = store.addPart(job.part, job.maxParts);
  switch (added.kind) {
    case 'held':
      return null;
    case 'invalid':
      return store.recordMessage(
        messageInput(job.subject, job.wire, job.dataCoding, null, null, { kind: 'rejected', reason: added.reason }),
      );
    case 'complete': {
      const { keys } = job;
      const input = judgeText(job.subject, added.body, added.dataCoding, {
        officeKey: keys.officeKey,
        ownKey: () => {
          if (!keys.ownKey.ok) throw new Error('the own key cannot be opened');
          return keys.ownKey.key;
        },
        answerSender: () => keys.answerSender,
      });
      return store.recordMessage({ ...input, assembledFrom: added.set });
    }
  }
}

/** Outcome of one job, known once the batch's transaction has committed (or not). */
export type JobOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A batch either committed (each job with its own outcome) or stored nothing (`error`). */
export type BatchOutcome = { ok: true; outcomes: JobOutcome[] } | { ok: false; error: unknown };

/**
 * Writes `jobs` in ONE transaction, each job in its own savepoint: a job that throws is undone
 * alone. If the transaction itself fails (the COMMIT, or SQLite rolling everything back after disk
 * full or an I/O error), nothing of the batch is stored and the batch fails as a whole.
 * `beforeCommit` runs inside the transaction after the last job (tests use it to hold a batch
 * uncommitted).
 */
export function runBatch(store: AttendanceStore, jobs: CommitJob[], beforeCommit?: () => void): BatchOutcome {
  const outcomes: JobOutcome[] = [];
  try {
    store.batch((isOpen) => {
      for (const job of jobs) {
        if (!isOpen()) throw new TransactionLostError();
        try {
          outcomes.push({ ok: true, value: executeJob(store, job) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      if (!isOpen()) throw new TransactionLostError();
      beforeCommit?.();
    });
  } catch (error) {
    // Nothing of this batch is stored: the first real cause is the most useful one to report.
    const cause =
      error instanceof TransactionLostError
        ? ((outcomes.find((o) => !o.ok) as { error: unknown } | undefined)?.error ?? error)
        : error;
    return { ok: false, error: cause };
  }
  return { ok: true, outcomes };
}

/** SQLite ended the batch's transaction by itself (after SQLITE_FULL, SQLITE_IOERR, ...). */
export class TransactionLostError extends Error {
  override readonly name = 'TransactionLostError';

  constructor() {
    super('the database rolled back the transaction after an error; nothing of this batch was stored');
  }
}

/** An error as plain data, to cross between threads with what the owner needs of it. */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  reason?: unknown;
}

export function toWireError(error: unknown): WireError {
  if (error instanceof StorageError)
    return { name: error.name, message: error.message, code: error.code, reason: error.reason };
  if (error instanceof ReasonError) return { name: error.name, message: error.message, reason: error.reason };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function fromWireError(wire: WireError): Error {
  if (wire.name === 'StorageError')
    return new StorageError(wire.message, wire.code ?? 'SQLITE_ERROR', wire.reason as StorageReason);
  if (wire.name === 'ReasonError') return new ReasonError(wire.reason as Reason);
  if (wire.name === 'TransactionLostError') return new TransactionLostError();
  const error = new Error(wire.message);
  error.name = wire.name;
  return error;
}

export function toWireOutcome(outcome: BatchOutcome): BatchOutcome {
  if (!outcome.ok) return { ok: false, error: toWireError(outcome.error) };
  return {
    ok: true,
    outcomes: outcome.outcomes.map((o) => (o.ok ? o : { ok: false, error: toWireError(o.error) })),
  };
}

export function fromWireOutcome(outcome: BatchOutcome): BatchOutcome {
  if (!outcome.ok) return { ok: false, error: fromWireError(outcome.error as WireError) };
  return {
    ok: true,
    outcomes: outcome.outcomes.map((o) => (o.ok ? o : { ok: false, error: fromWireError(o.error as WireError) })),
  };
}
