/**
 * A request that failed, as view state: a code to decide on, the main process's message, and (when
 * the main process sent one) the reason as a code with parameters. The preview transport keeps the
 * server's code (`failed`, `invalid-argument`, ...) and reason, and adds its own codes (`transport`,
 * `timeout`); over Electron's IPC the code and reason arrive the same way (lib/api/ipc-client.ts). A failure is said in the window's language when it carries a reason the
 * dictionaries know (an employee's phone that is not a number, a full disk, ...), otherwise in the
 * main process's words; an empty message is shown as the dictionary's generic error.
 */
import type { Reason } from '../../../src-main/contract/domain.js';
import { i18n } from '../i18n/i18n.svelte.js';
import { reasonText } from '../i18n/problem-text.js';

export interface Failure {
  code: string;
  message: string;
  reason?: Reason;
}

export function failureOf(error: unknown): Failure {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'failed';
  const reason = reasonOf(error);
  const message = error instanceof Error ? error.message.trim() : typeof error === 'string' ? error.trim() : '';
  return reason ? { code, message, reason } : { code, message };
}

/** The failure in words: its reason in the window's language, else its message, else `generic` (the dictionary's). */
export function failureMessage(failure: Failure, generic: string): string {
  if (failure.reason) return reasonText(failure.reason, i18n.t, i18n.format);
  return failure.message === '' ? generic : failure.message;
}

/** The reason code an error carries (RequestError's `reason`), if the dictionaries know it. */
function reasonOf(error: unknown): Reason | undefined {
  const reason = (error as { reason?: unknown } | null)?.reason;
  if (typeof reason !== 'object' || reason === null) return undefined;
  const code = (reason as { code?: unknown }).code;
  return typeof code === 'string' && Object.hasOwn(i18n.t.reasons, code) ? (reason as Reason) : undefined;
}
