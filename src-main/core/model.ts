/**
 * Domain values shared by the core, the CLI, the IPC contract and the renderer.
 * Times are milliseconds since the Unix epoch (UTC) unless a name says otherwise.
 */

/** The SMPP session's state, emitted by the core on every change. */
export type ConnectionState =
  | { kind: 'disconnected' }
  | { kind: 'connecting'; attempt: number }
  | { kind: 'bound'; since: number }
  | { kind: 'retrying'; attempt: number; inMs: number; reason: LinkReason; at: number }
  | { kind: 'refused'; status: string; code: number };

// ── reasons ───────────────────────────────────────────────────────────────────────────────────
//
// Every reason and problem the core reports is a code with parameters, never a sentence: the
// database keeps them as such, the renderer says them in the window's language
// (src-renderer/lib/i18n/problem-text.ts) and the CLI and logs in English (core/describe.ts).
// Nothing decides anything by comparing texts. Numbers stay numbers, so each side formats them.

/** Why a message's text could not be read (data_coding, GSM 03.38, IA5, UCS-2). */
export type DecodeReason =
  | { code: 'unsupported-data-coding'; params: { dataCoding: number } }
  | { code: 'invalid-ia5-octet'; params: { octet: number; offset: number } }
  | { code: 'odd-ucs2-length'; params: { length: number } }
  | { code: 'unpaired-surrogate' }
  | { code: 'invalid-gsm-octet'; params: { octet: number; offset: number } }
  | { code: 'gsm-escape-at-end' };

/** Why the `$$…$$` envelope was not found. */
export type EnvelopeReason = { code: 'no-envelope' } | { code: 'envelope-unterminated' } | { code: 'envelope-empty' };

/** Why the envelope's ciphertext did not decrypt to text. */
export type DecryptReason =
  | { code: 'not-base64' }
  | { code: 'wrong-length' }
  | { code: 'wrong-key' }
  | { code: 'invalid-utf8' }
  | { code: 'empty-text' };

/** A header that announces the parts of a long message: the UDH or the SMPP sar_* TLVs. */
export type PartHeader = 'udh' | 'sar';

/** Why a long message's part (or its set of parts) was refused. */
export type MultipartReason =
  | { code: 'udh-empty' }
  | { code: 'udh-length-zero' }
  | { code: 'udh-too-long'; params: { udhLength: number; messageLength: number } }
  | { code: 'udh-element-overrun'; params: { iei: number } }
  | { code: 'udh-concat-length'; params: { iei: number; length: number; expected: number } }
  | { code: 'part-count-invalid'; params: { header: PartHeader; total: number } }
  | { code: 'part-number-invalid'; params: { header: PartHeader; seq: number; total: number } }
  | { code: 'parts-over-limit'; params: { total: number; limit: number } }
  | { code: 'parts-coding-conflict'; params: { dataCoding: number; firstDataCoding: number } }
  | { code: 'part-differs'; params: { seq: number; total: number } }
  | { code: 'multipart-incomplete'; params: { received: number; total: number } };

/** Why a message was rejected, ignored or is a repeat. */
export type MessageReason =
  | DecodeReason
  | EnvelopeReason
  | DecryptReason
  | MultipartReason
  | { code: 'unknown-status' }
  | { code: 'ignored-number' }
  /** The decrypted text holds a control character (CR, LF, ESC, …): not what a phone's app writes. */
  | { code: 'control-characters'; params: { codePoint: number } }
  /** The sender is letters, or too few or too many digits for a phone (core/employees/phone-number.ts). */
  | { code: 'sender-not-a-phone'; params: { cause: PhoneReason } }
  /** The sender has an own key that this database's data key cannot open (core/employees/data-key.ts). */
  | { code: 'own-key-unreadable' }
  | { code: 'repeat-in-window'; params: { of: number } }
  | { code: 'repeat-redelivered'; params: { of: number } }
  /** A reason stored before reasons were codes, in words no code matched (kept as it was). */
  | { code: 'legacy-text'; params: { text: string } };

/** Why the link to the gateway went down, or a request on it got no answer. */
export type LinkReason =
  | { code: 'connection-refused' }
  | { code: 'connection-reset' }
  | { code: 'connect-timed-out' }
  | { code: 'connection-timed-out' }
  | { code: 'host-unreachable' }
  | { code: 'network-unreachable' }
  | { code: 'host-not-found'; params: { detail: string } }
  | { code: 'socket-error'; params: { detail: string } }
  | { code: 'cannot-connect'; params: { detail: string } }
  | { code: 'connect-timeout'; params: { seconds: number } }
  | { code: 'gateway-closed' }
  | { code: 'closed-before-connected' }
  | { code: 'not-connected' }
  | { code: 'no-response'; params: { command: string; seconds: number } }
  | { code: 'bind-send-failed'; params: { detail: string } }
  | { code: 'bind-refused'; params: { status: string } }
  | { code: 'bind-nacked'; params: { status: string } }
  | { code: 'gateway-unbound' }
  | { code: 'impossible-command-length'; params: { length: number } }
  | { code: 'stopped' };

/** Why an acknowledgement failed or waits for another attempt. */
export type AckReason =
  | LinkReason
  | { code: 'not-bound' }
  | { code: 'link-lost'; params: { command: string; cause: LinkReason } }
  | { code: 'ack-refused'; params: { status: string } }
  | { code: 'ack-unencodable'; params: { detail: string } }
  | { code: 'ack-gave-up'; params: { attempts: number; cause: AckReason } }
  | { code: 'receipt-failed'; params: { stat: string } }
  | { code: 'internal-error'; params: { detail: string } }
  | { code: 'legacy-text'; params: { text: string } };

/** What went wrong with the database. */
export type StorageCode =
  | 'disk-full'
  | 'database-locked'
  | 'database-read-only'
  | 'disk-error'
  | 'database-damaged'
  | 'not-a-database'
  | 'cannot-open-database'
  | 'database-permission-denied'
  | 'out-of-memory'
  | 'database-error';
/** One reason per storage code, each keeping SQLite's extended code for logs and support. */
export type StorageReason = { [C in StorageCode]: { code: C; params: { sqlite: string } } }[StorageCode];

/** Why the saved settings could not be used as they were. */
export type SettingsReason =
  | { code: 'settings-unreadable'; params: { detail: string; keptAs: string | null } }
  | { code: 'settings-not-an-object'; params: { keptAs: string | null } }
  | { code: 'settings-version'; params: { found: string; expected: number } }
  | { code: 'settings-reset'; params: { fields: string } }
  | { code: 'secrets-unreadable' }
  | { code: 'secrets-need-keychain' }
  | { code: 'secret-not-opened'; params: { secret: 'key' | 'password' } }
  | { code: 'saved-key-wrong-length' }
  /** What must still be entered before a bind can be tried: settings fields, comma-separated (`host, systemId, key`). */
  | { code: 'settings-incomplete'; params: { fields: string } };

/** Why a phone number was not accepted. */
export type PhoneReason =
  | { code: 'phone-empty' }
  | { code: 'phone-not-a-number'; params: { input: string } }
  | { code: 'phone-too-short'; params: { input: string } }
  | { code: 'phone-too-long'; params: { input: string; max: number } };

/** Why an employee (typed, or a line of a CSV import) was not accepted. */
export type EmployeeReason =
  | PhoneReason
  | { code: 'employee-field-missing'; params: { field: 'phone' | 'name' } }
  | { code: 'employee-field-too-long'; params: { field: 'phone' | 'name' | 'department'; max: number } }
  | { code: 'employee-invalid'; params: { detail: string } }
  | { code: 'csv-invalid'; params: { detail: string } }
  | { code: 'csv-no-name-column' }
  | { code: 'csv-too-large'; params: { bytes: number; max: number } }
  | { code: 'csv-too-many-rows'; params: { max: number } }
  | { code: 'csv-duplicate-number'; params: { phone: string; line: number } }
  | { code: 'employee-exists'; params: { phone: string; name: string } }
  | { code: 'employee-not-found'; params: { id: number } };

/** Why a review decision (a correction) was refused. */
export type CorrectionReason =
  | { code: 'punch-not-found'; params: { id: number } }
  | { code: 'no-reported-time'; params: { id: number } }
  | { code: 'correction-why-missing' };

/** Why an export did not complete. */
export type ExportReason = { code: 'export-running' } | { code: 'export-failed'; params: { detail: string } };

/** What a problem banner says. */
export type ProblemReason =
  | {
      code: 'messages-not-accepted';
      params: { cause: StorageReason | { code: 'internal-error'; params: { detail: string } } };
    }
  | { code: 'storage-works-again' }
  | { code: 'transport-lost' }
  | { code: 'transport-refused' }
  | SettingsReason;

/** Every reason the core (or the preview's transport) reports. */
export type Reason =
  | MessageReason
  | LinkReason
  | AckReason
  | StorageReason
  | SettingsReason
  | EmployeeReason
  | ExportReason
  | ProblemReason
  | CorrectionReason
  | TimesheetReason;
export type ReasonCode = Reason['code'];
/** The parameters of one code (`undefined` for a code without any). */
export type ReasonParams<C extends ReasonCode> =
  Extract<Reason, { code: C }> extends { params: infer P } ? P : undefined;

/** What became of one inbound text message. */
export type MessageOutcome = 'recorded' | 'repeat' | 'ignored' | 'rejected';

export type AckState = 'queued' | 'submitted' | 'delivered' | 'failed';

export type AttendanceStatus = 'arrival' | 'exit';

/** One row of the `messages` table as the views see it. */
export interface MessageRecord {
  id: number;
  receivedAt: number;
  source: string;
  destination: string;
  dataCoding: number;
  /** The decrypted text, when decryption succeeded. */
  plaintext: string | null;
  outcome: MessageOutcome;
  /** Why a message was rejected, ignored or is a repeat; null when recorded. */
  reason: MessageReason | null;
  employeeName: string | null;
  eventId: number | null;
  /** The flags of its event (empty without an event). */
  flags: PunchFlag[];
  ackId: number | null;
  ackState: AckState | null;
}

/** A message with its raw bytes, for the details pane. */
export interface MessageDetail extends MessageRecord {
  rawHex: string;
  envelope: string | null;
  ackText: string | null;
  ackError: AckReason | null;
  smscMessageId: string | null;
}

// ── counted time, flags and corrections (docs/attendance-rules.md sections 1 and 4) ─────────────

/**
 * What the app noticed about a punch, as codes (the renderer translates them, the CSV writes them).
 * Flags are decided once, when the punch is recorded, and never change afterwards.
 */
export const PUNCH_FLAGS = [
  'future_time',
  'late_report',
  'held',
  'date_mismatch',
  'unparsed_time',
  'unknown_sender',
  'too_many',
] as const;
export type PunchFlag = (typeof PUNCH_FLAGS)[number];

/**
 * Flags that put a punch on the Review list until a decision is recorded. `held` is for
 * information (the gateway or the network kept the message while the app was away, so the reported
 * time is believed); `unknown_sender` is handled by adding the number to the directory.
 */
export const REVIEW_FLAGS: readonly PunchFlag[] = [
  'future_time',
  'late_report',
  'date_mismatch',
  'unparsed_time',
  'too_many',
];

/** What the manager decided about a flagged punch. */
export type ReviewDecision = 'accept_reported' | 'keep_received' | 'void';

/** A correction: a new row that adds a punch, replaces one (time, status) or voids one; the original stays. */
export interface CorrectionRecord {
  id: number;
  kind: 'add' | 'replace' | 'void';
  /** The punch it changes; null for an added punch. */
  eventId: number | null;
  /** The punch as corrected; null for a void. */
  status: AttendanceStatus | null;
  countedAt: number | null;
  /** Set when the correction is a review decision. */
  decision: ReviewDecision | null;
  who: string;
  why: string;
  madeAt: number;
}

/**
 * A punch added by hand or imported (a correction of kind add), as it counts now, with the row that
 * added it and its latest correction (the original stays visible beside it).
 */
export interface AddedPunch {
  /** The id of its `add` row (what `correctAddedPunch` takes). */
  id: number;
  phone: string;
  employeeId: number | null;
  source: 'manual' | 'import';
  /** As added. */
  added: { status: AttendanceStatus; at: number; who: string; why: string; madeAt: number };
  /** As counted now; `at` null when voided. */
  status: AttendanceStatus;
  at: number | null;
  /** Its latest replace or void, or null when it was never corrected. */
  correction: CorrectionRecord | null;
}

/** The app's own link to the gateway over time (connection history). */
export interface ConnectionInterval {
  state: 'bound' | 'not_bound';
  from: number;
  /** Null while it lasts. */
  to: number | null;
}

export interface EventRecord {
  id: number;
  phone: string;
  employeeId: number | null;
  employeeName: string | null;
  status: AttendanceStatus;
  /** The text after the status word, exactly as sent (e.g. " 08:31"). */
  reportedTime: string;
  /** Parsed from reportedTime (the reported time); null when it does not parse. */
  occurredAt: number | null;
  receivedAt: number;
  /** The time every view and export uses (docs/attendance-rules.md section 1), corrections applied. */
  countedAt: number;
  flags: PunchFlag[];
  /** The correction in force for this punch, if any (the row above stays as received). */
  correction: CorrectionRecord | null;
  messageId: number;
}

export interface Employee {
  id: number;
  phone: string;
  name: string;
  department: string;
  active: boolean;
  hasOwnKey: boolean;
  /** YYYY-MM-DD: the first day of employment, or null (no row before it in the timesheet). */
  employmentStart: string | null;
  /** YYYY-MM-DD: the last day of employment, or null. */
  employmentEnd: string | null;
}

/** One person in "who is in now": their latest event is an arrival. */
export interface PresenceRow {
  phone: string;
  employeeId: number | null;
  name: string | null;
  department: string | null;
  lastStatus: AttendanceStatus;
  lastEventAt: number;
  lastReportedTime: string;
}

/** One person's day: first arrival, last exit, and the time between paired arrival/exit events. */
export interface DaySummaryRow {
  phone: string;
  employeeId: number | null;
  name: string | null;
  firstArrival: number | null;
  lastExit: number | null;
  presentMs: number;
  /** Still in at the end of the day (or now, for today). */
  openArrival: boolean;
  events: number;
}

export interface UnknownSender {
  phone: string;
  messages: number;
  lastAt: number;
}

/** One page of a longer list, with the number of all matching rows. */
export interface Page<T> {
  rows: T[];
  total: number;
}

/** A page of the message log: newest first, backwards from `beforeId` (exclusive). */
export interface MessageQuery {
  /** Omitted: from the newest. */
  beforeId?: number;
  limit: number;
  outcome?: MessageOutcome;
}

/** What an employee CSV import did, with the lines it skipped and why. */
export interface ImportReport {
  added: number;
  updated: number;
  errors: ImportLineError[];
}

/** A change of a known message's acknowledgement. */
export interface AckUpdate {
  messageId: number;
  ackId: number;
  state: AckState;
  error: AckReason | null;
}

/** A problem the user must see (the database is locked, the disk is full, ...), or its end. */
export interface Problem {
  kind: 'storage' | 'gateway' | 'settings';
  reason: ProblemReason;
  active: boolean;
}

/** One skipped line of an employee CSV import. */
export interface ImportLineError {
  line: number;
  reason: EmployeeReason;
}

/** The ack outbox for the status bar: acks waiting, and when the last goes out at the current pace (null: none waiting). */
export interface AckQueueStatus {
  queued: number;
  lastAt: number | null;
  /** 0: no pace. */
  ratePerMinute: number;
}

/** Days of the week (0 Sunday … 6 Saturday) and the local times (HH:MM) of the working day. */
export interface WorkingHours {
  days: number[];
  from: string;
  to: string;
}

/**
 * Something the manager must do something about, as a code with its parameters: the renderer and
 * the command line put it into words (core/alerts/alert-rules.ts raises them).
 */
export type Alert =
  /** The gateway has not been bound since `since`, for `minutes`, during working hours. */
  | { code: 'gatewayDown'; since: number; minutes: number }
  /** `failed` acknowledgements failed within the last `windowMinutes`. */
  | { code: 'acksFailing'; failed: number; windowMinutes: number }
  /** While bound, the ack queue grew from `was` to `queued` over `minutes`. */
  | { code: 'ackQueueGrowing'; queued: number; was: number; minutes: number }
  /** The database's disk has only `freeBytes` left. */
  | { code: 'diskLow'; freeBytes: number; folder: string }
  /** The last good backup is `days` old (null: there is none yet). */
  | { code: 'backupOld'; lastGoodAt: number | null; days: number }
  /** The latest backup attempt failed. */
  | { code: 'backupFailed'; at: number; error: string };

export type AlertCode = Alert['code'];

/** What kind of app a renderer is part of. */
export interface AppInfo {
  /** A demo without a phone: the gateway and the data are made up. */
  demo: boolean;
  /** This app can start the demo (the desktop app; the preview starts it with --demo). */
  canStartDemo: boolean;
  /** Backups and their settings are available (not in the demo). */
  backups: boolean;
  /** Start at login is a setting here (the desktop app). */
  loginItem: boolean;
}

export type BackupKind = 'daily' | 'manual' | 'pre-migration';

export interface BackupEntry {
  file: string;
  at: number;
  trigger: BackupKind;
  bytes: number;
}

export interface BackupCounts {
  messages: number;
  events: number;
  employees: number;
}

export interface BackupAttempt {
  at: number;
  file: string;
  ok: boolean;
  trigger: BackupKind;
  counts?: BackupCounts;
  error?: string;
}

/** The backup panel: the last good backup, whether it is too old, the files, and what restoring would replace. */
export interface BackupOverview {
  dir: string;
  /** The folder used when the setting is empty. */
  defaultDir: string;
  time: string;
  lastGood: BackupAttempt | null;
  lastAttempt: BackupAttempt | null;
  /** No good backup, or the last good one is older than two days. */
  stale: boolean;
  nextDailyAt: number;
  files: BackupEntry[];
  /** The database a restore replaces, and what it holds now. */
  database: { path: string; counts: BackupCounts | null };
}

export interface RestoreOutcome {
  from: string;
  counts: BackupCounts;
  /** Where the replaced database was kept; null when not known yet (the owner restores as it closes). */
  safetyCopy: string | null;
}

// ---------------------------------------------------------------------------------------------
// The timesheet (docs/attendance-rules.md sections 2–6): shifts, the calendar, leave, day results,
// the audit log and closed periods. Dates are local calendar days as `YYYY-MM-DD` (Gregorian);
// times of day are minutes after local midnight (0 … 1439); instants are epoch milliseconds.
// ---------------------------------------------------------------------------------------------

/** One weekday of a shift: its hours, or null when that weekday is not a workday. */
export interface ShiftDay {
  /** Minutes after midnight. */
  start: number;
  /** Minutes after midnight; before `start` when the shift crosses midnight (it belongs to the day it starts on). */
  end: number;
}

export interface ShiftInput {
  name: string;
  /** Index 0 Sunday … 6 Saturday (Date#getDay); null: a weekend day for this shift. Always 7 entries. */
  days: (ShiftDay | null)[];
  /** An arrival later than start + this is late (strictly). Default 10. */
  lateGraceMinutes: number;
  /** An exit earlier than end − this is early leave (strictly). Default 10. */
  earlyGraceMinutes: number;
  /** An unpaid break as a fixed interval (minutes after midnight), or null. */
  unpaidBreak: { start: number; end: number } | null;
  /** Whether work before the start counts as overtime. Default false. */
  earlyWorkIsOvertime: boolean;
  /** Overtime below this per day is 0. Default 0. */
  overtimeMinimumMinutes: number;
  /** At most this much overtime per day; null: no cap. */
  overtimeCapMinutes: number | null;
}

export interface Shift extends ShiftInput {
  id: number;
  /** The default shift: used where no assignment applies. Exactly one shift is the default. */
  isDefault: boolean;
}

/** A shift given to one employee or to a department from a date on (the latest `from` on or before a day wins; an employee's own beats the department's). */
export interface ShiftAssignment {
  id: number;
  shiftId: number;
  target: { kind: 'employee'; employeeId: number } | { kind: 'department'; department: string };
  /** YYYY-MM-DD */
  from: string;
}

export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  name: string;
  /** One of Iran's fixed solar holidays, shipped with the app (it can be removed for a year by hand). */
  builtIn: boolean;
}

export type LeaveKind = 'paid' | 'unpaid' | 'sick' | 'mission';
export const LEAVE_KINDS: readonly LeaveKind[] = ['paid', 'unpaid', 'sick', 'mission'];

export interface LeaveInput {
  employeeId: number;
  /** YYYY-MM-DD */
  date: string;
  kind: LeaveKind;
  /** Part of a day (hourly leave): minutes after midnight; both null for a whole day. */
  from: number | null;
  to: number | null;
  note: string;
}

export interface Leave extends LeaveInput {
  id: number;
}

export type DayType = 'workday' | 'weekend' | 'holiday';
export type DayStatus = 'holiday' | 'weekend' | 'leave' | 'present' | 'incomplete' | 'absent' | 'no_data';
/** A day's own flags, and the flags of its punches that still wait for review. */
export type DayFlag = 'missing_exit' | 'missing_arrival' | PunchFlag;

/** Where a punch came from: an SMS (an event), a file import or the manager's hand (both corrections of kind add). */
export type PunchSource = 'sms' | 'import' | 'manual';

/** A punch as every computation sees it: corrections applied, voided punches left out. */
export interface Punch {
  /** The event, for an SMS punch (also when a correction replaced its time or status). */
  eventId: number | null;
  /** The correction in force (add or replace), if any. */
  correctionId: number | null;
  employeeId: number;
  status: AttendanceStatus;
  /** Counted time, corrections applied. */
  at: number;
  /** The reported time of an SMS punch, when it parsed (its day shows an unreviewed flag too). */
  reportedAt: number | null;
  source: PunchSource;
  flags: PunchFlag[];
  /** Flags that still need the manager's decision (no correction yet). */
  needsReview: boolean;
  corrected: boolean;
}

/** One employee's day (docs/attendance-rules.md section 3). */
export interface DayResult {
  employeeId: number;
  /** YYYY-MM-DD */
  date: string;
  dayType: DayType;
  holidayName: string | null;
  shiftId: number | null;
  shiftName: string | null;
  scheduledMinutes: number;
  /** Each arrival with the exit paired to it (null: missing). */
  pairs: { in: number | null; out: number | null }[];
  firstIn: number | null;
  lastOut: number | null;
  workedMinutes: number;
  lateMinutes: number;
  earlyLeaveMinutes: number;
  overtimeMinutes: number;
  shortfallMinutes: number;
  status: DayStatus;
  flags: DayFlag[];
  /** A punch of the day was corrected, added by hand or imported. */
  corrected: boolean;
  covered: boolean;
  /** The day has not ended yet: what is known so far. */
  inProgress: boolean;
  /** Whole-day leave, or the kinds of the day's hourly leave. */
  leave: LeaveKind[];
}

/** One employee's month, summed (docs/attendance-rules.md section 5). */
export interface TimesheetSummary {
  employeeId: number;
  phone: string;
  name: string;
  department: string;
  daysPresent: number;
  daysAbsent: number;
  daysIncomplete: number;
  daysLeave: number;
  daysNoData: number;
  lateCount: number;
  lateMinutes: number;
  earlyLeaveMinutes: number;
  shortfallMinutes: number;
  workedMinutes: number;
  /** Overtime on workdays, and on weekend days and holidays, apart. */
  overtimeWorkdayMinutes: number;
  overtimeOffDayMinutes: number;
}

/** What the audit log records changes of (the CLI's `--entity`, the contract's filter). */
export const AUDIT_ENTITIES = [
  'employee',
  'key',
  'shift',
  'assignment',
  'holiday',
  'leave',
  'settings',
  'punch',
  'period',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** One line of the append-only audit log: who changed what, when, from what to what. */
export interface AuditEntry {
  id: number;
  at: number;
  who: string;
  entity: AuditEntity;
  /** e.g. add, update, remove, deactivate, import, close, reopen, correct. */
  action: string;
  /** A human handle of the thing changed (a phone number, a shift's name, a date, a period). */
  subject: string;
  /** JSON of the thing before and after (null: did not exist / removed). Never a key. */
  before: unknown;
  after: unknown;
  why: string;
}

/** A closed period: no correction or leave inside it until it is reopened with a reason. */
export interface ClosedPeriod {
  id: number;
  /** YYYY-MM-DD, inclusive both. */
  from: string;
  to: string;
  closedAt: number;
  closedBy: string;
  reopenedAt: number | null;
  reopenedBy: string | null;
  reopenWhy: string | null;
}

/** Why a timesheet change (shift, holiday, leave, correction, period) was refused. */
export type TimesheetReason =
  | { code: 'period-closed'; params: { from: string; to: string } }
  | { code: 'shift-not-found'; params: { id: number } }
  | { code: 'shift-invalid'; params: { detail: string } }
  | { code: 'shift-in-use'; params: { id: number } }
  | { code: 'leave-not-found'; params: { id: number } }
  | { code: 'leave-invalid'; params: { detail: string } }
  | { code: 'holiday-invalid'; params: { detail: string } }
  | { code: 'period-invalid'; params: { detail: string } }
  | { code: 'punch-import-invalid'; params: { line: number; detail: string } };

/** One employee's days of a range and their sum: a row of the timesheet. */
export interface TimesheetRow {
  employee: Employee;
  days: DayResult[];
  summary: TimesheetSummary;
}

/** A punch of one employee's month as recorded, with the correction in force (the original stays visible). */
export interface MonthPunch {
  /** The SMS punch as received; null for a punch added by hand or imported. */
  event: EventRecord | null;
  /** The correction in force; for an added punch, the correction that added it. */
  correction: CorrectionRecord | null;
  source: PunchSource;
  /** As counted now (corrections applied); `at` null when voided. */
  status: AttendanceStatus;
  at: number | null;
}

/** One employee's month: the days, the punches behind them and the sum. */
export interface EmployeeMonth {
  employee: Employee;
  days: DayResult[];
  /** By original time (the counted time before any correction). */
  punches: MonthPunch[];
  summary: TimesheetSummary;
}

/** The dashboard: today's counts, and per day of a month present / late / absent. */
export interface DashboardData {
  today: {
    /** YYYY-MM-DD */
    date: string;
    /** Employees expected today (a workday of their shift, employed). */
    expected: number;
    /** Arrived (a first arrival is known). */
    present: number;
    /** Arrived after the late grace. */
    late: number;
    absent: number;
    /** A workday without an arrival yet that is not absent (the shift has not ended, or no data). */
    notYetIn: number;
    onLeave: number;
  };
  /** Each day of the month up to today. */
  days: { date: string; present: number; late: number; absent: number }[];
}
