/**
 * The one contract between the core's owner (Electron main, or the browser preview server) and
 * the renderer: the requests, their argument schemas, their results and the pushed events. The
 * Electron IPC handlers, the preload, the preview's WebSocket bridge and the renderer all derive
 * from it.
 *
 * Dependencies point one way: the domain's types and rules live in the core (core/model.ts,
 * core/settings/settings-schema.ts, core/employees/employee-input.ts); this file imports them and
 * adds only the transport's shapes and schemas. Inside src-main only core/api/, electron/ and
 * preview/ import it (eslint.config.js enforces that the rest of the core does not).
 *
 * The zod schemas validate every argument that crosses from the (untrusted) renderer before the
 * core sees it. The renderer imports this file's types, and on purpose also the schemas where a
 * form validates with the same rule (the settings and employee forms): one rule, checked the same
 * way in the window and in the main process.
 */
import { z } from 'zod';
import type { RequestOutcome } from '../core/api/request-outcome.js';
import type {
  AckQueueStatus,
  AckUpdate,
  ConnectionState,
  CorrectionRecord,
  DaySummaryRow,
  Employee,
  EventRecord,
  ImportReport,
  MessageDetail,
  MessageOutcome,
  MessageQuery,
  MessageRecord,
  Page,
  PresenceRow,
  Problem,
  UnknownSender,
  Alert,
  AppInfo,
  BackupAttempt,
  BackupEntry,
  BackupOverview,
  RestoreOutcome,
  WorkingHours,
} from '../core/model.js';
import type { ClosedPeriod, DashboardData, EmployeeMonth, TimesheetRow, TimesheetSummary } from '../core/model.js';
import { employeeInputSchema, type EmployeeInput } from '../core/employees/employee-input.js';
import {
  appSettingsSchema,
  settingsInputSchema,
  type AppSettingsInput,
  type SettingsInput,
  type SettingsView,
} from '../core/settings/settings-schema.js';
import { SETTINGS_LIMITS } from '../core/settings/settings-defaults.js';

export { appSettingsSchema, employeeInputSchema, settingsInputSchema };
export type {
  Alert,
  AppInfo,
  AppSettingsInput,
  BackupAttempt,
  BackupEntry,
  BackupOverview,
  RestoreOutcome,
  WorkingHours,
};
export type {
  AckUpdate,
  EmployeeInput,
  ImportReport,
  MessageOutcome,
  MessageQuery,
  Page,
  Problem,
  SettingsInput,
  SettingsView,
};
import { ipcChannel, pushSubscribers, requestNames, type PushName, type RequestName } from './channels.js';
import { adminRequestSchemas, type AdminRequestResults } from './admin-api.js';

export * from './admin-api.js';

export { ipcChannel, pushSubscribers, requestNames, type PushName, type RequestName };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const search = z.string().max(200).optional();
const id = z.number().int().positive();
/** A page of a list the core computes whole (who is in, a day's summary); omitted: all of it. */
const slice = { offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1000).optional() };

export const messageQuerySchema = z.object({
  /** Page backwards from this id (exclusive); omitted: newest first from the top. */
  beforeId: id.optional(),
  limit: z.number().int().min(1).max(1000),
  outcome: z.enum(['recorded', 'repeat', 'ignored', 'rejected']).optional(),
}) satisfies z.ZodType<MessageQuery>;

export const eventQuerySchema = z.object({
  from: day.optional(),
  to: day.optional(),
  search,
  phone: z.string().max(32).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000),
});
export type EventQuery = z.infer<typeof eventQuerySchema>;

export const reviewQuerySchema = z.object({
  state: z.enum(['pending', 'decided']),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000),
});
export type ReviewQuery = z.infer<typeof reviewQuerySchema>;

/** A review decision about a flagged punch; the operator (who) is the core's, never the renderer's word. */
export const reviewDecisionSchema = z.object({
  eventId: id,
  decision: z.enum(['accept_reported', 'keep_received', 'void']),
  why: z.string().trim().min(1, 'write a reason').max(500),
});
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;

export const exportQuerySchema = z.object({ from: day.optional(), to: day.optional() });
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export type ExportResult =
  | { kind: 'saved'; path: string; rows: number }
  | { kind: 'downloaded'; fileName: string; rows: number }
  | { kind: 'cancelled' };

export interface ExportProgress {
  rows: number;
  total: number;
  done: boolean;
}

// --- The timesheet and the dashboard (docs/attendance-rules.md sections 3-6) ---

/** A range of days, both inclusive, of at most a year (the grid's columns are its days). */
const inRange = <T extends z.ZodType<{ from: string; to: string }>>(schema: T) =>
  schema
    .refine((r) => r.from <= r.to, 'the range ends before it starts')
    .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 366 * 86_400_000, 'at most a year');
const dayRangeSchema = inRange(z.object({ from: day, to: day }));

export const timesheetQuerySchema = inRange(
  z.object({
    from: day,
    to: day,
    search,
    department: z.string().max(200).optional(),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(1000),
  }),
);
export type TimesheetQuery = z.infer<typeof timesheetQuerySchema>;

/** One department's totals over a range (the employees' summaries added up). */
export interface DepartmentSummary extends Omit<TimesheetSummary, 'employeeId' | 'phone' | 'name'> {
  employees: number;
}

export const timesheetExportSchema = inRange(
  z.object({
    from: day,
    to: day,
    format: z.enum(['csv', 'xlsx']),
    /** The UI's language: the XLSX's headers and sheet direction. */
    language: z.enum(['en', 'fa']),
  }),
);
export type TimesheetExportQuery = z.infer<typeof timesheetExportSchema>;

/** Printing: a PDF saved where the user chose (the desktop app), or the browser's own print (the preview). */
export type PrintResult = { kind: 'saved'; path: string } | { kind: 'cancelled' } | { kind: 'browser' };

const timesheetRequestSchemas = {
  timesheet: timesheetQuerySchema,
  departmentSummary: dayRangeSchema,
  employeeMonth: inRange(z.object({ employeeId: id, from: day, to: day })),
  dashboard: dayRangeSchema,
  exportTimesheet: timesheetExportSchema,
  listPeriods: z.undefined(),
  closePeriod: dayRangeSchema,
  reopenPeriod: z.object({ id, why: z.string().trim().min(1, 'write a reason').max(500) }),
  printTimesheet: dayRangeSchema,
} as const;

interface TimesheetResults {
  timesheet: Page<TimesheetRow>;
  departmentSummary: DepartmentSummary[];
  employeeMonth: EmployeeMonth;
  dashboard: DashboardData;
  exportTimesheet: ExportResult;
  listPeriods: ClosedPeriod[];
  closePeriod: ClosedPeriod;
  reopenPeriod: ClosedPeriod;
  printTimesheet: PrintResult;
}
export type { ClosedPeriod, DashboardData, EmployeeMonth, TimesheetRow, TimesheetSummary };
export type { DayResult, DayStatus, MonthPunch } from '../core/model.js';
// --- end of the timesheet ---

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
  whoIsIn: z.object({ search, ...slice }),
  daySummary: z.object({ date: day, search, ...slice }),
  listEvents: eventQuerySchema,
  listEmployees: z.object({ search, includeInactive: z.boolean().optional() }),
  addEmployee: employeeInputSchema,
  updateEmployee: z.object({ id, input: employeeInputSchema }),
  setEmployeeActive: z.object({ id, active: z.boolean() }),
  importEmployeesCsv: z.string().max(10_000_000),
  unknownSenders: z.undefined(),
  reviewList: reviewQuerySchema,
  decideReview: reviewDecisionSchema,
  setEmployeeKey: z.object({
    id,
    key: z
      .string()
      .refine(
        (k) => new TextEncoder().encode(k).length === SETTINGS_LIMITS.keyBytes,
        `the key must be exactly ${SETTINGS_LIMITS.keyBytes} characters (bytes)`,
      ),
  }),
  generateEmployeeKey: z.object({ id }),
  removeEmployeeKey: z.object({ id }),
  getAckQueue: z.undefined(),
  exportCsv: exportQuerySchema,
  cancelExport: z.undefined(),
  appInfo: z.undefined(),
  saveAppSettings: appSettingsSchema,
  backupOverview: z.undefined(),
  backupNow: z.undefined(),
  restoreBackup: z.object({ file: z.string().min(1).max(4096) }),
  listAlerts: z.undefined(),
  startDemo: z.undefined(),
  ...timesheetRequestSchemas,
  ...adminRequestSchemas,
} as const satisfies Record<RequestName, z.ZodType>;

export interface RequestResults extends TimesheetResults, AdminRequestResults {
  getSettings: SettingsView;
  saveSettings: SettingsView;
  connect: void;
  disconnect: void;
  getConnectionState: ConnectionState;
  listMessages: Page<MessageRecord>;
  getMessage: MessageDetail | null;
  whoIsIn: Page<PresenceRow>;
  daySummary: Page<DaySummaryRow>;
  listEvents: Page<EventRecord>;
  listEmployees: Employee[];
  addEmployee: Employee;
  updateEmployee: Employee;
  setEmployeeActive: Employee;
  importEmployeesCsv: ImportReport;
  unknownSenders: UnknownSender[];
  reviewList: Page<EventRecord>;
  decideReview: CorrectionRecord;
  setEmployeeKey: Employee;
  /** The new key is in this answer only: it is stored sealed and never sent again. */
  generateEmployeeKey: { employee: Employee; key: string };
  removeEmployeeKey: Employee;
  getAckQueue: AckQueueStatus;
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
const pushEventsMatchNames: [keyof PushEvents] extends [PushName]
  ? [PushName] extends [keyof PushEvents]
    ? true
    : never
  : never = true;
void pushEventsMatchNames;

export type Unsubscribe = () => void;

/** A request verb of the API object: no argument where the schema is `undefined`. */
type Verb<K extends RequestName> =
  RequestArg<K> extends undefined
    ? () => Promise<RequestResults[K]>
    : (arg: RequestArg<K>) => Promise<RequestResults[K]>;

/** The push subscriptions of the API object: one verb per push, each returning its unsubscribe. */
// A type literal, not an interface: the transports build the API object in a loop over the
// contract's lists and cast a record to it, which TypeScript allows only for type literals.
export type PushSubscriptions = {
  onConnectionState(cb: (state: ConnectionState) => void): Unsubscribe;
  onMessages(cb: (batch: MessageRecord[]) => void): Unsubscribe;
  onAckUpdates(cb: (batch: AckUpdate[]) => void): Unsubscribe;
  onExportProgress(cb: (progress: ExportProgress) => void): Unsubscribe;
  onProblem(cb: (problem: Problem) => void): Unsubscribe;
  onAlerts(cb: (alerts: Alert[]) => void): Unsubscribe;
};

/**
 * The API object the renderer's views talk to. The browser preview's WebSocket client implements
 * it, and so does the renderer's IPC client over Electron's preload; the views cannot tell them
 * apart. A failed request rejects with the failure's message, code and reason.
 */
export type AppApi = { [K in RequestName]: Verb<K> } & PushSubscriptions;

export type { RequestFailure, RequestOutcome } from '../core/api/request-outcome.js';

/**
 * What Electron's preload exposes as `window.attendance`: the same verbs, but a request resolves
 * with its outcome instead of rejecting, because an Error that crosses contextBridge keeps only its
 * message (the reason code would be lost). The renderer's IPC client turns it into an AppApi.
 */
export type PreloadApi = { [K in RequestName]: (arg?: unknown) => Promise<RequestOutcome> } & PushSubscriptions;
