/**
 * The message log's reads (the `messages` table): pages of messages newest first (keyset on id, so a page stays
 * stable while messages arrive), one message's details, and the totals.
 *
 * Totals are kept cheap: counted once, then kept up to date by `noteRecorded` for this
 * connection's own inserts, and counted again only when `PRAGMA data_version` shows that another
 * connection (a CLI import, say) has committed.
 */
import type { Database, Statement } from 'better-sqlite3';
import type {
  AckReason,
  MessageDetail,
  MessageOutcome,
  MessageQuery,
  MessageReason,
  MessageRecord,
  Page,
} from '../model.js';
import { normalisePhone } from '../employees/phone-number.js';
import { readReason } from './reason-columns.js';
import { readFlags } from '../attendance/counted-time.js';

/** What SELECT yields: a MessageRecord with its reason still in its columns. */
interface RecordRow extends Omit<MessageRecord, 'reason' | 'flags'> {
  flags: string | null;
  reasonCode: string | null;
  reasonParams: string | null;
  reasonText: string | null;
}

interface DetailRow extends RecordRow {
  raw: Buffer;
  envelope: string | null;
  ackText: string | null;
  ackErrorCode: string | null;
  ackErrorParams: string | null;
  ackErrorText: string | null;
  smscMessageId: string | null;
}

const SELECT = `
  SELECT m.id, m.received_at AS receivedAt, m.source, m.destination, m.data_coding AS dataCoding, m.plaintext,
         m.outcome, m.reason_code AS reasonCode, m.reason_params AS reasonParams, m.reason AS reasonText, emp.name AS employeeName, ev.id AS eventId, ev.flags, a.id AS ackId, a.state AS ackState`;
const FROM = `
  FROM messages m
  LEFT JOIN events ev ON ev.message_id = m.id
  LEFT JOIN employees emp ON emp.id = ev.employee_id
  LEFT JOIN acks a ON a.message_id = m.id`;

const NO_UPPER_ID = Number.MAX_SAFE_INTEGER;

export class MessageQueries {
  private readonly page: Statement<[number, number], RecordRow>;
  private readonly pageByOutcome: Statement<[number, string, number], RecordRow>;
  private readonly detail: Statement<[number], DetailRow>;
  private readonly nameByPhone: Statement<[string], { name: string }>;
  private readonly countAll: Statement<[], number>;
  private readonly countByOutcome: Statement<[string], number>;
  private readonly dataVersion: Statement<[], number>;
  private counts = new Map<MessageOutcome | 'all', number>();
  private countsVersion = -1;

  constructor(
    db: Database,
    private readonly defaultCountry: () => string,
  ) {
    this.page = db.prepare(`${SELECT} ${FROM} WHERE m.id < ? ORDER BY m.id DESC LIMIT ?`);
    this.pageByOutcome = db.prepare(`${SELECT} ${FROM} WHERE m.id < ? AND m.outcome = ? ORDER BY m.id DESC LIMIT ?`);
    this.detail = db.prepare(
      `${SELECT}, m.raw, m.envelope, a.text AS ackText, a.error_code AS ackErrorCode, a.error_params AS ackErrorParams, a.error AS ackErrorText, a.smsc_message_id AS smscMessageId ${FROM} WHERE m.id = ?`,
    );
    this.nameByPhone = db.prepare('SELECT name FROM employees WHERE phone = ?');
    this.countAll = db.prepare<[], number>('SELECT COUNT(*) FROM messages').pluck();
    this.countByOutcome = db.prepare<[string], number>('SELECT COUNT(*) FROM messages WHERE outcome = ?').pluck();
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  list(q: MessageQuery): Page<MessageRecord> {
    const before = q.beforeId ?? NO_UPPER_ID;
    const rows = q.outcome ? this.pageByOutcome.all(before, q.outcome, q.limit) : this.page.all(before, q.limit);
    return { rows: this.withNames(rows.map(toRecord)), total: this.count(q.outcome) };
  }

  details(id: number): MessageDetail | null {
    const row = this.detail.get(id);
    if (!row) return null;
    const [named] = this.withNames([toRecord(row)]);
    return {
      ...(named as MessageRecord),
      rawHex: row.raw.toString('hex'),
      envelope: row.envelope,
      ackText: row.ackText,
      ackError: readReason<AckReason>(row.ackErrorCode, row.ackErrorParams, row.ackErrorText),
      smscMessageId: row.smscMessageId,
    };
  }

  /** Number of messages, optionally of one outcome. */
  count(outcome?: MessageOutcome): number {
    const version = this.dataVersion.get() ?? 0;
    if (version !== this.countsVersion) {
      this.counts.clear();
      this.countsVersion = version;
    }
    const key = outcome ?? 'all';
    let n = this.counts.get(key);
    if (n === undefined) {
      n = (outcome ? this.countByOutcome.get(outcome) : this.countAll.get()) ?? 0;
      this.counts.set(key, n);
    }
    return n;
  }

  /** Call after this connection committed a new message, to keep the cached totals right. */
  noteRecorded(outcome: MessageOutcome): void {
    for (const key of ['all', outcome] as const) {
      const n = this.counts.get(key);
      if (n !== undefined) this.counts.set(key, n + 1);
    }
  }

  /** Messages without an event (repeats, rejected, ignored) get the name of their sender, if known. */
  private withNames<T extends MessageRecord>(rows: T[]): T[] {
    const cache = new Map<string, string | null>();
    for (const row of rows) {
      if (row.employeeName !== null || row.eventId !== null) continue;
      let name = cache.get(row.source);
      if (name === undefined) {
        const phone = normalisePhone(row.source, this.defaultCountry());
        name = phone.ok ? (this.nameByPhone.get(phone.phone)?.name ?? null) : null;
        cache.set(row.source, name);
      }
      row.employeeName = name;
    }
    return rows;
  }
}

function toRecord(row: RecordRow): MessageRecord {
  return {
    id: row.id,
    receivedAt: row.receivedAt,
    source: row.source,
    destination: row.destination,
    dataCoding: row.dataCoding,
    plaintext: row.plaintext,
    outcome: row.outcome,
    reason: readReason<MessageReason>(row.reasonCode, row.reasonParams, row.reasonText),
    employeeName: row.employeeName,
    eventId: row.eventId,
    flags: readFlags(row.flags),
    ackId: row.ackId,
    ackState: row.ackState,
  };
}
