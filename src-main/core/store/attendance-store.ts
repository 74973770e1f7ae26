/**
 * The one door to the database: messages, attendance events, employees and the ack outbox.
 * Synchronous (better-sqlite3), statements prepared once, every write in one transaction.
 *
 * Every SQLite failure (disk full, locked by another program, I/O error, read-only file) is thrown
 * as a StorageError with a message for the user: the pipeline then answers the gateway with a
 * temporary error and the gateway keeps the message, so nothing is lost.
 */
import type { Database, Statement } from 'better-sqlite3';
import { userInfo } from 'node:os';
import type {
  AckReason,
  AddedPunch,
  AttendanceStatus,
  AuditEntry,
  ClosedPeriod,
  DashboardData,
  DayResult,
  EmployeeMonth,
  Holiday,
  MonthPunch,
  TimesheetRow,
  Leave,
  LeaveInput,
  Shift,
  ShiftAssignment,
  ShiftInput,
  ConnectionInterval,
  CorrectionRecord,
  ReviewDecision,
  DaySummaryRow,
  Employee,
  EventRecord,
  ImportReport,
  MessageDetail,
  MessageQuery,
  MessageRecord,
  Page,
  PresenceRow,
  UnknownSender,
} from '../model.js';
import type { EmployeeInput } from '../employees/employee-input.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';
import { openDatabase, openReadOnlyDatabase } from './database.js';
import { guarded, toStorageError } from './storage-error.js';
import { MessageRecorder, type RecordMessageInput, type RecordMessageResult } from './record-message.js';
import { MessageQueries } from './message-queries.js';
import { AckOutbox, type OutboxAck, type ReceiptApplied } from './ack-outbox.js';
import { MessageParts, type AddPartResult, type PartInput, type StalePartSet } from './message-parts.js';
import { AttendanceQueries, type EventFilter } from './attendance-queries.js';
import { openEventExport, type EventExport } from './event-export.js';
import { EmployeeTable } from './employee-table.js';
import type { OwnKeyCipher } from '../employees/own-key-cipher.js';
import { importEmployeesCsv, type ImportLimits } from '../employees/employee-csv-import.js';
import { assertSupportedCountry, normalisePhone } from '../employees/phone-number.js';
import { foldForSearch } from '../employees/search-fold.js';
import { SETTINGS_DEFAULTS } from '../settings/settings-defaults.js';
import { SEARCH_FOLD_SQL_FUNCTION } from './person-search.js';
import { ConnectionHistory } from './connection-history.js';
import { Corrections, type CorrectionInput } from './corrections.js';
import type { TimeTolerances } from '../attendance/counted-time.js';
import { MINUTE_MS } from '../settings/settings-defaults.js';
import { AuditLog, type AuditInput, type AuditQuery, type ChangeMeta } from './audit-log.js';
import { ClosedPeriods } from './closed-periods.js';
import { ShiftTable, type AssignInput } from './shift-table.js';
import { HolidayTable } from './holiday-table.js';
import { LeaveTable } from './leave-table.js';
import { PunchImport, type PunchImportRow } from './punch-import.js';
import { parseHolidaysCsv } from '../attendance/holiday-csv.js';
import { eachDate, iranFixedHolidays, localDateOf, localDay } from '../attendance/calendar.js';
import { summarize } from '../attendance/timesheet.js';
import { ReasonError } from '../reason-error.js';
import { TimesheetReader, type TimesheetFilter } from './timesheet-read.js';
import { CORRECTION_COLUMNS, type AddedPunchCorrection } from './corrections.js';
import type { ValidEmployee } from '../employees/validate-employee.js';

export type { RecordMessageInput, RecordMessageResult, MessageVerdict } from './record-message.js';
export type { OutboxAck, ReceiptApplied } from './ack-outbox.js';
export type { AddPartResult, PartInput, PartSetKey, StalePartSet } from './message-parts.js';
export type { EventFilter } from './attendance-queries.js';
export type { EventExport, ExportEventRow } from './event-export.js';
export type { CorrectionInput } from './corrections.js';
export type { AuditInput, AuditQuery, ChangeMeta } from './audit-log.js';
export type { AssignInput } from './shift-table.js';
export type { PunchImportRow } from './punch-import.js';
export type { TimesheetFilter } from './timesheet-read.js';

/** A page of the timesheet: `total` employees match, `rows` are those from `offset`. */
export interface TimesheetQuery extends TimesheetFilter {
  offset?: number;
  /** Default: all. */
  limit?: number;
  /** The instant the days are computed at (a day not ended yet shows what is known so far). */
  now: number;
}
export type { TimeTolerances } from '../attendance/counted-time.js';
export { StorageError } from './storage-error.js';
export { DatabaseTooNewError } from './database.js';
export { EmployeeExistsError, EmployeeInputError, EmployeeNotFoundError } from '../employees/employee-errors.js';

export interface StoreOptions {
  /** Clock for employee timestamps and "now" in day summaries. Default Date.now. */
  now?: () => number;
  /** Country for numbers written nationally (0910...). Default IR. */
  defaultCountry?: string;
  /** How long to wait for another program's write lock. Default 2000 ms. */
  busyTimeoutMs?: number;
  /** Tolerances of the counted-time rule. Default: settings-defaults.ts. */
  tolerances?: TimeTolerances;
  /**
   * The cipher of the data key that seals employees' own keys (core/employees/data-key.ts), called
   * when first needed. With it, plaintext keys of an older database are sealed at open. Without
   * it, own keys can be neither set nor read (export, status and backups need none).
   */
  ownKeys?: () => OwnKeyCipher;
  /** Who is at the PC, for audit entries of changes made without an explicit `who`. Default: the OS user name. */
  operator?: () => string;
  /**
   * Checkpoint the write-ahead log on a worker thread (store/wal-checkpointer.ts) from the first
   * group commit (`batch`) on, i.e. in the processes that ingest. Default true; false: SQLite's own
   * checkpoints inside the writer's commits.
   */
  backgroundCheckpoints?: boolean;
}

/** The OS user name, or 'unknown' where the system has none. */
export function osOperator(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export const DEFAULT_TOLERANCES: TimeTolerances = {
  lateMs: SETTINGS_DEFAULTS.lateToleranceMinutes * MINUTE_MS,
  futureMs: SETTINGS_DEFAULTS.futureToleranceMinutes * MINUTE_MS,
};

/** The end of every range that reaches into the future (an assignment applies from its date on). */
const LAST_DATE = '9999-12-31';

/** The row a change of each entity is about (auditedChange records it before and after). */
interface AuditedRows {
  shift: Shift;
  assignment: ShiftAssignment;
  holiday: Holiday;
  leave: Leave;
  period: ClosedPeriod;
  employee: Employee;
}

export function openStore(path: string, opts: StoreOptions = {}): AttendanceStore {
  return new AttendanceStore(path, opts);
}

export class AttendanceStore {
  readonly path: string;
  private readonly db: Database;
  private readonly now: () => number;
  private readonly busyTimeoutMs: number | undefined;
  private country: string;
  private closed = false;
  private readonly recorder: MessageRecorder;
  private readonly parts: MessageParts;
  private readonly addPartTx: (part: PartInput, maxParts: number) => AddPartResult;
  private readonly messages: MessageQueries;
  private readonly outbox: AckOutbox;
  private readonly attendance: AttendanceQueries;
  private readonly employees: EmployeeTable;
  private readonly history: ConnectionHistory;
  private readonly corrections: Corrections;
  private readonly audit: AuditLog;
  private readonly periods: ClosedPeriods;
  private readonly shifts: ShiftTable;
  private readonly holidays: HolidayTable;
  private readonly leave: LeaveTable;
  private readonly punchImport: PunchImport;
  private readonly timesheets: TimesheetReader;
  private readonly monthAdded: Statement<[number, number, number], CorrectionRecord & { source: 'manual' | 'import' }>;
  private operatorName: () => string;
  private tolerances: TimeTolerances;
  private readonly batchTx: (body: () => unknown) => unknown;
  private readonly backgroundCheckpoints: boolean;
  private checkpointer: WalCheckpointer | null = null;
  /** How many plaintext own keys of an older database were sealed when this store opened. */
  readonly sealedAtOpen: number = 0;
  /** Why plaintext own keys of an older database could not be sealed at open (they are kept as they were). */
  readonly sealingError: Error | null = null;
  /** Inside batch(): message-count updates wait for the commit (a rollback must not count them). */
  private pendingCounts: MessageRecord['outcome'][] | null = null;

  constructor(path: string, opts: StoreOptions = {}) {
    const country = opts.defaultCountry ?? SETTINGS_DEFAULTS.defaultCountry;
    assertSupportedCountry(country);
    this.path = path;
    this.now = opts.now ?? Date.now;
    this.country = country;
    this.busyTimeoutMs = opts.busyTimeoutMs;
    this.operatorName = opts.operator ?? osOperator;
    this.tolerances = opts.tolerances ?? DEFAULT_TOLERANCES;
    this.backgroundCheckpoints = (opts.backgroundCheckpoints ?? true) && path !== ':memory:';
    this.db = openDatabase(path, opts.busyTimeoutMs !== undefined ? { busyTimeoutMs: opts.busyTimeoutMs } : {});
    try {
      this.db.function(SEARCH_FOLD_SQL_FUNCTION, { deterministic: true }, (text: unknown) =>
        typeof text === 'string' ? foldForSearch(text) : null,
      );
      const defaultCountry = (): string => this.country;
      this.parts = new MessageParts(this.db);
      const addPart = this.db.transaction((part: PartInput, maxParts: number) => this.parts.add(part, maxParts));
      this.addPartTx = (part, maxParts) => addPart.immediate(part, maxParts);
      this.history = new ConnectionHistory(this.db);
      this.corrections = new Corrections(this.db);
      this.audit = new AuditLog(this.db);
      this.periods = new ClosedPeriods(this.db);
      this.shifts = new ShiftTable(this.db);
      this.holidays = new HolidayTable(this.db, iranFixedHolidays);
      this.leave = new LeaveTable(this.db);
      this.punchImport = new PunchImport(this.db);
      this.monthAdded = this.db.prepare(
        `SELECT ${CORRECTION_COLUMNS}, c.source FROM corrections c
         WHERE c.kind = 'add' AND c.employee_id = ? AND c.at >= ? AND c.at < ? ORDER BY c.at, c.id`,
      );
      this.recorder = new MessageRecorder(this.db, defaultCountry, this.parts, this.history, () => this.tolerances);
      this.messages = new MessageQueries(this.db, defaultCountry);
      this.outbox = new AckOutbox(this.db);
      this.attendance = new AttendanceQueries(this.db, { now: this.now, defaultCountry });
      this.employees = new EmployeeTable(this.db, {
        now: this.now,
        defaultCountry,
        ...(opts.ownKeys ? { ownKeys: opts.ownKeys } : {}),
      });
      this.timesheets = new TimesheetReader(this.db, {
        employees: this.employees,
        shifts: this.shifts,
        holidays: this.holidays,
        leave: this.leave,
        history: this.history,
      });
      if (opts.ownKeys) {
        try {
          this.sealedAtOpen = this.employees.sealPlaintextKeys();
        } catch (error) {
          // The data key cannot be had (a keychain that changed): the plaintext keys stay as they were, none lost.
          this.sealingError = error as Error;
        }
      }
      const tx = this.db.transaction((body: () => unknown) => body());
      this.batchTx = (body) => tx.immediate(body);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  // ---- inbound messages -------------------------------------------------------------------

  /**
   * Stores a message and, for attendance, its event (unless a repeat) and ack, in one transaction
   * (inside `batch`, in one savepoint of the batch's transaction).
   */
  recordMessage(input: RecordMessageInput): RecordMessageResult {
    const result = guarded(() => this.recorder.recordMessage(input));
    if (this.pendingCounts) this.pendingCounts.push(result.message.outcome);
    else this.messages.noteRecorded(result.message.outcome);
    return result;
  }

  /**
   * Stores one part of a long message, in one transaction (a savepoint inside `batch`), and says
   * whether its message is complete. Record the complete message with `assembledFrom` in the same
   * batch, so that the last part, the message and its event commit together.
   */
  addPart(part: PartInput, maxParts: number): AddPartResult {
    return guarded(() => this.addPartTx(part, maxParts));
  }

  /** Sets of parts still waiting whose newest part arrived before `before`. */
  staleParts(before: number): StalePartSet[] {
    return guarded(() => this.parts.stale(before));
  }

  /** Forgets the parts of messages recorded (or given up) before `before`. */
  purgeUsedParts(before: number): number {
    return guarded(() => this.parts.purgeUsed(before));
  }

  /**
   * Group commit: runs `body` in ONE immediate transaction, so that one fsync (synchronous=FULL)
   * makes all of its writes durable, instead of one fsync per write. Store writes called inside
   * (recordMessage, applyDeliveryReceipt) become savepoints: one that throws is undone alone and
   * the batch goes on. `isOpen()` turns false when SQLite has rolled the whole transaction back
   * by itself (disk full, I/O error); nothing may be written after that, or it would commit on its
   * own outside the batch. Nothing in the batch is durable before this returns; if it throws,
   * nothing in it was stored.
   */
  batch<T>(body: (isOpen: () => boolean) => T): T {
    if (this.pendingCounts) return body(() => this.db.inTransaction); // nested: part of the outer batch
    if (this.backgroundCheckpoints && this.checkpointer === null)
      this.checkpointer = startWalCheckpointer(this.path, this.db);
    const counts: MessageRecord['outcome'][] = [];
    this.pendingCounts = counts;
    let result: T;
    try {
      result = guarded(() => this.batchTx(() => body(() => this.db.inTransaction)) as T);
    } finally {
      this.pendingCounts = null;
    }
    for (const outcome of counts) this.messages.noteRecorded(outcome);
    return result;
  }

  // ---- ack outbox -------------------------------------------------------------------------

  /** Queued acks due at `now`, oldest first. */
  dueAcks(now: number, limit: number): OutboxAck[] {
    return guarded(() => this.outbox.dueAcks(now, limit));
  }

  /** The earliest next_attempt_at of a queued ack, or null when none is queued. */
  nextAckDueAt(): number | null {
    return guarded(() => this.outbox.nextAckDueAt());
  }

  /** Acks still waiting to be sent. */
  queuedAcks(): number {
    return guarded(() => this.outbox.queuedAcks());
  }

  markAckSubmitted(id: number, smscMessageId: string, now: number): void {
    guarded(() => this.outbox.markAckSubmitted(id, smscMessageId, now));
  }

  /** Counts an attempt and keeps the ack queued until `nextAttemptAt`. */
  markAckRetry(id: number, error: AckReason, nextAttemptAt: number): void {
    guarded(() => this.outbox.markAckRetry(id, error, nextAttemptAt));
  }

  markAckFailed(id: number, error: AckReason, now: number): void {
    guarded(() => this.outbox.markAckFailed(id, error, now));
  }

  /**
   * Moves a submitted ack to delivered/failed (with `failure` as its error); null if no submitted
   * ack has one of these ids.
   */
  applyDeliveryReceipt(
    smscMessageIds: string[],
    state: 'delivered' | 'failed',
    now: number,
    failure: AckReason | null = null,
  ): ReceiptApplied | null {
    return guarded(() => this.outbox.applyDeliveryReceipt(smscMessageIds, state, now, failure));
  }

  // ---- message log ------------------------------------------------------------------------

  /** Newest first; page on with `beforeId` = the last row's id. `total` counts all matching messages. */
  listMessages(q: MessageQuery): Page<MessageRecord> {
    return guarded(() => this.messages.list(q));
  }

  getMessage(id: number): MessageDetail | null {
    return guarded(() => this.messages.details(id));
  }

  // ---- attendance -------------------------------------------------------------------------

  whoIsIn(q: { search?: string; since: number }): PresenceRow[] {
    return guarded(() => this.attendance.whoIsIn(q));
  }

  /** Throws a RangeError for a date that does not exist. */
  daySummary(q: { date: string; search?: string }): DaySummaryRow[] {
    return guarded(() => this.attendance.daySummary(q));
  }

  /** Newest first. `fromMs` inclusive, `toMs` exclusive, on the event's time. */
  listEvents(q: EventFilter & { offset: number; limit: number }): Page<EventRecord> {
    return guarded(() => this.attendance.listEvents(q));
  }

  /** Flagged punches that need review (pending) or were decided, newest first by counted time. */
  reviewList(q: { state: 'pending' | 'decided'; offset: number; limit: number }): Page<EventRecord> {
    return guarded(() => this.attendance.reviewList(q));
  }

  // ---- corrections (docs/attendance-rules.md section 4) ------------------------------------

  /**
   * Adds, replaces or voids a punch by a new correction row (the punch itself never changes), with
   * its audit entry, in one transaction. Refused with `period-closed` when the punch's day (before
   * or after the change) lies in a closed period; a ReasonError for a missing punch or reason.
   */
  correctPunch(input: CorrectionInput, meta: ChangeMeta): CorrectionRecord {
    return guarded(() =>
      this.batchTx(() => {
        const before = input.kind === 'add' ? null : this.corrections.current(input.eventId);
        if (input.kind !== 'add' && !before)
          throw new ReasonError({ code: 'punch-not-found', params: { id: input.eventId } });
        let target = input;
        if (input.kind === 'add' && input.employeeId === null) {
          // The number's one spelling, and its employee when the directory has one.
          const normalised = normalisePhone(input.phone, this.country);
          const employee = this.employees.findByPhone(input.phone);
          target = {
            ...input,
            phone: employee?.phone ?? (normalised.ok ? normalised.phone : input.phone),
            employeeId: employee?.id ?? null,
          };
        }
        const record = this.corrections.add(target, { who: meta.who, why: meta.why ?? '', now: meta.now });
        this.auditCorrection(record, before, target.kind === 'add' ? target.phone : before!.phone, meta);
        return record;
      }),
    ) as CorrectionRecord;
  }

  /**
   * Replaces or voids a punch added by hand or imported (`correctionId`: its add row or any later
   * correction of it), with the same period check and audit as correctPunch.
   */
  correctAddedPunch(input: AddedPunchCorrection, meta: ChangeMeta): CorrectionRecord {
    return guarded(() =>
      this.batchTx(() => {
        const before = this.corrections.addedPunch(input.correctionId);
        if (!before) throw new ReasonError({ code: 'punch-not-found', params: { id: input.correctionId } });
        const record = this.corrections.correctAdded(input, before, {
          who: meta.who,
          why: meta.why ?? '',
          now: meta.now,
        });
        this.auditCorrection(record, before, before.phone, meta);
        return record;
      }),
    ) as CorrectionRecord;
  }

  /**
   * The punches added by hand or imported for a number (any spelling), newest first, at most
   * `limit`, each as it counts now with its latest correction.
   */
  addedPunches(q: { phone: string; limit: number }): AddedPunch[] {
    return guarded(() => {
      const normalised = normalisePhone(q.phone, this.country);
      const phone = normalised.ok ? normalised.phone : q.phone.trim();
      return this.corrections.addedPunches(phone, this.employees.findByPhone(phone)?.id ?? null, q.limit);
    });
  }

  /** correctPunch with who and why, now from the store's clock. */
  addCorrection(input: CorrectionInput, meta: { who: string; why: string }): CorrectionRecord {
    return this.correctPunch(input, { ...meta, now: this.now() });
  }

  /**
   * A review decision about a flagged punch, recorded as a correction with its audit entry. Throws
   * a ReasonError when refused (`period-closed` inside a closed period).
   */
  decideReview(
    eventId: number,
    decision: ReviewDecision,
    meta: { who: string; why: string; now?: number },
  ): CorrectionRecord {
    const now = meta.now ?? this.now();
    return guarded(() =>
      this.batchTx(() => {
        const before = this.corrections.current(eventId);
        if (!before) throw new ReasonError({ code: 'punch-not-found', params: { id: eventId } });
        const record = this.corrections.decide(eventId, decision, { who: meta.who, why: meta.why, now });
        this.auditCorrection(record, before, before.phone, { who: meta.who, why: meta.why, now }, 'review');
        return record;
      }),
    ) as CorrectionRecord;
  }

  /** Refuses a correction touching a closed period, and writes its audit entry (inside the correction's transaction). */
  private auditCorrection(
    record: CorrectionRecord,
    before: { status: AttendanceStatus; at: number | null } | null,
    phone: string,
    meta: ChangeMeta,
    action: string = record.kind,
  ): void {
    if (before?.at != null) this.periods.assertOpen(localDateOf(before.at));
    if (record.countedAt !== null) this.periods.assertOpen(localDateOf(record.countedAt));
    this.audit.append(
      {
        entity: 'punch',
        action,
        subject: phone,
        before: before && before.at !== null ? { eventId: record.eventId, status: before.status, at: before.at } : null,
        after:
          record.countedAt === null
            ? null
            : {
                eventId: record.eventId,
                correctionId: record.id,
                status: record.status,
                at: record.countedAt,
                decision: record.decision,
              },
        why: record.why,
      },
      meta,
    );
  }

  /** The correction in force for a punch, or null. */
  correctionFor(eventId: number): CorrectionRecord | null {
    return guarded(() => this.corrections.forEvent(eventId));
  }

  /**
   * Punches from a file (rows parsed by core/attendance/punch-csv.ts), all or nothing: a number not
   * in the directory refuses the file (`punch-import-invalid` naming the line), a day in a closed
   * period too (`period-closed`); exact repeats of a punch already counted are skipped. Each new
   * punch is an added correction of source `import`; the import is one audit entry.
   */
  importPunches(rows: readonly PunchImportRow[], meta: ChangeMeta): { added: number; skipped: number } {
    return guarded(() =>
      this.batchTx(() => {
        const resolved = this.punchImport.resolve(rows, this.country);
        for (const date of new Set(resolved.map((r) => localDateOf(r.at)))) this.periods.assertOpen(date);
        const result = this.punchImport.write(resolved, { who: meta.who, why: meta.why ?? '', now: meta.now });
        this.audit.append(
          {
            entity: 'punch',
            action: 'import',
            subject: `${resolved.length}`,
            before: null,
            after: result,
            why: meta.why ?? '',
          },
          meta,
        );
        return result;
      }),
    ) as { added: number; skipped: number };
  }

  // ---- the timesheet (docs/attendance-rules.md sections 3 and 5) -----------------------------

  /**
   * The day results and sums of the employees of a range (employed on a day of it, by name then
   * phone), a page of them: `total` counts every matching employee.
   */
  timesheet(q: TimesheetQuery): { rows: TimesheetRow[]; total: number } {
    return guarded(() => {
      const employees = this.timesheets.employees(q);
      const offset = Math.max(0, q.offset ?? 0);
      const page = employees.slice(offset, q.limit === undefined ? undefined : offset + Math.max(0, q.limit));
      return { rows: [...this.timesheets.rows(page, q)], total: employees.length };
    });
  }

  /**
   * Every row of a timesheet, one employee at a time (for exports): the punches are read a slice of
   * employees at a time, so the whole month is never held at once. Storage errors surface while
   * iterating.
   */
  *iterateTimesheet(q: TimesheetFilter & { now: number }): Generator<TimesheetRow> {
    const employees = guarded(() => this.timesheets.employees(q));
    yield* this.timesheets.rows(employees, q);
  }

  /**
   * One employee's days of from … to, the punches behind them (every recorded punch with the
   * correction in force, and the punches added by hand or imported), and the sum.
   */
  employeeMonth(employeeId: number, from: string, to: string, now: number): EmployeeMonth {
    return guarded(() => {
      const employee = this.employees.get(employeeId);
      const [row] = [...this.timesheets.rows([employee], { from, to, now })];
      const fromMs = localDay(from).start;
      const toMs = localDay(to).end;
      const original = new Map<number, number>();
      const punches: MonthPunch[] = this.attendance.employeeEvents(employeeId, fromMs, toMs).map(({ event, at }) => {
        original.set(event.id, at);
        return {
          event,
          correction: event.correction,
          source: 'sms',
          status: event.correction?.status ?? event.status,
          at: event.correction ? event.correction.countedAt : event.countedAt,
        };
      });
      const addedAt = new Map<number, number>(); // an added punch's time as added
      for (const added of this.monthAdded.all(employeeId, fromMs, toMs)) {
        const { source, ...correction } = added;
        // Corrected since: the correction in force, and the punch as it counts now.
        const latest = this.corrections.latestOfAdded(correction.id) ?? correction;
        addedAt.set(latest.id, correction.countedAt!);
        punches.push({
          event: null,
          correction: latest,
          source,
          status: latest.status ?? correction.status!,
          at: latest.countedAt,
        });
      }
      const time = (p: MonthPunch): number => (p.event ? original.get(p.event.id)! : addedAt.get(p.correction!.id)!);
      punches.sort((a, b) => time(a) - time(b));
      const days = row?.days ?? [];
      return { employee, days, punches, summary: row?.summary ?? summarize(employee, days) };
    });
  }

  /**
   * Today's counts (present, late, absent, not yet in, on leave) and, for each day of from … to up
   * to today, how many were present, late and absent.
   */
  dashboard(now: number, range: { from: string; to: string }): DashboardData {
    return guarded(() => {
      const today = localDateOf(now);
      const last = range.to < today ? range.to : today;
      const perDay = new Map<string, { date: string; present: number; late: number; absent: number }>();
      const counts = { date: today, expected: 0, present: 0, late: 0, absent: 0, notYetIn: 0, onLeave: 0 };
      const countToday = (d: DayResult): void => {
        if (d.status === 'leave') counts.onLeave++;
        if (d.dayType !== 'workday' || d.status === 'leave') return;
        counts.expected++;
        if (d.firstIn !== null) counts.present++;
        if (d.lateMinutes > 0) counts.late++;
        if (d.status === 'absent') counts.absent++;
        else if (d.firstIn === null) counts.notYetIn++;
      };
      if (range.from <= last) {
        for (const date of eachDate(range.from, last)) perDay.set(date, { date, present: 0, late: 0, absent: 0 });
        const employees = this.timesheets.employees({ from: range.from, to: last });
        for (const { days } of this.timesheets.rows(employees, { from: range.from, to: last, now })) {
          for (const d of days) {
            const day = perDay.get(d.date)!;
            if (d.firstIn !== null) day.present++;
            if (d.lateMinutes > 0) day.late++;
            if (d.status === 'absent') day.absent++;
            if (d.date === today) countToday(d);
          }
        }
      }
      if (today < range.from || today > range.to) {
        const employees = this.timesheets.employees({ from: today, to: today });
        for (const { days } of this.timesheets.rows(employees, { from: today, to: today, now }))
          for (const d of days) countToday(d);
      }
      return { today: counts, days: [...perDay.values()] };
    });
  }

  // ---- shifts and assignments (docs/attendance-rules.md section 2) --------------------------

  listShifts(): Shift[] {
    return guarded(() => this.shifts.list());
  }

  addShift(input: ShiftInput, meta: ChangeMeta): Shift {
    return this.auditedChange(meta, 'shift', 'add', () => ({ before: null, after: this.shifts.add(input) }));
  }

  updateShift(id: number, input: ShiftInput, meta: ChangeMeta): Shift {
    return this.auditedChange(meta, 'shift', 'update', () => this.shifts.change(id, input));
  }

  /** Refuses the default shift and a shift still assigned (`shift-in-use`). */
  removeShift(id: number, meta: ChangeMeta): void {
    this.auditedChange(meta, 'shift', 'remove', () => ({ before: this.shifts.delete(id), after: null }));
  }

  setDefaultShift(id: number, meta: ChangeMeta): Shift {
    return this.audited(meta, () => {
      const { before, after } = this.shifts.makeDefault(id);
      return {
        result: after,
        entry: { entity: 'shift', action: 'default', subject: after.name, before: before.name, after: after.name },
      };
    });
  }

  listAssignments(): ShiftAssignment[] {
    return guarded(() => this.shifts.listAssignments());
  }

  /** Refused with `period-closed` when a closed period ends on or after `from` (the change would reach into it). */
  assignShift(input: AssignInput, meta: ChangeMeta): ShiftAssignment {
    return this.auditedChange(meta, 'assignment', 'add', () => {
      const after = this.shifts.assign(input);
      this.periods.assertOpen(after.from, LAST_DATE);
      return { before: null, after };
    });
  }

  /** Refused with `period-closed` when a closed period ends on or after the assignment's `from`. */
  removeAssignment(id: number, meta: ChangeMeta): void {
    this.auditedChange(meta, 'assignment', 'remove', () => {
      const before = this.shifts.getAssignment(id);
      if (!before) throw new ReasonError({ code: 'shift-invalid', params: { detail: `there is no assignment ${id}` } });
      this.periods.assertOpen(before.from, LAST_DATE);
      this.shifts.unassign(id);
      return { before, after: null };
    });
  }

  // ---- holidays -----------------------------------------------------------------------------

  /** Holidays of from … to (inclusive, YYYY-MM-DD), by date: Iran's fixed ones (unless removed) and the added ones. */
  listHolidays(from: string, to: string): Holiday[] {
    return guarded(() => this.holidays.list(from, to));
  }

  /** Adds (or renames) the holiday of a date. `period-closed` inside a closed period. */
  addHoliday(input: { date: string; name: string }, meta: ChangeMeta): Holiday {
    return this.audited(meta, () => {
      const { before, after } = this.holidays.add(input);
      this.periods.assertOpen(after.date);
      return {
        result: after,
        entry: { entity: 'holiday', action: before ? 'update' : 'add', subject: after.date, before, after },
      };
    });
  }

  /** Removes the holiday of a date (a built-in one only for that date). `period-closed` inside a closed period. */
  removeHoliday(date: string, meta: ChangeMeta): void {
    this.auditedChange(meta, 'holiday', 'remove', () => {
      const before = this.holidays.delete(date);
      this.periods.assertOpen(date);
      return { before, after: null };
    });
  }

  /**
   * Holidays from CSV text (columns date,name; date YYYY-MM-DD or Jalali 1405/09/01), all or
   * nothing: a bad line refuses the file (`holiday-invalid` naming it), so does a date in a closed
   * period. One audit entry for the import.
   */
  importHolidaysCsv(text: string, meta: ChangeMeta): { imported: number } {
    const rows = parseHolidaysCsv(text);
    return this.audited(meta, () => {
      const imported: Holiday[] = [];
      for (const row of rows) {
        this.periods.assertOpen(row.date);
        imported.push(this.holidays.add(row).after);
      }
      return {
        result: { imported: imported.length },
        entry: { entity: 'holiday', action: 'import', subject: `${imported.length}`, before: null, after: imported },
      };
    });
  }

  // ---- leave --------------------------------------------------------------------------------

  listLeave(q: { from: string; to: string; employeeId?: number }): Leave[] {
    return guarded(() => this.leave.list(q));
  }

  /** `leave-invalid`, `employee-not-found`, or `period-closed` inside a closed period. */
  addLeave(input: LeaveInput, meta: ChangeMeta): Leave {
    return this.auditedChange(meta, 'leave', 'add', () => {
      const after = this.leave.add(input);
      this.periods.assertOpen(after.date);
      return { before: null, after };
    });
  }

  /** `leave-not-found`, or `period-closed` inside a closed period. */
  removeLeave(id: number, meta: ChangeMeta): void {
    this.auditedChange(meta, 'leave', 'remove', () => {
      const before = this.leave.delete(id);
      this.periods.assertOpen(before.date);
      return { before, after: null };
    });
  }

  // ---- closed periods -----------------------------------------------------------------------

  listPeriods(): ClosedPeriod[] {
    return guarded(() => this.periods.list());
  }

  /**
   * `period-invalid` for dates out of order or a range overlapping a closed period. The period's day
   * results are frozen in the same transaction: the timesheet returns them from then on.
   */
  closePeriod(range: { from: string; to: string }, meta: ChangeMeta): ClosedPeriod {
    return this.auditedChange(meta, 'period', 'close', () => {
      const after = this.periods.close(range, meta);
      this.timesheets.freeze(after, meta.now);
      return { before: null, after };
    });
  }

  /** Needs `meta.why`; `period-invalid` without one, or for a period not closed. Drops the freeze. */
  reopenPeriod(id: number, meta: ChangeMeta): ClosedPeriod {
    return this.auditedChange(meta, 'period', 'reopen', () => {
      const change = this.periods.reopen(id, meta);
      this.timesheets.unfreeze(id);
      return change;
    });
  }

  // ---- the audit log ------------------------------------------------------------------------

  /** Newest first. */
  listAudit(q: AuditQuery): Page<AuditEntry> {
    return guarded(() => this.audit.list(q));
  }

  /** Every entry, oldest first (for an export). */
  iterateAudit(): Generator<AuditEntry> {
    return this.audit.iterate();
  }

  /** An entry for a change outside the database (settings, keys): never a key or a password in before/after. */
  appendAudit(entry: AuditInput, meta?: Partial<ChangeMeta>): void {
    const m = this.meta(meta);
    guarded(() => this.batchTx(() => this.audit.append({ ...entry, why: entry.why ?? m.why ?? '' }, m)));
  }

  /** The person at the PC, named in audit entries of changes made without an explicit `who`. */
  operator(): string {
    return this.operatorName();
  }

  /** Names the person at the PC from now on (null: the OS user name, or the store's `operator` option). */
  setOperator(name: string | null, fallback: () => string = osOperator): void {
    const trimmed = name?.trim() ?? '';
    this.operatorName = trimmed === '' ? fallback : () => trimmed;
  }

  /** Runs a change and appends its audit entry in one transaction. */
  private audited<T>(meta: ChangeMeta, body: () => { result: T; entry: AuditInput }): T {
    return guarded(() =>
      this.batchTx(() => {
        const { result, entry } = body();
        this.audit.append({ ...entry, why: entry.why ?? meta.why ?? '' }, meta);
        return result;
      }),
    ) as T;
  }

  /**
   * Runs a change of one row and audits it with the row before and after (null where there is
   * none: an added or a removed row), named by its subject as it is after, else as it was.
   */
  private auditedChange<E extends keyof AuditedRows, B extends AuditedRows[E] | null, A extends AuditedRows[E] | null>(
    meta: ChangeMeta,
    entity: E,
    action: string,
    body: () => { before: B; after: A },
  ): A {
    return this.audited(meta, () => {
      const { before, after } = body();
      const subject = this.auditSubject[entity]((after ?? before) as AuditedRows[E]);
      return { result: after, entry: { entity, action, subject, before, after } };
    });
  }

  /** How an audit entry names the row it is about. */
  private readonly auditSubject: { [E in keyof AuditedRows]: (row: AuditedRows[E]) => string } = {
    shift: (shift) => shift.name,
    assignment: (a) =>
      a.target.kind === 'department' ? a.target.department : this.employees.get(a.target.employeeId).phone,
    holiday: (holiday) => holiday.date,
    leave: (leave) => `${this.employees.get(leave.employeeId).phone} ${leave.date}`,
    period: (period) => `${period.from}..${period.to}`,
    employee: (employee) => employee.phone,
  };

  /** Who and when for a change made without them: the operator and the store's clock. */
  private meta(meta?: Partial<ChangeMeta>): ChangeMeta {
    return {
      who: meta?.who ?? this.operatorName(),
      now: meta?.now ?? this.now(),
      ...(meta?.why !== undefined ? { why: meta.why } : {}),
    };
  }

  // ---- connection history ------------------------------------------------------------------

  /** The core started: closes what a crash left open, opens a not-bound interval. */
  connectionHistoryStart(now: number): void {
    guarded(() => this.history.start(now));
  }

  connectionHistoryChange(state: ConnectionInterval['state'], now: number): void {
    guarded(() => this.history.change(state, now));
  }

  connectionHistoryHeartbeat(now: number): void {
    guarded(() => this.history.heartbeat(now));
  }

  connectionHistoryStop(now: number): void {
    guarded(() => this.history.stop(now));
  }

  connectionIntervals(from: number, to: number): ConnectionInterval[] {
    return guarded(() => this.history.intervals(from, to));
  }

  /** Changes the counted-time tolerances (for punches recorded from now on). */
  setTimeTolerances(tolerances: TimeTolerances): void {
    this.tolerances = { ...tolerances };
  }

  // ---- employees --------------------------------------------------------------------------
  // Every change is audited (who: `meta.who`, else the operator), in the change's transaction.

  /** Throws EmployeeExistsError for a number already present, EmployeeInputError for bad input. */
  addEmployee(input: EmployeeInput, meta?: Partial<ChangeMeta>): Employee {
    return this.auditedChange(this.meta(meta), 'employee', 'add', () => ({
      before: null,
      after: this.employees.add(input),
    }));
  }

  updateEmployee(id: number, input: EmployeeInput, meta?: Partial<ChangeMeta>): Employee {
    return this.auditedChange(this.meta(meta), 'employee', 'update', () => ({
      before: this.employees.get(id),
      after: this.employees.update(id, input),
    }));
  }

  setEmployeeActive(id: number, active: boolean, meta?: Partial<ChangeMeta>): Employee {
    const action = active ? 'activate' : 'deactivate';
    return this.auditedChange(this.meta(meta), 'employee', action, () => ({
      before: this.employees.get(id),
      after: this.employees.setActive(id, active),
    }));
  }

  listEmployees(q: { search?: string; includeInactive?: boolean } = {}): Employee[] {
    return guarded(() => this.employees.list(q));
  }

  /** The sender's own key (any spelling of the number), or null to use the shared key. */
  employeeKey(phone: string): string | null {
    return guarded(() => this.employees.ownKey(phone));
  }

  /** The employee with this number (any spelling), or null. */
  findEmployeeByPhone(phone: string): Employee | null {
    return guarded(() => this.employees.findByPhone(phone));
  }

  /** Whether the sender (any spelling) is in the employee directory. */
  isEmployeePhone(phone: string): boolean {
    return guarded(() => this.employees.isKnown(phone));
  }

  /** Sets or removes an own key; the audit entry says whether there was one before and after, never the key. */
  setEmployeeKey(
    id: number,
    key: string | null,
    meta?: Partial<ChangeMeta> & { action?: 'set' | 'generate' | 'remove' },
  ): Employee {
    return this.audited(this.meta(meta), () => {
      const before = this.employees.get(id);
      const after = this.employees.setKey(id, key);
      return {
        result: after,
        entry: {
          entity: 'key',
          action: meta?.action ?? (key === null ? 'remove' : 'set'),
          subject: after.phone,
          before: { hasOwnKey: before.hasOwnKey },
          after: { hasOwnKey: after.hasOwnKey },
        },
      };
    });
  }

  /**
   * Parses in slices (the event loop keeps turning); the valid rows are written in one transaction
   * at the end, with one audit entry.
   */
  async importEmployeesCsv(text: string, limits?: ImportLimits, meta?: Partial<ChangeMeta>): Promise<ImportReport> {
    const table = this.employees;
    const audited = {
      validate: (input: EmployeeInput) => table.validate(input),
      upsertAll: (valid: readonly ValidEmployee[]) =>
        this.audited(this.meta(meta), () => {
          const counts = table.upsertAll(valid);
          return {
            result: counts,
            entry: { entity: 'employee', action: 'import', subject: `${valid.length}`, before: null, after: counts },
          };
        }),
    };
    try {
      return await importEmployeesCsv(audited, text, limits);
    } catch (error) {
      throw toStorageError(error);
    }
  }

  unknownSenders(): UnknownSender[] {
    return guarded(() => this.employees.unknownSenders());
  }

  // ---- lifecycle --------------------------------------------------------------------------

  /** Changes the country used for national numbers; throws RangeError for an unknown code. */
  setDefaultCountry(cc: string): void {
    assertSupportedCountry(cc);
    this.country = cc;
  }

  /**
   * The events of a range for the CSV export, read on a separate read-only connection in one
   * snapshot, so a long export does not hold this connection busy while messages keep arriving.
   * The caller closes it. Storage failures while iterating surface as SQLite errors.
   */
  openEventExport(range: { fromMs?: number; toMs?: number }): EventExport {
    return guarded(() => {
      const reader = openReadOnlyDatabase(
        this.path,
        this.busyTimeoutMs !== undefined ? { busyTimeoutMs: this.busyTimeoutMs } : {},
      );
      return openEventExport(reader, range);
    });
  }

  /** How the write-ahead log is checkpointed now (see store/wal-checkpointer.ts). */
  checkpoints(): { mode: 'none' | 'starting' | 'worker' | 'writer'; checkpoints: number; pages: number } {
    if (this.checkpointer === null) return { mode: 'none', checkpoints: 0, pages: 0 };
    return { mode: this.checkpointer.mode(), ...this.checkpointer.stats() };
  }

  /** Folds the WAL into the main file and closes. Safe to call more than once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.checkpointer?.stop(); // its connection closed first, so the last checkpoint below has the log to itself
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A reader (an export) may hold the WAL; closing without the checkpoint loses nothing.
    } finally {
      this.db.close();
    }
  }
}
