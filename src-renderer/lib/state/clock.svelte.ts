/**
 * "Now", ticking once a second while something on screen reads it (the retry countdown), and not
 * at all otherwise: the interval starts with the first reader and stops with the last.
 */
import { createSubscriber } from 'svelte/reactivity';

export class Clock {
  readonly #subscribe: () => void;

  constructor(
    private readonly readNow: () => number = () => Date.now(),
    intervalMs = 250,
  ) {
    this.#subscribe = createSubscriber((update) => {
      const timer = setInterval(update, intervalMs);
      return () => clearInterval(timer);
    });
  }

  get now(): number {
    this.#subscribe();
    return this.readNow();
  }
}

export const clock = new Clock();
