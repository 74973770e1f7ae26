/**
 * The acknowledgement outbox: ack rows move queued -> submitted -> delivered | failed, or
 * queued -> failed. Every outcome of a send attempt (submitted, retry, failed) counts one attempt.
 * Each transition names the state it leaves, so a late or repeated call changes nothing.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { AckReason, AckState } from '../model.js';
import { reasonColumns } from './reason-columns.js';

export interface OutboxAck {
  id: number;
  messageId: number;
  /** The gateway's number (the incoming message's destination). */
  source: string;
  /** The employee's phone as the gateway sent it (the incoming message's source). */
  destination: string;
  text: string;
  attempts: number;
}

export interface ReceiptApplied {
  ackId: number;
  messageId: number;
  state: AckState;
}

/** Receipt id candidates are looked up in one statement with this many slots (padded by repetition). */
const CANDIDATE_SLOTS = 12;

export class AckOutbox {
  private readonly due: Statement<[number, number], OutboxAck>;
  private readonly nextDue: Statement<[], number | null>;
  private readonly queuedCount: Statement<[], number>;
  private readonly submitted: Statement<[string, number, number]>;
  private readonly retry: Statement<[string | null, string | null, number, number]>;
  private readonly failed: Statement<[string | null, string | null, number, number]>;
  private readonly bySmscId: Statement<string[], { id: number; messageId: number }>;
  private readonly settle: Statement<[string, string | null, string | null, number, number]>;
  private readonly applyReceiptTx: (
    candidates: string[],
    state: 'delivered' | 'failed',
    now: number,
    failure: AckReason | null,
  ) => ReceiptApplied | null;

  constructor(db: Database) {
    this.due = db.prepare(
      `SELECT id, message_id AS messageId, source, destination, text, attempts FROM acks
       WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
    );
    this.nextDue = db
      .prepare<[], number | null>(`SELECT MIN(next_attempt_at) FROM acks WHERE state = 'queued'`)
      .pluck();
    this.queuedCount = db.prepare<[], number>(`SELECT COUNT(*) FROM acks WHERE state = 'queued'`).pluck();
    this.submitted = db.prepare(
      `UPDATE acks SET state = 'submitted', smsc_message_id = ?, submitted_at = ?, attempts = attempts + 1, error = NULL, error_code = NULL, error_params = NULL
       WHERE id = ? AND state = 'queued'`,
    );
    this.retry = db.prepare(
      `UPDATE acks SET attempts = attempts + 1, error = NULL, error_code = ?, error_params = ?, next_attempt_at = ? WHERE id = ? AND state = 'queued'`,
    );
    this.failed = db.prepare(
      `UPDATE acks SET state = 'failed', attempts = attempts + 1, error = NULL, error_code = ?, error_params = ?, finished_at = ? WHERE id = ? AND state = 'queued'`,
    );
    const slots = Array.from({ length: CANDIDATE_SLOTS }, () => '?').join(', ');
    // The newest submitted ack wins if an SMSC reused an id (e.g. after its restart). `+state`
    // keeps SQLite on the smsc id index: acks whose receipt never came stay 'submitted' for good.
    this.bySmscId = db.prepare(
      `SELECT id, message_id AS messageId FROM acks WHERE smsc_message_id IN (${slots}) AND +state = 'submitted' ORDER BY id DESC LIMIT 1`,
    );
    this.settle = db.prepare(
      `UPDATE acks SET state = ?, error = NULL, error_code = ?, error_params = ?, finished_at = ? WHERE id = ? AND state = 'submitted'`,
    );
    const tx = db.transaction(
      (candidates: string[], state: 'delivered' | 'failed', now: number, failure: AckReason | null) =>
        this.receipt(candidates, state, now, failure),
    );
    this.applyReceiptTx = (candidates, state, now, failure) => tx.immediate(candidates, state, now, failure);
  }

  dueAcks(now: number, limit: number): OutboxAck[] {
    return this.due.all(now, limit);
  }

  nextAckDueAt(): number | null {
    return this.nextDue.get() ?? null;
  }

  /** Acks still waiting to be sent (the alerts watch this grow). */
  queuedAcks(): number {
    return this.queuedCount.get() ?? 0;
  }

  markAckSubmitted(id: number, smscMessageId: string, now: number): void {
    this.submitted.run(smscMessageId, now, id);
  }

  markAckRetry(id: number, error: AckReason, nextAttemptAt: number): void {
    this.retry.run(...reasonColumns(error), nextAttemptAt, id);
  }

  markAckFailed(id: number, error: AckReason, now: number): void {
    this.failed.run(...reasonColumns(error), now, id);
  }

  /**
   * A delivery receipt for one of the SMSC ids in `smscMessageIds` (the receipt's id in the
   * spellings an SMSC may use: as given, decimal, hex). Hex is matched in either letter case.
   * Returns the ack it moved, or null when none was submitted under those ids (unknown, or
   * already settled by an earlier copy of the receipt).
   */
  applyDeliveryReceipt(
    smscMessageIds: string[],
    state: 'delivered' | 'failed',
    now: number,
    failure: AckReason | null,
  ): ReceiptApplied | null {
    return this.applyReceiptTx(smscMessageIds, state, now, failure);
  }

  private receipt(
    candidates: string[],
    state: 'delivered' | 'failed',
    now: number,
    failure: AckReason | null,
  ): ReceiptApplied | null {
    const spellings = [...new Set(candidates.flatMap((c) => [c, c.toLowerCase(), c.toUpperCase()]))];
    if (spellings.length === 0) return null;
    for (let i = 0; i < spellings.length; i += CANDIDATE_SLOTS) {
      const chunk = spellings.slice(i, i + CANDIDATE_SLOTS);
      const padded = Array.from({ length: CANDIDATE_SLOTS }, (_, k) => chunk[k] ?? chunk[0]!);
      const ack = this.bySmscId.get(...padded);
      if (!ack) continue;
      this.settle.run(state, ...reasonColumns(state === 'failed' ? failure : null), now, ack.id);
      return { ackId: ack.id, messageId: ack.messageId, state };
    }
    return null;
  }
}
