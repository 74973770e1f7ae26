/**
 * How a request's outcome crosses a transport (Electron IPC, the preview's WebSocket): a plain
 * object, because an Error thrown in the main process reaches the renderer only as a mangled
 * string over IPC, and not at all over a socket.
 */
import type { Reason } from '../model.js';

export type RequestOutcome = { ok: true; value: unknown } | { ok: false; error: RequestFailure };

export interface RequestFailure {
  /** In words, for the user (the renderer shows it). */
  message: string;
  /** `refused`: the sender is not our page; `unknown-request`; `invalid-argument`: the schema said no; `failed`: the core threw. */
  code: 'refused' | 'unknown-request' | 'invalid-argument' | 'failed';
  /** Why, as a code the renderer says in its language (an employee's phone that is not a number, a full disk, ...). */
  reason?: Reason;
}
