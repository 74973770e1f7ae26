/**
 * The window's stores (the connection, the settings, what kind of app this is, the problems, the
 * ack queue and the message log): made once by <App>, which starts them, and handed down the
 * component tree like the API (api-context.ts), so that each view takes the ones it shows.
 */
import { getContext, setContext } from 'svelte';
import { AckQueueStore } from './ack-queue.svelte.js';
import { ConnectionStore } from './connection.svelte.js';
import { MessageLog } from './message-log.svelte.js';
import { OfficeStore } from './office.svelte.js';
import { ProblemStore } from './problems.svelte.js';
import { SettingsStore } from './settings.svelte.js';

export interface AppStores {
  connection: ConnectionStore;
  settings: SettingsStore;
  office: OfficeStore;
  problems: ProblemStore;
  ackQueue: AckQueueStore;
  messages: MessageLog;
}

const STORES_KEY = Symbol('attendance-stores');

export function createStores(): AppStores {
  return {
    connection: new ConnectionStore(),
    settings: new SettingsStore(),
    office: new OfficeStore(),
    problems: new ProblemStore(),
    ackQueue: new AckQueueStore(),
    messages: new MessageLog(),
  };
}

export function provideStores(stores: AppStores): void {
  setContext(STORES_KEY, stores);
}

export function useStores(): AppStores {
  const stores = getContext<AppStores | undefined>(STORES_KEY);
  if (!stores)
    throw new Error('no stores in the component context: render inside <App> or pass them with provideStores()');
  return stores;
}

/** For component tests: the context map `render(Component, { context })` expects. */
export function storesContext(stores: AppStores): Map<symbol, AppStores> {
  return new Map([[STORES_KEY, stores]]);
}
