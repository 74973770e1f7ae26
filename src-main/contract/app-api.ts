/**
 * The one contract between the core's owner (Electron main, or the browser preview server) and
 * the renderer. Requests, their argument schemas, results and pushed events are defined once here;
 * the Electron IPC handlers, the preload, the preview's WebSocket bridge and the renderer all derive
 * from it. The renderer imports types only; the zod schemas validate every argument that crosses
 * from the (untrusted) renderer before the core sees it.
 */
import { z } from 'zod';
import type {
  ConnectionState,
  DaySummaryRow,
  Employee,
  EventRecord,
  MessageDetail,
  MessageOutcome,
  MessageRecord,
  PresenceRow,
  UnknownSender,
  AckState,
  Alert,
  WorkingHours,
} from '../core/model.js';
import { ipcChannel, pushSubscribers, requestNames, type PushName, type RequestName } from './channels.js';

export { ipcChannel, pushSubscribers, requestNames, type PushName, type RequestName };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const search = z.string().max(200).optional();
const id = z.number().int().positive();

export const settingsInputSchema = z.object({
  host: z.string().trim().min(1, 'enter the gateway address').max(253),
  port: z.number().int().min(1).max(65535),
  systemId: z.string().min(1, 'enter the system id').max(15, 'SMPP allows at most 15 characters'),
  /** Omitted: keep the stored password. */
  password: z.string().max(8, 'SMPP allows at most 8 characters').optional(),
  /** Omitted: keep the stored key. Must be exactly 32 bytes as UTF-8. */
  key: z
    .string()
    .refine((k) => new TextEncoder().encode(k).length === 32, 'the key must be exactly 32 characters (bytes)')
    .optional(),
  ignoreNumbers: z.array(z.string().regex(/^\+?\d{1,20}$/, 'numbers only')).max(100),
  repeatWindowMinutes: z.number().int().min(0).max(24 * 60),
  /** Acknowledgements per minute; 0 means no limit. */
  ackRatePerMinute: z.number().int().min(0).max(100_000),
  language: z.enum(['auto', 'en', 'fa']),
  defaultCountry: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as IR'),
});
export type SettingsInput = z.infer<typeof settingsInputSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24 h)');

/** Settings kept apart from the connection form: backups, working hours, start at login. Each one optional: omitted ones are kept. */
export const appSettingsSchema = z
  .object({
    /** The folder of the automatic backups; '' is the default (the app's data folder). */
    backupDir: z.string().max(4096),
    /** The daily backup's local time. */
    backupTime: hhmm,
    /** When the gateway is expected to be up (alerts are raised only then). */
    workingHours: z.object({ days: z.array(z.number().int().min(0).max(6)).max(7), from: hhmm, to: hhmm }),
    /** The desktop app starts when the user logs in. */
    startAtLogin: z.boolean(),
  })
  .partial();
export type AppSettingsInput = z.infer<typeof appSettingsSchema>;

/** Settings as the renderer sees them: secrets never leave the main process. */
export interface SettingsView extends Omit<SettingsInput, 'password' | 'key'> {
  backupDir: string;
  backupTime: string;
  workingHours: WorkingHours;
  /** null: not decided yet (the desktop app turns it on at the first successful connection). */
  startAtLogin: boolean | null;
  hasPassword: boolean;
  hasKey: boolean;
  /** The key in use is the well-known one built into the phones in the field. */
  keyIsPublicDefault: boolean;
  /** Where secrets are kept: the OS keychain, or (no keychain available) obfuscated on disk / only in memory. */
  secretStorage: 'keychain' | 'weak' | 'memory';
}

export const messageQuerySchema = z.object({
  /** Page backwards from this id (exclusive); omitted: newest first from the top. */
  beforeId: id.optional(),
  limit: z.number().int().min(1).max(1000),
  outcome: z.enum(['recorded', 'repeat', 'ignored', 'rejected']).optional(),
});
export type MessageQuery = z.infer<typeof messageQuerySchema>;

export const eventQuerySchema = z.object({
  from: day.optional(),
  to: day.optional(),
  search,
  phone: z.string().max(32).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000),
});
export type EventQuery = z.infer<typeof eventQuerySchema>;

export const employeeInputSchema = z.object({
  phone: z.string().trim().min(3, 'enter a phone number').max(32),
  name: z.string().trim().min(1, 'enter a name').max(200),
  department: z.string().trim().max(200),
});
export type EmployeeInput = z.infer<typeof employeeInputSchema>;

export const exportQuerySchema = z.object({ from: day.optional(), to: day.optional() });
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export interface Page<T> {
  rows: T[];
  total: number;
}

export interface ImportReport {
  added: number;
  updated: number;
  errors: { line: number; message: string }[];
}

export type ExportResult =
  | { kind: 'saved'; path: string; rows: number }
  | { kind: 'downloaded'; fileName: string; rows: number }
  | { kind: 'cancelled' };

export interface ExportProgress {
  rows: number;
  total: number;
  done: boolean;
}

/** What kind of app the renderer is part of. */
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

export interface BackupEntry {
  file: string;
  at: number;
  trigger: 'daily' | 'manual' | 'pre-migration';
  bytes: number;
}

export interface BackupAttempt {
  at: number;
  file: string;
  ok: boolean;
  trigger: 'daily' | 'manual' | 'pre-migration';
  counts?: { messages: number; events: number; employees: number };
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
  database: { path: string; counts: { messages: number; events: number; employees: number } | null };
}

export interface RestoreOutcome {
  from: string;
  counts: { messages: number; events: number; employees: number };
  /** Where the replaced database was kept. */
  safetyCopy: string | null;
}

/** A problem the user must see (the database is locked, the disk is full, ...), or its end. */
export interface Problem {
  kind: 'storage' | 'gateway' | 'settings';
  message: string;
  active: boolean;
}

/** A change of a known message's acknowledgement. */
export interface AckUpdate {
  messageId: number;
  ackId: number;
  state: AckState;
  error: string | null;
}

/**
 * Requests: name -> [argument schema, result]. The argument is always one value (or none) so that
 * one schema validates it.
 */
export const requestSchemas = {
  getSettings: z.undefined(),
  saveSettings: settingsInputSchema,
  connect: z.undefined(),
  disconnect: z.undefined(),
  getConnectionState: z.undefined(),
  listMessages: messageQuerySchema,
  getMessage: id,
  whoIsIn: z.object({ search }),
  daySummary: z.object({ date: day, search }),
  listEvents: eventQuerySchema,
  listEmployees: z.object({ search, includeInactive: z.boolean().optional() }),
  addEmployee: employeeInputSchema,
  updateEmployee: z.object({ id, input: employeeInputSchema }),
  setEmployeeActive: z.object({ id, active: z.boolean() }),
  importEmployeesCsv: z.string().max(10_000_000),
  unknownSenders: z.undefined(),
  exportCsv: exportQuerySchema,
  cancelExport: z.undefined(),
  appInfo: z.undefined(),
  saveAppSettings: appSettingsSchema,
  backupOverview: z.undefined(),
  backupNow: z.undefined(),
  restoreBackup: z.object({ file: z.string().min(1).max(4096) }),
  listAlerts: z.undefined(),
  startDemo: z.undefined(),
} as const satisfies Record<RequestName, z.ZodType>;

export interface RequestResults {
  getSettings: SettingsView;
  saveSettings: SettingsView;
  connect: void;
  disconnect: void;
  getConnectionState: ConnectionState;
  listMessages: Page<MessageRecord>;
  getMessage: MessageDetail | null;
  whoIsIn: PresenceRow[];
  daySummary: DaySummaryRow[];
  listEvents: Page<EventRecord>;
  listEmployees: Employee[];
  addEmployee: Employee;
  updateEmployee: Employee;
  setEmployeeActive: Employee;
  importEmployeesCsv: ImportReport;
  unknownSenders: UnknownSender[];
  exportCsv: ExportResult;
  cancelExport: void;
  appInfo: AppInfo;
  saveAppSettings: SettingsView;
  backupOverview: BackupOverview;
  backupNow: BackupOverview;
  restoreBackup: RestoreOutcome;
  listAlerts: Alert[];
  startDemo: void;
}

export type RequestArg<K extends RequestName> = z.infer<(typeof requestSchemas)[K]>;

/** Events pushed from the core's owner to the renderer. Bursts are batched into arrays. */
export interface PushEvents {
  connectionState: ConnectionState;
  messages: MessageRecord[];
  ackUpdates: AckUpdate[];
  exportProgress: ExportProgress;
  problem: Problem;
  alerts: Alert[];
}

/** Compile-time check: the push events above are exactly the pushes of channels.ts. */
const pushEventsMatchNames: [keyof PushEvents] extends [PushName] ? ([PushName] extends [keyof PushEvents] ? true : never) : never = true;
void pushEventsMatchNames;

export type Unsubscribe = () => void;

/** A request verb of the API object: no argument where the schema is `undefined`. */
type Verb<K extends RequestName> = RequestArg<K> extends undefined
  ? () => Promise<RequestResults[K]>
  : (arg: RequestArg<K>) => Promise<RequestResults[K]>;

/**
 * The API object the renderer talks to (`window.attendance`). Electron's preload and the browser
 * preview's WebSocket client both implement it; the renderer cannot tell them apart.
 */
export type AppApi = { [K in RequestName]: Verb<K> } & {
  onConnectionState(cb: (state: ConnectionState) => void): Unsubscribe;
  onMessages(cb: (batch: MessageRecord[]) => void): Unsubscribe;
  onAckUpdates(cb: (batch: AckUpdate[]) => void): Unsubscribe;
  onExportProgress(cb: (progress: ExportProgress) => void): Unsubscribe;
  onProblem(cb: (problem: Problem) => void): Unsubscribe;
  onAlerts(cb: (alerts: Alert[]) => void): Unsubscribe;
};

export type { MessageOutcome, Alert, WorkingHours };
