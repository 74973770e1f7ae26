/**
 * The contract's requests mapped onto the core, once, for every transport: Electron's IPC handlers
 * and the preview's WebSocket both call these (after dispatchRequest has validated the argument
 * with the contract's schema). Nothing here knows how it was called.
 */
import type { RequestArg, RequestName, RequestResults } from '../../contract/app-api.js';
import type { AppCore } from '../app-core-types.js';
import { dayRange } from '../export/day-range.js';
import { startOfLocalDay } from '../store/local-day.js';
import { missingForConnect, toCoreSettings, type SettingsRepository } from '../settings/settings-repository.js';
import type { CsvExporter } from './csv-exporter.js';
import { ReasonError } from '../reason-error.js';

export type RequestHandlers = { [K in RequestName]: (arg: RequestArg<K>) => Promise<RequestResults[K]> };

export interface RequestHost {
  settings: SettingsRepository;
  exporter: CsvExporter;
  /** Default Date.now; "who is in now" counts events since the start of today. */
  now?: () => number;
}

export function createRequestHandlers(core: AppCore, host: RequestHost): RequestHandlers {
  const now = host.now ?? Date.now;
  const { settings, exporter } = host;
  const store = core.store;

  /** Hands the stored settings to the core when they are complete enough for it (it insists on a valid key). */
  const applyToCore = (): void => {
    const current = settings.current();
    if (current.key !== '') core.updateSettings(toCoreSettings(current));
  };

  return {
    getSettings: async () => settings.view(),
    saveSettings: async (input) => {
      const view = await settings.save(input);
      applyToCore();
      return view;
    },
    connect: async () => {
      const missing = missingForConnect(settings.current());
      if (missing.length > 0) throw new ReasonError({ code: 'settings-incomplete', params: { fields: missing.join(', ') } });
      applyToCore();
      core.connect();
    },
    disconnect: () => core.disconnect(),
    getConnectionState: async () => core.connectionState(),
    listMessages: async (query) => store.listMessages(query),
    getMessage: async (id) => store.getMessage(id),
    whoIsIn: async ({ search }) => store.whoIsIn({ since: startOfLocalDay(now()), ...(search ? { search } : {}) }),
    daySummary: async ({ date, search }) => store.daySummary({ date, ...(search ? { search } : {}) }),
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
    setEmployeeKey: async ({ id, key }) => core.setEmployeeKey(id, key),
    generateEmployeeKey: async ({ id }) => core.generateEmployeeKey(id),
    removeEmployeeKey: async ({ id }) => core.setEmployeeKey(id, null),
    getAckQueue: async () => core.ackQueue(),
    exportCsv: (query) => exporter.exportCsv(query),
    cancelExport: async () => exporter.cancel(),
  };
}
