/** The core's one emitter: every change its owner hears of (see CoreEvents), and its log lines. */
import { EventEmitter } from 'node:events';
import type { CoreEvents, CoreLogLine } from './app-core-types.js';

export interface CoreEmitter {
  emit<E extends keyof CoreEvents>(event: E, ...args: Parameters<CoreEvents[E]>): void;
  log(level: CoreLogLine['level'], message: string, fields?: Record<string, unknown>): void;
  /** Subscribes; returns the unsubscribe function. */
  on<E extends keyof CoreEvents>(event: E, listener: CoreEvents[E]): () => void;
}

export function createCoreEmitter(now: () => number): CoreEmitter {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(50);
  const emit: CoreEmitter['emit'] = (event, ...args) => {
    emitter.emit(event, ...args);
  };
  return {
    emit,
    log: (level, message, fields) => emit('log', { at: now(), level, message, ...(fields ? { fields } : {}) }),
    on(event, listener) {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
  };
}
