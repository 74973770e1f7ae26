/**
 * The parts of long (multipart) messages, in the database (see migrations/003-message-parts.ts for
 * why not in memory). Statements only: the caller runs them inside its transaction, so that storing
 * the last part, assembling the message and recording it happen in one commit, and a part is
 * answered ESME_ROK only once it is durable.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { MultipartReason } from '../model.js';

/** A part as read from the deliver_sm: the concatenation header already removed from `body`. */
export interface PartInput {
  source: string;
  destination: string;
  ref: number;
  total: number;
  seq: number;
  dataCoding: number;
  esmClass: number;
  body: Uint8Array;
  receivedAt: number;
}

/** Parts of one message share the sender, the reference and the count. */
export interface PartSetKey {
  source: string;
  ref: number;
  total: number;
}

export type AddPartResult =
  /** Stored; waiting for the others. */
  | { kind: 'held'; received: number; total: number }
  /**
   * All parts are there: `body` is their text in order. `set` is null for a one-part "set" (nothing
   * was stored). `again` is true when the part belongs to a message assembled before (the gateway
   * delivered it again): recording it then yields a repeat of that message.
   */
  | { kind: 'complete'; body: Buffer; dataCoding: number; parts: number; set: PartSetKey | null; again: boolean }
  | { kind: 'invalid'; reason: MultipartReason };

/** A set given up: its parts so far, for the `rejected` message that records it. */
export interface StalePartSet {
  set: PartSetKey;
  destination: string;
  esmClass: number;
  dataCoding: number;
  received: number;
  /** The received parts' text in order (gaps closed up). */
  body: Buffer;
}

interface PartRow {
  seq: number;
  body: Buffer;
  dataCoding: number;
}

export class MessageParts {
  private readonly waiting: Statement<[string, number, number], PartRow>;
  private readonly insert: Statement<[string, string, number, number, number, number, number, Buffer, number]>;
  private readonly assembledMatch: Statement<[string, number, number, number, Buffer], { messageId: number }>;
  private readonly partsOf: Statement<[number], PartRow>;
  private readonly consumeSet: Statement<[number, string, number, number]>;
  private readonly staleSets: Statement<[number], { source: string; ref: number; total: number }>;
  private readonly firstPart: Statement<[string, number, number], { destination: string; esmClass: number }>;
  private readonly purge: Statement<[number]>;

  constructor(db: Database) {
    this.waiting = db.prepare(
      `SELECT seq, body, data_coding AS dataCoding FROM message_parts
       WHERE source = ? AND ref = ? AND total = ? AND message_id IS NULL ORDER BY seq`,
    );
    this.insert = db.prepare(
      `INSERT INTO message_parts (source, destination, ref, total, seq, data_coding, esm_class, body, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.assembledMatch = db.prepare(
      `SELECT message_id AS messageId FROM message_parts
       WHERE source = ? AND ref = ? AND total = ? AND seq = ? AND body = ? AND message_id IS NOT NULL
       ORDER BY id DESC LIMIT 1`,
    );
    this.partsOf = db.prepare(
      'SELECT seq, body, data_coding AS dataCoding FROM message_parts WHERE message_id = ? ORDER BY seq',
    );
    this.consumeSet = db.prepare(
      'UPDATE message_parts SET message_id = ? WHERE source = ? AND ref = ? AND total = ? AND message_id IS NULL',
    );
    this.staleSets = db.prepare(
      `SELECT source, ref, total FROM message_parts WHERE message_id IS NULL
       GROUP BY source, ref, total HAVING MAX(received_at) < ? ORDER BY MIN(id)`,
    );
    this.firstPart = db.prepare(
      `SELECT destination, esm_class AS esmClass FROM message_parts
       WHERE source = ? AND ref = ? AND total = ? AND message_id IS NULL ORDER BY id LIMIT 1`,
    );
    this.purge = db.prepare('DELETE FROM message_parts WHERE message_id IS NOT NULL AND received_at < ?');
  }

  /**
   * Stores a part (an identical copy of a waiting part is not stored twice) and says whether its
   * message is complete. Run inside a transaction.
   */
  add(part: PartInput, maxParts: number): AddPartResult {
    const { source, ref, total, seq } = part;
    if (total > maxParts)
      return { kind: 'invalid', reason: { code: 'parts-over-limit', params: { total, limit: maxParts } } };
    const body = Buffer.from(part.body.buffer, part.body.byteOffset, part.body.byteLength);
    if (total === 1)
      return {
        kind: 'complete',
        body: Buffer.from(body),
        dataCoding: part.dataCoding,
        parts: 1,
        set: null,
        again: false,
      };

    const set: PartSetKey = { source, ref, total };
    const waiting = this.waiting.all(source, ref, total);
    if (waiting.length > 0 && waiting[0]!.dataCoding !== part.dataCoding) {
      return {
        kind: 'invalid',
        reason: {
          code: 'parts-coding-conflict',
          params: { dataCoding: part.dataCoding, firstDataCoding: waiting[0]!.dataCoding },
        },
      };
    }
    const same = waiting.find((w) => w.seq === seq);
    if (same) {
      if (!same.body.equals(body)) return { kind: 'invalid', reason: { code: 'part-differs', params: { seq, total } } };
    } else {
      if (waiting.length === 0) {
        const earlier = this.assembledMatch.get(source, ref, total, seq, body);
        const rows = earlier ? this.partsOf.all(earlier.messageId) : [];
        if (rows.length === total)
          return {
            kind: 'complete',
            body: joined(rows),
            dataCoding: rows[0]!.dataCoding,
            parts: total,
            set,
            again: true,
          };
      }
      this.insert.run(source, part.destination, ref, total, seq, part.dataCoding, part.esmClass, body, part.receivedAt);
      waiting.push({ seq, body, dataCoding: part.dataCoding });
    }
    if (waiting.length < total) return { kind: 'held', received: waiting.length, total };
    return { kind: 'complete', body: joined(waiting), dataCoding: part.dataCoding, parts: total, set, again: false };
  }

  /** Marks the waiting parts of `set` as used by message `messageId`. Run in the transaction that records it. */
  consume(set: PartSetKey, messageId: number): void {
    this.consumeSet.run(messageId, set.source, set.ref, set.total);
  }

  /** Waiting sets whose newest part arrived before `before`. */
  stale(before: number): StalePartSet[] {
    return this.staleSets.all(before).map((set) => {
      const rows = this.waiting.all(set.source, set.ref, set.total);
      const first = this.firstPart.get(set.source, set.ref, set.total)!;
      return {
        set,
        destination: first.destination,
        esmClass: first.esmClass,
        dataCoding: rows[0]!.dataCoding,
        received: rows.length,
        body: joined(rows),
      };
    });
  }

  /** Forgets parts of messages recorded before `before`; returns how many. */
  purgeUsed(before: number): number {
    return this.purge.run(before).changes;
  }
}

function joined(rows: PartRow[]): Buffer {
  return Buffer.concat([...rows].sort((a, b) => a.seq - b.seq).map((r) => r.body));
}
