/** Small statistics for benchmark samples: percentiles by nearest rank, medians, rounding for tables. */

/** The p-th percentile (0..100) by the nearest-rank method; NaN for no samples. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(samples).sort();
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(samples: ArrayLike<number>): number {
  return percentile(samples, 50);
}

export function max(samples: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < samples.length; i++) m = Math.max(m, samples[i]!);
  return samples.length === 0 ? NaN : m;
}

/** Rounds to a precision that suits the magnitude, for tables: 0.0123 -> 0.012, 12.34 -> 12.3, 1234.5 -> 1235. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const MB = 1024 * 1024;

/** Runs `fn` `times` times and returns each duration in milliseconds. */
export function timeRepeated(times: number, fn: () => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}
