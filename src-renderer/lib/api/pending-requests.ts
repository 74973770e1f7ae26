/**
 * The preview client's requests waiting for their answers: each gets an id the server's result
 * frame carries back, and fails on its own if no answer comes in time.
 */
import type { RequestName } from '../../../src-main/contract/app-api.js';
import type { ServerFrame } from '../../../src-main/contract/preview-wire.js';
import { RequestError } from './request-error.js';

interface Pending {
  name: RequestName;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class PendingRequests {
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  /** A new request's id, and the answer it waits for (at most `limitMs`). */
  open(name: RequestName, limitMs: number): { id: number; answer: Promise<unknown> } {
    const id = this.#nextId++;
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new RequestError(`The app did not answer ${name} within ${Math.round(limitMs / 1000)} s.`, 'timeout'));
      }, limitMs);
      this.#pending.set(id, { name, resolve, reject, timer });
    });
    return { id, answer };
  }

  /** Settles the request a result frame answers (none: it timed out already, or was failed). */
  settle(frame: Extract<ServerFrame, { type: 'result' }>): void {
    const waiting = this.#pending.get(frame.id);
    if (!waiting) return;
    this.#pending.delete(frame.id);
    clearTimeout(waiting.timer);
    if (frame.ok) waiting.resolve(frame.value);
    else waiting.reject(new RequestError(frame.error.message, frame.error.code, frame.error.reason));
  }

  /** Fails every request still waiting, with the error `why` gives for its name. */
  failAll(why: (name: RequestName) => Error): void {
    for (const [id, waiting] of this.#pending) {
      clearTimeout(waiting.timer);
      waiting.reject(why(waiting.name));
      this.#pending.delete(id);
    }
  }
}
