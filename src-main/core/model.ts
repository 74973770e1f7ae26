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
