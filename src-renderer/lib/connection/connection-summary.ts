/**
 * What the connection state badge says, in the window's language: a headline (the state at a
 * glance), a detail line (why, and what to do), and a tone for its colour. Pure, so the texts,
 * the countdown and the refusal hints are tested without a DOM.
 */
import type { ConnectionState } from '../../../src-main/contract/domain.js';
import type { Dictionary } from '../i18n/dictionary.js';
import type { Formatter } from '../i18n/format.js';
import { reasonText } from '../i18n/problem-text.js';

export type Tone = 'ok' | 'busy' | 'warn' | 'error' | 'idle';

export interface ConnectionSummary {
  tone: Tone;
  headline: string;
  detail: string;
}

/** Whole seconds left before the next attempt, never negative, never more than the wait itself. */
export function secondsLeft(
  state: Extract<ConnectionState, { kind: 'retrying' }>,
  receivedAt: number,
  now: number,
): number {
  // The deadline by the main process's clock, held within what this window can have seen.
  const deadline = Math.min(Math.max(state.at + state.inMs, receivedAt), receivedAt + state.inMs);
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** The plain-words reason for an SMPP bind refusal. */
export function refusalHint(state: Extract<ConnectionState, { kind: 'refused' }>, t: Dictionary): string {
  const hints: Record<string, string> = t.connection.statusHints;
  return hints[state.status] ?? t.connection.statusHintUnknown(`0x${state.code.toString(16).padStart(8, '0')}`);
}

export function summarizeConnection(
  state: ConnectionState,
  t: Dictionary,
  format: Formatter,
  receivedAt: number,
  now: number,
): ConnectionSummary {
  const c = t.connection;
  switch (state.kind) {
    case 'disconnected':
      return { tone: 'idle', headline: c.disconnected, detail: c.disconnectedHint };
    case 'connecting':
      return {
        tone: 'busy',
        headline: state.attempt > 1 ? c.connecting(format.number(state.attempt)) : c.connectingFirst,
        detail: '',
      };
    case 'bound':
      return { tone: 'ok', headline: c.bound, detail: c.boundSince(format.time(state.since)) };
    case 'retrying': {
      const left = secondsLeft(state, receivedAt, now);
      return {
        tone: 'warn',
        headline: left > 0 ? c.retrying(format.number(left)) : c.retryingNow,
        detail: c.retryingReason(reasonText(state.reason, t, format), format.number(state.attempt)),
      };
    }
    case 'refused':
      return { tone: 'error', headline: c.refused(state.status), detail: c.refusedHint(refusalHint(state, t)) };
  }
}
