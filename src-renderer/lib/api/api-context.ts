/** The AppApi handed down the component tree (components never reach for `window` themselves). */
import { getContext, setContext } from 'svelte';
import type { AppApi } from '../../../src-main/contract/app-api.js';

const API_KEY = Symbol('attendance-api');

export function provideApi(api: AppApi): void {
  setContext(API_KEY, api);
}

export function useApi(): AppApi {
  const api = getContext<AppApi | undefined>(API_KEY);
  if (!api) throw new Error('no AppApi in the component context: render inside <App> or pass one with provideApi()');
  return api;
}

/** For component tests: the context map `render(Component, { context })` expects. */
export function apiContext(api: AppApi): Map<symbol, AppApi> {
  return new Map([[API_KEY, api]]);
}
