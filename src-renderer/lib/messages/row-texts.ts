/** How one message row reads, shared by the row and the details pane. */
import type { AckState, MessageOutcome } from '../../../src-main/contract/domain.js';
import type { Tone } from '../connection/connection-summary.js';

export const OUTCOME_TONE: Record<MessageOutcome, Tone> = {
  recorded: 'ok',
  repeat: 'busy',
  ignored: 'idle',
  rejected: 'error',
};
export const ACK_TONE: Record<AckState, Tone> = { queued: 'idle', submitted: 'busy', delivered: 'ok', failed: 'error' };

/** Raw bytes as space-separated hex pairs, in lines of 8 (the details pane is narrow). */
export function hexLines(hex: string): string[] {
  const pairs = hex.toLowerCase().match(/[0-9a-f]{2}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < pairs.length; i += 8) lines.push(pairs.slice(i, i + 8).join(' '));
  return lines;
}

/** Row height of the virtual list, in CSS pixels (every row is one line, so all are equal). */
export const MESSAGE_ROW_HEIGHT = 40;
