/**
 * An error from the API in words for the window: in its language when the main process sent a
 * reason code with it (an employee's phone that is not a number, a full disk, ...), otherwise the
 * main process's own message (core/text/error-text.ts).
 */
import type { Reason } from '../../src-main/core/model.js';
import { errorText as plainErrorText } from '../../src-main/core/text/error-text.js';
import { i18n } from './i18n/i18n.svelte.js';
import { reasonText } from './i18n/problem-text.js';

export function errorText(error: unknown, fallback: string): string {
  const reason = (error as { reason?: Reason } | null)?.reason;
  if (reason && typeof reason === 'object' && Object.hasOwn(i18n.t.reasons, reason.code)) return reasonText(reason, i18n.t, i18n.format);
  return plainErrorText(error, fallback);
}
