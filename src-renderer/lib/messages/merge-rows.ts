/**
 * Pure row bookkeeping of the message log (newest first), kept apart from the reactive state so
 * it is plain data in, plain data out.
 */
import type { AckUpdate } from '../../../src-main/contract/app-api.js';
import type { MessageRecord } from '../../../src-main/contract/domain.js';

/**
 * Splits a pushed batch into rows newer than any held (to prepend, newest first, once each) and
 * rows already held (replaced in place: the gap refill after a reconnect, a re-sent row).
 */
export function mergePushed(
  held: readonly MessageRecord[],
  batch: readonly MessageRecord[],
): { fresh: MessageRecord[]; rows: MessageRecord[] } {
  const newest = held[0]?.id ?? 0;
  const replaced = new Map<number, MessageRecord>();
  const fresh = new Map<number, MessageRecord>();
  for (const m of batch) {
    if (m.id > newest) fresh.set(m.id, m);
    else replaced.set(m.id, m);
  }
  const rows = replaced.size > 0 ? held.map((r) => replaced.get(r.id) ?? r) : [...held];
  return { fresh: [...fresh.values()].sort((a, b) => b.id - a.id), rows };
}

/** The rows with their acknowledgement states updated; the same array when nothing changed. */
export function applyAckUpdates(rows: MessageRecord[], updates: readonly AckUpdate[]): MessageRecord[] {
  const byMessage = new Map(updates.map((u) => [u.messageId, u]));
  let changed = false;
  const next = rows.map((r) => {
    const u = byMessage.get(r.id);
    if (!u || (r.ackState === u.state && r.ackId === u.ackId)) return r;
    changed = true;
    return { ...r, ackState: u.state, ackId: u.ackId };
  });
  return changed ? next : rows;
}
