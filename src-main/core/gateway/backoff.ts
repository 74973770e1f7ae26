/**
 * Reconnect delays: exponential growth with *full jitter* (the AWS Architecture Blog's
 * "Exponential Backoff and Jitter"), except that the lower bound is `initialMs` instead of 0.
 *
 *   ceiling(n) = min(maxMs, initialMs · 2^(n−1))
 *   delay(n)   = initialMs + random() · (ceiling(n) − initialMs)
 *
 * So attempt 1 waits exactly `initialMs` (1 s), attempt 2 between 1 and 2 s, attempt 3 between
 * 1 and 4 s, … and never more than `maxMs` (60 s). The floor keeps a flapping link from
 * hammering the phone with near-zero delays (plain full jitter can draw 0 ms); the jitter keeps
 * several desktops on one gateway from reconnecting in lock-step after a phone reboot.
 * A pure function of the attempt (not "decorrelated" jitter, which needs the previous delay), so
 * the UI can show the delay and tests can pin it with an injected `random`.
 */
export interface BackoffOptions {
  /** First delay, and the smallest delay ever returned. Default 1000. */
  initialMs?: number;
  /** Largest delay ever returned. Default 60000. */
  maxMs?: number;
}

export const DEFAULT_BACKOFF = { initialMs: 1_000, maxMs: 60_000 } as const;

/**
 * @param attempt 1 for the first retry; values below 1 count as 1.
 * @param random a source in [0, 1) such as `Math.random`; out-of-range values are clamped.
 * @returns whole milliseconds in [min(initialMs, maxMs), maxMs].
 */
export function backoffDelay(attempt: number, random: () => number, opts: BackoffOptions = {}): number {
  const maxMs = Math.max(0, opts.maxMs ?? DEFAULT_BACKOFF.maxMs);
  const initialMs = Math.min(Math.max(0, opts.initialMs ?? DEFAULT_BACKOFF.initialMs), maxMs);
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  // 2^(n-1) overflows to Infinity for huge n; min() then yields maxMs, which is what we want.
  const ceiling = Math.min(maxMs, initialMs * 2 ** (n - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  const value = Number.isNaN(r) ? 0 : r;
  return Math.min(maxMs, Math.round(initialMs + value * (ceiling - initialMs)));
}
