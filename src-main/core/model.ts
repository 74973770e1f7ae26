/**
 * Domain values shared by the core, the CLI, the IPC contract and the renderer.
 * Times are milliseconds since the Unix epoch (UTC) unless a name says otherwise.
 */

/** The SMPP session's state, emitted by the core on every change. */
export type ConnectionState =
  | { kind: 'disconnected' }
  | { kind: 'connecting'; attempt: number }
  | { kind: 'bound'; since: number }
  | { kind: 'retrying'; attempt: number; inMs: number; reason: string; at: number }
  | { kind: 'refused'; status: string; code: number };

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
  /** Why a message was rejected or ignored; null when recorded. */
  reason: string | null;
  employeeName: string | null;
  eventId: number | null;
  ackId: number | null;
  ackState: AckState | null;
}

/** A message with its raw bytes, for the details pane. */
export interface MessageDetail extends MessageRecord {
  rawHex: string;
  envelope: string | null;
  ackText: string | null;
  ackError: string | null;
  smscMessageId: string | null;
}

export interface EventRecord {
  id: number;
  phone: string;
  employeeId: number | null;
  employeeName: string | null;
  status: AttendanceStatus;
  /** The text after the status word, exactly as sent (e.g. " 08:31"). */
  reportedTime: string;
  /** Parsed from reportedTime; null when it does not parse. */
  occurredAt: number | null;
  receivedAt: number;
  messageId: number;
}

export interface Employee {
  id: number;
  phone: string;
  name: string;
  department: string;
  active: boolean;
  hasOwnKey: boolean;
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
  errors: { line: number; message: string }[];
}

/** A change of a known message's acknowledgement. */
export interface AckUpdate {
  messageId: number;
  ackId: number;
  state: AckState;
  error: string | null;
}

/** A problem the user must see (the database is locked, the disk is full, ...), or its end. */
export interface Problem {
  kind: 'storage' | 'gateway' | 'settings';
  message: string;
  active: boolean;
}
