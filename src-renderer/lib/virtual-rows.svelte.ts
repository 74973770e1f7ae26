/**
 * The virtualizer of the Messages view's list: rows of one fixed height, only those near the
 * viewport rendered, each keyed so it keeps its DOM while the list changes around it. Call during a
 * component's setup (it runs an effect).
 */
import { get, type Readable } from 'svelte/store';
import { createVirtualizer, type SvelteVirtualizer } from '@tanstack/svelte-virtual';

export interface VirtualRowsOptions<T> {
  scroller: () => HTMLDivElement | null;
  rows: () => readonly T[];
  /** CSS pixels. */
  rowHeight: () => number;
  key: (row: T) => string | number;
  /** Rows rendered beyond each end of the viewport (default 12). */
  overscan?: number;
}

export function virtualRows<T, E extends Element>(
  options: VirtualRowsOptions<T>,
): Readable<SvelteVirtualizer<HTMLDivElement, E>> {
  const virtualizer = createVirtualizer<HTMLDivElement, E>({
    count: 0,
    getScrollElement: options.scroller,
    estimateSize: () => options.rowHeight(),
    overscan: options.overscan ?? 12,
    // Used before the element is measured (and in tests, where nothing is).
    initialRect: { width: 800, height: 600 },
  });

  // The keys are read from the list of the moment through one function that stays the same: the
  // virtualizer lays all rows out again whenever that function changes (100,000 objects for a
  // large office), which a list read a page at a time would otherwise pay for every page.
  // A row's key is only refreshed when the count changes, which at worst lets a row's DOM be
  // reused for another row; the row shown at an index is always the list's.
  let list: readonly T[] = [];
  const getItemKey = (index: number): string | number => {
    const item = list[index];
    return item === undefined ? index : options.key(item);
  };
  // setOptions updates the store itself: read it untracked, or this effect would re-run forever.
  $effect(() => {
    list = options.rows();
    const size = options.rowHeight();
    get(virtualizer).setOptions({ count: list.length, estimateSize: () => size, getItemKey });
  });

  return virtualizer;
}
