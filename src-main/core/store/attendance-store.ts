/**
 * The one door to the database: messages, attendance events, employees and the ack outbox.
 * Synchronous (better-sqlite3), statements prepared once, every write in one transaction.
 *
 * Every SQLite failure (disk full, locked by another program, I/O error, read-only file) is thrown
 * as a StorageError with a message for the user: the pipeline then answers the gateway with a
 * temporary error and the gateway keeps the message, so nothing is lost.
 */
import type { Database } from 'better-sqlite3';
import type {
  AckReason,
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
import { assertSupportedCountry } from '../employees/phone-number.js';
import { foldForSearch } from '../employees/search-fold.js';
import { SETTINGS_DEFAULTS } from '../settings/settings-defaults.js';
import { SEARCH_FOLD_SQL_FUNCTION } from './person-search.js';
import { ConnectionHistory } from './connection-history.js';
import { Corrections, type CorrectionInput } from './corrections.js';
import type { TimeTolerances } from '../attendance/counted-time.js';
import { MINUTE_MS } from '../settings/settings-defaults.js';

export type { RecordMessageInput, RecordMessageResult, MessageVerdict } from './record-message.js';
export type { OutboxAck, ReceiptApplied } from './ack-outbox.js';
export type { AddPartResult, PartInput, PartSetKey, StalePartSet } from './message-parts.js';
export type { EventFilter } from './attendance-queries.js';
export type { EventExport, ExportEventRow } from './event-export.js';
export type { CorrectionInput } from './corrections.js';
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
}

export const DEFAULT_TOLERANCES: TimeTolerances = {
  lateMs: SETTINGS_DEFAULTS.lateToleranceMinutes * MINUTE_MS,
  futureMs: SETTINGS_DEFAULTS.futureToleranceMinutes * MINUTE_MS,
};

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
  private tolerances: TimeTolerances;
  private readonly batchTx: (body: () => unknown) => unknown;
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
    this.tolerances = opts.tolerances ?? DEFAULT_TOLERANCES;
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
      this.recorder = new MessageRecorder(this.db, defaultCountry, this.parts, this.history, () => this.tolerances);
      this.messages = new MessageQueries(this.db, defaultCountry);
      this.outbox = new AckOutbox(this.db);
      this.attendance = new AttendanceQueries(this.db, { now: this.now, defaultCountry });
      this.employees = new EmployeeTable(this.db, {
        now: this.now,
        defaultCountry,
        ...(opts.ownKeys ? { ownKeys: opts.ownKeys } : {}),
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

  /** Adds, replaces or voids a punch by a new correction row (the punch itself never changes). Throws a ReasonError when refused. */
  addCorrection(input: CorrectionInput, meta: { who: string; why: string }): CorrectionRecord {
    return guarded(() => this.corrections.add(input, { ...meta, now: this.now() }));
  }

  /** A review decision about a flagged punch, recorded as a correction. Throws a ReasonError when refused. */
  decideReview(eventId: number, decision: ReviewDecision, meta: { who: string; why: string }): CorrectionRecord {
    return guarded(() => this.corrections.decide(eventId, decision, { ...meta, now: this.now() }));
  }

  /** The correction in force for a punch, or null. */
  correctionFor(eventId: number): CorrectionRecord | null {
    return guarded(() => this.corrections.forEvent(eventId));
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

  /** Throws EmployeeExistsError for a number already present, EmployeeInputError for bad input. */
  addEmployee(input: EmployeeInput): Employee {
    return guarded(() => this.employees.add(input));
  }

  updateEmployee(id: number, input: EmployeeInput): Employee {
    return guarded(() => this.employees.update(id, input));
  }

  setEmployeeActive(id: number, active: boolean): Employee {
    return guarded(() => this.employees.setActive(id, active));
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

  setEmployeeKey(id: number, key: string | null): Employee {
    return guarded(() => this.employees.setKey(id, key));
  }

  /** Parses in slices (the event loop keeps turning); the valid rows are written in one transaction at the end. */
  async importEmployeesCsv(text: string, limits?: ImportLimits): Promise<ImportReport> {
    try {
      return await importEmployeesCsv(this.employees, text, limits);
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

  /** Folds the WAL into the main file and closes. Safe to call more than once. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A reader (an export) may hold the WAL; closing without the checkpoint loses nothing.
    } finally {
      this.db.close();
    }
  }
}
