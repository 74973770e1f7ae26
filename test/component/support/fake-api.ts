/**
 * An AppApi for component tests: every request is a vi.fn that fails loudly unless the test
 * gives it an answer, and pushes are delivered by `push(name, payload)` to whoever subscribed.
 */
import { vi, type Mock } from 'vitest';
import type { AppApi, PushEvents, PushName, RequestName } from '../../../src-main/contract/app-api.js';
import { pushSubscribers, requestNames } from '../../../src-main/contract/app-api.js';

export type FakeApi = AppApi & {
  [K in RequestName]: Mock<AppApi[K]>;
} & {
  push<K extends PushName>(name: K, payload: PushEvents[K]): void;
  subscribers(name: PushName): number;
};

export function createFakeApi(answers: Partial<{ [K in RequestName]: AppApi[K] }> = {}): FakeApi {
  const listeners = new Map<PushName, Set<(payload: unknown) => void>>();
  const api: Record<string, unknown> = {};
  for (const name of requestNames) {
    api[name] = vi.fn(answers[name] ?? (() => Promise.reject(new Error(`the test gave ${name} no answer`))));
  }
  for (const [verb, push] of Object.entries(pushSubscribers)) {
    api[verb] = (callback: (payload: unknown) => void) => {
      let set = listeners.get(push);
      if (!set) listeners.set(push, (set = new Set()));
      set.add(callback);
      return () => set.delete(callback);
    };
  }
  api.push = (name: PushName, payload: unknown) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  api.subscribers = (name: PushName) => listeners.get(name)?.size ?? 0;
  // Built from the contract's own lists; TypeScript cannot follow the loops, hence the cast.
  return api as FakeApi;
}
