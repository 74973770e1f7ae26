/**
 * Gives up long messages whose parts stopped coming, and forgets the parts of recorded messages
 * once they are too old to be delivered again. Runs on a timer while the core is open; counts time
 * only while bound, since after a (re)bind the gateway first delivers whatever it still holds.
 */
import type { AttendanceStore } from '../store/attendance-store.js';
import type { InboundPipeline } from './inbound-pipeline.js';

/** Parts whose siblings have not come this long (while bound) are recorded as a rejected message. */
export const PART_TTL_MS = 10 * 60_000;
/** Parts of recorded messages are kept this long, to recognise a part the gateway delivers again after a crash. */
export const PART_KEEP_MS = 7 * 24 * 60 * 60_000;
const PART_SWEEP_MS = 5_000;
const PART_PURGE_EVERY_MS = 60 * 60_000;

export interface PartSweeperDeps {
  store: AttendanceStore;
  pipeline: InboundPipeline;
  now: () => number;
  /** Since when the session has been bound without a break; null while it is not. */
  boundSince: () => number | null;
}

/** Starts the sweep; returns the function that stops it. */
export function startPartSweeper(deps: PartSweeperDeps): () => void {
  const { store, pipeline, now } = deps;
  let lastPurge = now();
  const sweep = setInterval(() => {
    const at = now();
    const since = deps.boundSince();
    if (since === null || at - since < PART_TTL_MS) return;
    const purge = at - lastPurge >= PART_PURGE_EVERY_MS;
    let stale: number;
    try {
      stale = store.staleParts(at - PART_TTL_MS).length; // a read: the write below only when there is work
    } catch {
      return; // the database has a problem; the pipeline reports it when messages arrive
    }
    if (stale === 0 && !purge) return;
    if (purge) lastPurge = at;
    void pipeline.expireStaleParts(at - PART_TTL_MS, at - PART_KEEP_MS);
  }, PART_SWEEP_MS);
  sweep.unref();
  return () => clearInterval(sweep);
}
