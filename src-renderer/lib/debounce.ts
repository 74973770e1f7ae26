/**
 * Calls `fn` once the calls stop for `waitMs` (search as you type). Hand-written: eight lines do
 * not justify a dependency.
 */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  waitMs: number,
): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const debounced = (...args: A): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, waitMs);
  };
  return Object.assign(debounced, {
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  });
}
