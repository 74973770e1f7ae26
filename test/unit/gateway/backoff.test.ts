import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src-main/core/gateway/backoff.js';

describe('backoffDelay', () => {
  it('waits exactly 1 s before the first retry, whatever the jitter', () => {
    expect(backoffDelay(1, () => 0)).toBe(1_000);
    expect(backoffDelay(1, () => 0.999)).toBe(1_000);
  });

  it('spreads attempt n over [initial, initial·2^(n−1)]', () => {
    expect(backoffDelay(2, () => 0)).toBe(1_000);
    expect(backoffDelay(2, () => 0.5)).toBe(1_500);
    expect(backoffDelay(3, () => 0.5)).toBe(2_500);
    expect(backoffDelay(4, () => 1)).toBe(8_000);
  });

  it('reaches the 60 s ceiling and stays there, even for absurd attempts', () => {
    expect(backoffDelay(7, () => 1)).toBe(60_000); // 64 s capped
    expect(backoffDelay(10_000, () => 1)).toBe(60_000);
    expect(backoffDelay(Number.POSITIVE_INFINITY, () => 1)).toBe(1_000); // not a number of attempts: treated as 1
  });

  it('honours initialMs and maxMs', () => {
    expect(backoffDelay(1, () => 0.7, { initialMs: 20, maxMs: 100 })).toBe(20);
    expect(backoffDelay(9, () => 1, { initialMs: 20, maxMs: 100 })).toBe(100);
    expect(backoffDelay(1, () => 0, { initialMs: 500, maxMs: 100 })).toBe(100); // initial above max: max wins
  });

  it('clamps a misbehaving random source', () => {
    expect(backoffDelay(3, () => -5)).toBe(1_000);
    expect(backoffDelay(3, () => 7)).toBe(4_000);
    expect(backoffDelay(3, () => Number.NaN)).toBe(1_000);
  });

  it('is always a whole number of ms within [initial, min(max, initial·2^(n−1))]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3, max: 200 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 600_000 }),
        (attempt, r, initialMs, maxMs) => {
          const delay = backoffDelay(attempt, () => r, { initialMs, maxMs });
          const floor = Math.min(initialMs, maxMs);
          const ceiling = Math.min(maxMs, floor * 2 ** (Math.max(1, attempt) - 1));
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(floor);
          expect(delay).toBeLessThanOrEqual(Math.round(ceiling));
          expect(delay).toBeLessThanOrEqual(maxMs);
        },
      ),
    );
  });

  it('never shrinks its ceiling as attempts grow (with the same draw)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          expect(backoffDelay(attempt + 1, () => r)).toBeGreaterThanOrEqual(backoffDelay(attempt, () => r));
        },
      ),
    );
  });
});
