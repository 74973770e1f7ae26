/** The preview client's subscribers to pushed events, by event name: one throwing cannot stop the others. */
import type { PushEvents, PushName, Unsubscribe } from '../../../src-main/contract/app-api.js';

type Listener = (payload: never) => void;

export class PushListeners {
  readonly #listeners = new Map<PushName, Set<Listener>>();

  emit<K extends PushName>(name: K, payload: PushEvents[K]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        (listener as (payload: PushEvents[K]) => void)(payload);
      } catch (error) {
        console.error(`a ${name} subscriber threw`, error);
      }
    }
  }

  /** The AppApi verb that subscribes to `name` (onMessages, onProblem, ...). */
  subscriber<K extends PushName>(name: K): (callback: (payload: PushEvents[K]) => void) => Unsubscribe {
    return (callback) => {
      let set = this.#listeners.get(name);
      if (!set) this.#listeners.set(name, (set = new Set()));
      set.add(callback as Listener);
      return () => {
        set.delete(callback as Listener);
      };
    };
  }
}
