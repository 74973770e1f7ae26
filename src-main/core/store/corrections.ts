/**
 * Corrections (docs/attendance-rules.md section 4): punches are never edited or deleted. A
 * correction is a new row of `corrections` that adds a punch, replaces one (new counted time, new
 * status) or voids one, pointing at the punch it changes, with who, when and why. The latest
 * correction of a punch is the one in force; the views (attendance-queries.ts, event-export.ts)
 * leave out every punch that has a correction and take the in-force replacements and additions
 * in their place, so the original stays visible beside its correction in the event list.
 *
 * A review decision (accept the reported time, keep the receipt time, void) is a correction with
 * its decision recorded; the Review list shows flagged punches that have none.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { AttendanceStatus, CorrectionRecord, ReviewDecision } from '../model.js';
import { ReasonError } from '../reason-error.js';

/** SQL: event `e` has no correction (neither replaced nor voided). Probes the corrections_event index. */
export const NOT_CORRECTED = 'NOT EXISTS (SELECT 1 FROM corrections c WHERE c.event_id = e.id)';
/** SQL: correction `c` is in force (no later correction of the same punch). */
export const IN_FORCE =
  '(c.event_id IS NULL OR NOT EXISTS (SELECT 1 FROM corrections c2 WHERE c2.event_id = c.event_id AND c2.id > c.id))';

export const CORRECTION_COLUMNS = `c.id, c.kind, c.event_id AS eventId, c.status, c.at AS countedAt, c.decision, c.who, c.why, c.made_at AS madeAt`;

export type CorrectionInput =
  | { kind: 'add'; phone: string; employeeId: number | null; status: AttendanceStatus; at: number }
  | { kind: 'replace'; eventId: number; status?: AttendanceStatus; at: number }
  | { kind: 'void'; eventId: number };

export interface CorrectionMeta {
  who: string;
  why: string;
  now: number;
  decision?: ReviewDecision | null;
}

interface EventRow {
  id: number;
  phone: string;
  employeeId: number | null;
  status: AttendanceStatus;
  occurredAt: number | null;
  receivedAt: number;
}

export class Corrections {
  private readonly event: Statement<[number], EventRow>;
  private readonly insert: Statement<
    [
      string,
      number | null,
      string | null,
      number | null,
      string | null,
      number | null,
      string | null,
      string,
      string,
      number,
    ]
  >;
  private readonly byId: Statement<[number], CorrectionRecord>;
  private readonly counted: Statement<[number], number>;
  private readonly inForce: Statement<[number], CorrectionRecord>;
  private readonly tx: (input: CorrectionInput, meta: CorrectionMeta) => CorrectionRecord;

  constructor(db: Database) {
    this.event = db.prepare(
      'SELECT id, phone, employee_id AS employeeId, status, occurred_at AS occurredAt, received_at AS receivedAt FROM events WHERE id = ?',
    );
    this.insert = db.prepare(
      'INSERT INTO corrections (kind, event_id, phone, employee_id, status, at, decision, who, why, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare(`SELECT ${CORRECTION_COLUMNS} FROM corrections c WHERE c.id = ?`);
    this.counted = db.prepare<[number], number>('SELECT at FROM events WHERE id = ?').pluck();
    this.inForce = db.prepare(
      `SELECT ${CORRECTION_COLUMNS} FROM corrections c WHERE c.event_id = ? ORDER BY c.id DESC LIMIT 1`,
    );
    const tx = db.transaction((input: CorrectionInput, meta: CorrectionMeta) => this.write(input, meta));
    this.tx = (input, meta) => tx.immediate(input, meta);
  }

  /** Records a correction; throws a ReasonError for a punch that does not exist or a missing reason. */
  add(input: CorrectionInput, meta: CorrectionMeta): CorrectionRecord {
    return this.tx(input, meta);
  }

  /** A review decision about punch `eventId`, recorded as a correction. */
  decide(eventId: number, decision: ReviewDecision, meta: Omit<CorrectionMeta, 'decision'>): CorrectionRecord {
    const event = this.event.get(eventId);
    if (!event) throw new ReasonError({ code: 'punch-not-found', params: { id: eventId } });
    if (decision === 'void') return this.add({ kind: 'void', eventId }, { ...meta, decision });
    if (decision === 'accept_reported') {
      if (event.occurredAt === null) throw new ReasonError({ code: 'no-reported-time', params: { id: eventId } });
      return this.add({ kind: 'replace', eventId, at: event.occurredAt }, { ...meta, decision });
    }
    return this.add({ kind: 'replace', eventId, at: event.receivedAt }, { ...meta, decision });
  }

  /** The correction in force for a punch, or null. */
  forEvent(eventId: number): CorrectionRecord | null {
    return this.inForce.get(eventId) ?? null;
  }

  /**
   * A recorded punch as it counts now (its correction in force applied; `at` null when voided),
   * or null when there is no such punch.
   */
  current(
    eventId: number,
  ): { phone: string; employeeId: number | null; status: AttendanceStatus; at: number | null; counted: number } | null {
    const event = this.event.get(eventId);
    if (!event) return null;
    const counted = this.counted.get(eventId)!;
    const correction = this.forEvent(eventId);
    if (!correction)
      return { phone: event.phone, employeeId: event.employeeId, status: event.status, at: counted, counted };
    return {
      phone: event.phone,
      employeeId: event.employeeId,
      status: correction.status ?? event.status,
      at: correction.countedAt,
      counted,
    };
  }

  private write(input: CorrectionInput, meta: CorrectionMeta): CorrectionRecord {
    const why = meta.why.trim();
    if (why === '') throw new ReasonError({ code: 'correction-why-missing' });
    const decision = meta.decision ?? null;
    // The punch a correction adds, or the new time and status of the one it replaces; a void carries none.
    let target: [
      kind: CorrectionInput['kind'],
      eventId: number | null,
      phone: string | null,
      employeeId: number | null,
      status: AttendanceStatus | null,
      at: number | null,
    ];
    if (input.kind === 'add') {
      target = ['add', null, input.phone, input.employeeId, input.status, input.at];
    } else {
      const event = this.event.get(input.eventId);
      if (!event) throw new ReasonError({ code: 'punch-not-found', params: { id: input.eventId } });
      target =
        input.kind === 'void'
          ? ['void', event.id, null, null, null, null]
          : ['replace', event.id, event.phone, event.employeeId, input.status ?? event.status, input.at];
    }
    const id = Number(this.insert.run(...target, decision, meta.who, why, meta.now).lastInsertRowid);
    return this.byId.get(id)!;
  }
}
