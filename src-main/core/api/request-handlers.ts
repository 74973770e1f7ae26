/**
 * The contract's requests mapped onto the core, once, for every transport: Electron's IPC handlers
 * and the preview's WebSocket both call these (after dispatchRequest has validated the argument
 * with the contract's schema). Nothing here knows how it was called.
 */
import type { AppInfo, RequestArg, RequestName, RequestResults, RestoreOutcome } from '../../contract/app-api.js';
import type { AlertMonitor } from '../alerts/alert-monitor.js';
import { backupOverview, checkBackupToRestore } from '../backup/backup-overview.js';
import type { BackupService } from '../backup/backup-service.js';
import type { AppCore } from '../app-core-types.js';
import { dayRange } from '../export/day-range.js';
import { startOfLocalDay } from '../store/local-day.js';
import { missingForConnect, toCoreSettings, type SettingsRepository } from '../settings/settings-repository.js';
import type { CsvExporter } from './csv-exporter.js';
import { ReasonError } from '../reason-error.js';
import { createTimesheetHandlers, type TimesheetHost } from './timesheet-handlers.js';
import { createAdminHandlers, type AdminHost } from './admin-handlers.js';
import { auditSettings } from '../settings/settings-audit.js';
import { ListPages } from './list-pages.js';

export type RequestHandlers = { [K in RequestName]: (arg: RequestArg<K>) => Promise<RequestResults[K]> };

export interface RequestHost extends TimesheetHost {
  settings: SettingsRepository;
  exporter: CsvExporter;
  /** Default Date.now; "who is in now" counts events since the start of today. */
  now?: () => number;
  /** The owner's backups and the database they are of; omitted: none (the demo). */
  backups?: { service: BackupService; dbPath: string; defaultDir: string } | null;
  alerts?: AlertMonitor | null;
  /** What kind of app this is; omitted fields are false. */
  appInfo?: Partial<AppInfo>;
  /**
   * Puts a checked backup in place: the owner closes its core, restores and starts again (the
   * desktop app relaunches; the preview ends). Resolves before the owner closes anything.
   */
  restore?: (checked: { from: string; counts: RestoreOutcome['counts'] }) => Promise<RestoreOutcome>;
  /** The desktop app's "Try it without a phone". */
  startDemo?: () => Promise<void>;
  /** Where a file the user keeps goes (the audit log's export); omitted: no such exports. */
  saveFile?: AdminHost['saveFile'];
}

export function createRequestHandlers(core: AppCore, host: RequestHost): RequestHandlers {
  const now = host.now ?? Date.now;
  const { settings, exporter } = host;
  const store = core.store;
  const { who, ...admin } = createAdminHandlers({
    store,
    osOperator: () => core.operator(),
    now,
    ...(host.saveFile ? { saveFile: host.saveFile } : {}),
  });
  const lists = new ListPages();

  /** Hands the stored settings to the core when they are complete enough for it (it insists on a valid key). */
  const applyToCore = (): void => {
    const current = settings.current();
    // The owner's own tuning (keepalive period, ack window) is not among the stored settings: kept.
    if (current.key !== '') core.updateSettings({ ...core.settings(), ...toCoreSettings(current) });
  };

  return {
    ...createTimesheetHandlers(core, host, now, who),
    getSettings: async () => settings.view(),
    saveSettings: async (input) => {
      const before = settings.current();
      const view = await settings.save(input);
      auditSettings(store, before, settings.current());
      applyToCore();
      return view;
    },
    connect: async () => {
      const missing = missingForConnect(settings.current());
      if (missing.length > 0)
        throw new ReasonError({ code: 'settings-incomplete', params: { fields: missing.join(', ') } });
      applyToCore();
      core.connect();
    },
    disconnect: () => core.disconnect(),
    getConnectionState: async () => core.connectionState(),
    listMessages: async (query) => store.listMessages(query),
    getMessage: async (id) => store.getMessage(id),
    whoIsIn: async ({ search, offset, limit }) => {
      const q = { since: startOfLocalDay(now()), ...(search ? { search } : {}) };
      return lists.page('whoIsIn', q, { offset, limit }, () => store.whoIsIn(q));
    },
    daySummary: async ({ date, search, offset, limit }) => {
      const q = { date, ...(search ? { search } : {}) };
      return lists.page('daySummary', q, { offset, limit }, () => store.daySummary(q));
    },
    listEvents: async ({ from, to, search, phone, offset, limit }) =>
      store.listEvents({
        offset,
        limit,
        ...dayRange(from, to),
        ...(search ? { search } : {}),
        ...(phone ? { phone } : {}),
      }),
    listEmployees: async (query) => store.listEmployees(query),
    addEmployee: async (input) => store.addEmployee(input),
    updateEmployee: async ({ id, input }) => store.updateEmployee(id, input),
    setEmployeeActive: async ({ id, active }) => store.setEmployeeActive(id, active),
    importEmployeesCsv: async (text) => store.importEmployeesCsv(text),
    unknownSenders: async () => store.unknownSenders(),
    reviewList: async (query) => store.reviewList(query),
    decideReview: async ({ eventId, decision, why }) => store.decideReview(eventId, decision, { who: who(), why }),
    setEmployeeKey: async ({ id, key }) => core.setEmployeeKey(id, key),
    generateEmployeeKey: async ({ id }) => core.generateEmployeeKey(id),
    removeEmployeeKey: async ({ id }) => core.setEmployeeKey(id, null),
    getAckQueue: async () => core.ackQueue(),
    exportCsv: (query) => exporter.exportCsv(query),
    cancelExport: async () => exporter.cancel(),
    appInfo: async () => ({
      demo: host.appInfo?.demo ?? false,
      canStartDemo: host.startDemo !== undefined,
      backups: host.backups != null,
      loginItem: host.appInfo?.loginItem ?? false,
    }),
    saveAppSettings: async (input) => {
      const backups = host.backups;
      if (backups && (input.backupDir !== undefined || input.backupTime !== undefined)) {
        // Checked by the service first (a folder it can use, a valid time), then stored.
        backups.service.configure({
          ...(input.backupDir !== undefined
            ? { dir: input.backupDir.trim() === '' ? backups.defaultDir : input.backupDir.trim() }
            : {}),
          ...(input.backupTime !== undefined ? { time: input.backupTime } : {}),
        });
      }
      const before = settings.current();
      const view = await settings.update(input);
      auditSettings(store, before, settings.current());
      host.alerts?.check();
      return view;
    },
    backupOverview: async () =>
      backupOverview(requireBackups().service, requireBackups().dbPath, requireBackups().defaultDir),
    backupNow: async () => {
      const backups = requireBackups();
      const record = await backups.service.backupNow('manual');
      host.alerts?.check();
      if (!record.ok) throw new Error(`The backup failed: ${record.error ?? 'unknown error'}`);
      return backupOverview(backups.service, backups.dbPath, backups.defaultDir);
    },
    restoreBackup: async ({ file }) => {
      const backups = requireBackups();
      if (!host.restore)
        throw new Error(
          'Restoring is not available here; use the command line: smpp-attendance restore --db DB --from FILE',
        );
      return host.restore(checkBackupToRestore(backups.service, file));
    },
    listAlerts: async () => host.alerts?.alerts() ?? [],
    startDemo: async () => {
      if (!host.startDemo) throw new Error('The demo is started with `npm run demo` here.');
      await host.startDemo();
    },
    ...admin,
  };

  function requireBackups(): NonNullable<RequestHost['backups']> {
    if (!host.backups) throw new Error('Backups are not kept for this database (a demo).');
    return host.backups;
  }
}
