/**
 * A request the core's owner answered with `ok: false`, over either transport (the preview's
 * WebSocket or Electron's IPC): the message is in the main process's words, the code says what kind
 * of failure it was, and the reason (when there is one) is a code the window says in its language.
 */
import type { Reason } from '../../../src-main/contract/domain.js';

export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    message: string,
    readonly code: string | undefined,
    /** Why, as a code the window says in its language (see lib/api/failure.ts). */
    readonly reason?: Reason,
  ) {
    super(message);
  }
}
