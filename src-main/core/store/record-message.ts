/**
 * Storing one inbound message with its consequences in ONE transaction: the message row, and for
 * an attendance message the event row and the ack row. The pipeline answers the gateway only after
 * this commits, so the database holds each event exactly once although the gateway delivers at
 * least once.
 *
 * A resend of the same ciphertext from the same source within the repeat window (measured from the
 * latest recorded-or-repeat copy, so a phone resending every few minutes stays one event) is stored
 * as a `repeat` pointing at the first recorded copy: no new event, but a new ack, because the phone
 * resends exactly when it did not get the previous ack.
 *
 * A redelivery by the gateway (it got no deliver_sm_resp: the app crashed or the link dropped after
 * the commit) can come much later than any repeat window, e.g. the next morning after the PC was
 * switched off. So, window or not, a message whose ciphertext from the same source was already
 * recorded as an event at the same reported instant is a `repeat` too: the same ciphertext always
 * decrypts to the same text, and for a dated time (`Arrival 2026-11-25 08:31:07`) the same instant
 * means the same event. A bare time (`Arrival 08:31`) resolves to the day it is received, so an
 * identical message on another day is still a new event, as the protocol requires.
 *
 * A new event gets its counted time and flags here (docs/attendance-rules.md section 1,
 * attendance/counted-time.ts): the time rule with the settings' tolerances and the app's
 * connection history, `unknown_sender` for a number not in the directory, and `too_many` for the
 * punches after the 8th from one number on one local day.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { AckState, MessageReason, MessageRecord, PunchFlag } from '../model.js';
import { countedTime, flagsColumn, MAX_PUNCHES_PER_DAY, type TimeTolerances } from '../attendance/counted-time.js';
import { hasExplicitDate } from '../protocol/attendance-text.js';
import { startOfLocalDay } from './local-day.js';
import type { ConnectionHistory } from './connection-history.js';
import { reasonColumns } from './reason-columns.js';
import { normalisePhone } from '../employees/phone-number.js';
import type { MessageParts, PartSetKey } from './message-parts.js';

export type MessageVerdict =
  | { kind: 'ignored'; reason: MessageReason }
  | { kind: 'rejected'; reason: MessageReason }
  /** `ackText` null: recorded without an acknowledgement (an unknown sender, when the settings say so). */
  | {
      kind: 'attendance';
      status: 'arrival' | 'exit';
      reportedTime: string;
      occurredAt: number | null;
      ackText: string | null;
    };

export interface RecordMessageInput {
  receivedAt: number;
  /** As received; the event's phone is its normalised form. */
  source: string;
  destination: string;
  dataCoding: number;
  esmClass: number;
  raw: Uint8Array;
  /** The base64 text between the `$$` delimiters, when one was found. */
  envelope: string | null;
  plaintext: string | null;
  verdict: MessageVerdict;
  /** 0 or less: no window (a redelivery of an already recorded event is still recognised, see above). */
  repeatWindowMs: number;
  /** For a message assembled from stored parts (or given up on): those parts, marked as used by it in the same transaction. */
  assembledFrom?: PartSetKey | null;
}

export interface RecordMessageResult {
  message: MessageRecord;
  eventId: number | null;
  ackId: number | null;
  /** For a repeat: the id of the message first recorded with this source and envelope. */
  repeatOf: number | null;
}

/** The parameters of the messages INSERT, in column order. */
type MessageInsertParams = [
  receivedAt: number,
  source: string,
  destination: string,
  dataCoding: number,
  esmClass: number,
  raw: Buffer,
  envelope: string | null,
  plaintext: string | null,
  outcome: string,
  reasonCode: string | null,
  reasonParams: string | null,
  repeatOf: number | null,
];

export class MessageRecorder {
  private readonly findRepeat: Statement<[string, string, number, number], { id: number; repeat_of: number | null }>;
  private readonly findSameEvent: Statement<[string, string, number], { id: number }>;
  private readonly insertMessage: Statement<MessageInsertParams>;
  private readonly insertEvent: Statement<
    [number, string, number | null, string, string, number | null, number, number, string | null]
  >;
  private readonly punchesInRange: Statement<[string, number, number], number>;
  private readonly insertAck: Statement<[number, string, string, string, number, number]>;
  private readonly employeeByPhone: Statement<[string], { id: number; name: string }>;
  private readonly run: (input: RecordMessageInput) => RecordMessageResult;

  constructor(
    db: Database,
    private readonly defaultCountry: () => string,
    private readonly parts: MessageParts,
    private readonly history: ConnectionHistory,
    private readonly tolerances: () => TimeTolerances,
  ) {
    // Uses the messages_repeat index (source, envelope, received_at).
    this.findRepeat = db.prepare(
      `SELECT id, repeat_of FROM messages
       WHERE source = ? AND envelope = ? AND received_at BETWEEN ? AND ? AND outcome IN ('recorded', 'repeat')
       ORDER BY received_at DESC, id DESC LIMIT 1`,
    );
    // messages_repeat index on (source, envelope), then the events' unique message_id. The `+` keeps
    // SQLite off messages_outcome: without statistics it chose (outcome = 'recorded') and walked every
    // recorded message in id order, for every incoming message.
    this.findSameEvent = db.prepare(
      `SELECT m.id FROM messages m JOIN events e ON e.message_id = m.id
       WHERE m.source = ? AND m.envelope = ? AND +m.outcome = 'recorded' AND e.occurred_at = ? AND e.corrects_id IS NULL
       ORDER BY m.id LIMIT 1`,
    );
    this.insertMessage = db.prepare(
      `INSERT INTO messages (received_at, source, destination, data_coding, esm_class, raw, envelope, plaintext, outcome, reason_code, reason_params, repeat_of)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertEvent = db.prepare(
      `INSERT INTO events (message_id, phone, employee_id, status, reported_time, occurred_at, received_at, at, flags)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.punchesInRange = db
      .prepare<[string, number, number], number>('SELECT COUNT(*) FROM events WHERE phone = ? AND at >= ? AND at < ?')
      .pluck();
    this.insertAck = db.prepare(
      `INSERT INTO acks (message_id, destination, source, text, state, next_attempt_at, queued_at)
       VALUES (?, ?, ?, ?, 'queued', ?, ?)`,
    );
    this.employeeByPhone = db.prepare('SELECT id, name FROM employees WHERE phone = ?');
    const tx = db.transaction((input: RecordMessageInput) => this.record(input));
    // IMMEDIATE: take the write lock first, so a busy database waits (busy_timeout) instead of
    // failing on the lock upgrade after the repeat lookup.
    this.run = (input) => tx.immediate(input);
  }

  recordMessage(input: RecordMessageInput): RecordMessageResult {
    return this.run(input);
  }

  private record(input: RecordMessageInput): RecordMessageResult {
    const { verdict } = input;
    const normalised = normalisePhone(input.source, this.defaultCountry());
    // A source no rule can read (letters, say) is kept as received rather than lose the event.
    const phone = normalised.ok ? normalised.phone : input.source.trim();
    const employee = this.employeeByPhone.get(phone) ?? null;

    if (verdict.kind !== 'attendance') {
      const id = this.insert(input, verdict.kind, verdict.reason, null);
      return {
        message: this.view(input, id, verdict.kind, verdict.reason, employee, null, null),
        eventId: null,
        ackId: null,
        repeatOf: null,
      };
    }

    const previous =
      input.envelope !== null && input.repeatWindowMs > 0
        ? this.findRepeat.get(input.source, input.envelope, input.receivedAt - input.repeatWindowMs, input.receivedAt)
        : undefined;
    const sameEvent =
      !previous && input.envelope !== null && verdict.occurredAt !== null
        ? this.findSameEvent.get(input.source, input.envelope, verdict.occurredAt)
        : undefined;
    const repeatOf = previous ? (previous.repeat_of ?? previous.id) : (sameEvent?.id ?? null);
    const outcome = repeatOf === null ? 'recorded' : 'repeat';
    const reason: MessageReason | null =
      repeatOf === null
        ? null
        : previous
          ? { code: 'repeat-in-window', params: { of: repeatOf } }
          : { code: 'repeat-redelivered', params: { of: repeatOf } };
    const messageId = this.insert(input, outcome, reason, repeatOf);

    let eventId: number | null = null;
    const flags: PunchFlag[] = [];
    if (repeatOf === null) {
      const time = countedTime(
        {
          occurredAt: verdict.occurredAt,
          receivedAt: input.receivedAt,
          explicitDate: hasExplicitDate(verdict.reportedTime),
          wasNotBoundAt: (at) => this.history.wasNotBoundAt(at),
        },
        this.tolerances(),
      );
      const at = time.countedAt;
      if (time.flag) flags.push(time.flag);
      if (!employee) flags.push('unknown_sender');
      const dayStart = startOfLocalDay(at);
      if (
        (this.punchesInRange.get(phone, dayStart, startOfLocalDay(dayStart + 36 * 3_600_000)) ?? 0) >=
        MAX_PUNCHES_PER_DAY
      )
        flags.push('too_many');
      eventId = Number(
        this.insertEvent.run(
          messageId,
          phone,
          employee?.id ?? null,
          verdict.status,
          verdict.reportedTime,
          verdict.occurredAt,
          input.receivedAt,
          at,
          flagsColumn(flags),
        ).lastInsertRowid,
      );
    }
    // The ack goes back to the sender, from the number it wrote to.
    const ackId =
      verdict.ackText === null
        ? null
        : Number(
            this.insertAck.run(
              messageId,
              input.source,
              input.destination,
              verdict.ackText,
              input.receivedAt,
              input.receivedAt,
            ).lastInsertRowid,
          );
    return {
      message: { ...this.view(input, messageId, outcome, reason, employee, eventId, ackId), flags },
      eventId,
      ackId,
      repeatOf,
    };
  }

  private insert(
    input: RecordMessageInput,
    outcome: string,
    reason: MessageReason | null,
    repeatOf: number | null,
  ): number {
    const raw = Buffer.from(input.raw.buffer, input.raw.byteOffset, input.raw.byteLength);
    const id = Number(
      this.insertMessage.run(
        input.receivedAt,
        input.source,
        input.destination,
        input.dataCoding,
        input.esmClass,
        raw,
        input.envelope,
        input.plaintext,
        outcome,
        ...reasonColumns(reason),
        repeatOf,
      ).lastInsertRowid,
    );
    if (input.assembledFrom) this.parts.consume(input.assembledFrom, id);
    return id;
  }

  private view(
    input: RecordMessageInput,
    id: number,
    outcome: MessageRecord['outcome'],
    reason: MessageReason | null,
    employee: { name: string } | null,
    eventId: number | null,
    ackId: number | null,
  ): MessageRecord {
    const ackState: AckState | null = ackId === null ? null : 'queued';
    return {
      id,
      receivedAt: input.receivedAt,
      source: input.source,
      destination: input.destination,
      dataCoding: input.dataCoding,
      plaintext: input.plaintext,
      outcome,
      reason,
      employeeName: employee?.name ?? null,
      eventId,
      flags: [],
      ackId,
      ackState,
    };
  }
}
