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
import type { AddedPunch, AttendanceStatus, CorrectionRecord, ReviewDecision } from '../model.js';
import { ReasonError } from '../reason-error.js';

/** SQL: event `e` has no correction (neither replaced nor voided). Probes the corrections_event index. */
export const NOT_CORRECTED = 'NOT EXISTS (SELECT 1 FROM corrections c WHERE c.event_id = e.id)';
/**
 * SQL: correction `c` is in force: no later correction of the same recorded punch, or of the same
 * added punch (`corrects_id`); an `add` row while no correction points at it.
 */
export const IN_FORCE = `(CASE
  WHEN c.event_id IS NOT NULL THEN NOT EXISTS (SELECT 1 FROM corrections c2 WHERE c2.event_id = c.event_id AND c2.id > c.id)
  WHEN c.corrects_id IS NOT NULL THEN NOT EXISTS (SELECT 1 FROM corrections c2 WHERE c2.corrects_id = c.corrects_id AND c2.id > c.id)
  ELSE NOT EXISTS (SELECT 1 FROM corrections c2 WHERE c2.corrects_id = c.id) END)`;

export const CORRECTION_COLUMNS = `c.id, c.kind, c.event_id AS eventId, c.status, c.at AS countedAt, c.decision, c.who, c.why, c.made_at AS madeAt`;

export type CorrectionInput =
  | { kind: 'add'; phone: string; employeeId: number | null; status: AttendanceStatus; at: number }
  | { kind: 'replace'; eventId: number; status?: AttendanceStatus; at: number }
  | { kind: 'void'; eventId: number };

/**
 * A correction of a punch added by hand or imported: `correctionId` is the id of its `add` row or of
 * any later correction of it (the id the views show).
 */
export type AddedPunchCorrection =
  | { kind: 'replace'; correctionId: number; status?: AttendanceStatus; at: number }
  | { kind: 'void'; correctionId: number };

/** An added punch as it counts now (`at` null when voided); `addId` is its `add` row. */
export interface AddedPunchState {
  addId: number;
  phone: string;
  employeeId: number | null;
  status: AttendanceStatus;
  at: number | null;
  source: 'manual' | 'import';
}

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

interface AddedRow {
  id: number;
  phone: string;
  employeeId: number | null;
  source: 'manual' | 'import';
  addedStatus: AttendanceStatus;
  addedAt: number;
  addedWho: string;
  addedWhy: string;
  addedMadeAt: number;
  cId: number | null;
  cKind: 'replace' | 'void' | null;
  cStatus: AttendanceStatus | null;
  cAt: number | null;
  cWho: string | null;
  cWhy: string | null;
  cMadeAt: number | null;
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
  private readonly row: Statement<
    [number],
    { id: number; kind: string; eventId: number | null; correctsId: number | null; source: 'manual' | 'import' }
  >;
  private readonly latestAdded: Statement<[number], CorrectionRecord>;
  private readonly addedLatest: Statement<[number, number], AddedPunchState>;
  private readonly addedOf: Statement<[{ employee: number | null; phone: string; limit: number }], AddedRow>;
  private readonly insertOfAdded: Statement<
    [string, number, string | null, number | null, string | null, number | null, string, string, number, string]
  >;

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
    this.row = db.prepare(
      'SELECT id, kind, event_id AS eventId, corrects_id AS correctsId, source FROM corrections WHERE id = ?',
    );
    // The latest row of an added punch's chain: its last correction, or the add itself.
    this.addedLatest = db.prepare(
      `SELECT ? AS addId, a.phone, a.employee_id AS employeeId, COALESCE(c.status, a.status) AS status,
              CASE WHEN c.id IS NULL THEN a.at ELSE c.at END AS at, a.source
       FROM corrections a LEFT JOIN corrections c ON c.id = (SELECT MAX(id) FROM corrections WHERE corrects_id = a.id)
       WHERE a.id = ?`,
    );
    this.latestAdded = db.prepare(
      `SELECT ${CORRECTION_COLUMNS} FROM corrections c WHERE c.corrects_id = ? ORDER BY c.id DESC LIMIT 1`,
    );
    this.insertOfAdded = db.prepare(
      `INSERT INTO corrections (kind, corrects_id, phone, employee_id, status, at, who, why, made_at, source)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A number's added punches, newest first by the time they were added for, each with its latest
    // correction. Both halves walk the corrections_employee_at index: the employee's own rows, and
    // the rows of the number from before it was anyone's (no employee).
    this.addedOf = db.prepare(
      `SELECT a.id, a.phone, a.employee_id AS employeeId, a.source, a.status AS addedStatus, a.at AS addedAt,
              a.who AS addedWho, a.why AS addedWhy, a.made_at AS addedMadeAt,
              c.id AS cId, c.kind AS cKind, c.status AS cStatus, c.at AS cAt, c.who AS cWho, c.why AS cWhy, c.made_at AS cMadeAt
       FROM (SELECT * FROM (SELECT id FROM corrections WHERE employee_id = :employee AND at IS NOT NULL AND kind = 'add'
                              AND phone = :phone ORDER BY at DESC, id DESC LIMIT :limit)
             UNION ALL
             SELECT * FROM (SELECT id FROM corrections WHERE employee_id IS NULL AND at IS NOT NULL AND kind = 'add'
                              AND phone = :phone ORDER BY at DESC, id DESC LIMIT :limit)) p
       JOIN corrections a ON a.id = p.id
       LEFT JOIN corrections c ON c.id = (SELECT MAX(id) FROM corrections WHERE corrects_id = a.id)
       ORDER BY a.at DESC, a.id DESC LIMIT :limit`,
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

  /** The added punch that correction `correctionId` added or corrected, as it counts now; null when there is none. */
  addedPunch(correctionId: number): AddedPunchState | null {
    const row = this.row.get(correctionId);
    if (!row || row.eventId !== null) return null;
    const addId = row.correctsId ?? row.id;
    return this.addedLatest.get(addId, addId) ?? null;
  }

  /**
   * The punches added by hand or imported for number `phone` (as stored), newest first, at most
   * `limit`; `employeeId`: the number's employee, if any.
   */
  addedPunches(phone: string, employeeId: number | null, limit: number): AddedPunch[] {
    return this.addedOf.all({ employee: employeeId, phone, limit }).map((r) => {
      const correction: CorrectionRecord | null =
        r.cId === null
          ? null
          : {
              id: r.cId,
              kind: r.cKind!,
              eventId: null,
              status: r.cStatus,
              countedAt: r.cAt,
              decision: null,
              who: r.cWho!,
              why: r.cWhy!,
              madeAt: r.cMadeAt!,
            };
      return {
        id: r.id,
        phone: r.phone,
        employeeId: r.employeeId,
        source: r.source,
        added: { status: r.addedStatus, at: r.addedAt, who: r.addedWho, why: r.addedWhy, madeAt: r.addedMadeAt },
        status: correction?.status ?? r.addedStatus,
        at: correction ? correction.countedAt : r.addedAt,
        correction,
      };
    });
  }

  /** The correction in force of the added punch whose add row is `addId`; null when it has none. */
  latestOfAdded(addId: number): CorrectionRecord | null {
    return this.latestAdded.get(addId) ?? null;
  }

  /** Call inside a transaction: replaces or voids the added punch `state` (from `addedPunch`). */
  correctAdded(input: AddedPunchCorrection, state: AddedPunchState, meta: CorrectionMeta): CorrectionRecord {
    const why = meta.why.trim();
    if (why === '') throw new ReasonError({ code: 'correction-why-missing' });
    const id = Number(
      (input.kind === 'void'
        ? this.insertOfAdded.run('void', state.addId, null, null, null, null, meta.who, why, meta.now, state.source)
        : this.insertOfAdded.run(
            'replace',
            state.addId,
            state.phone,
            state.employeeId,
            input.status ?? state.status,
            input.at,
            meta.who,
            why,
            meta.now,
            state.source,
          )
      ).lastInsertRowid,
    );
    return this.byId.get(id)!;
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
