/**
 * The horizontal twin of virtual-rows.svelte.ts, for the timesheet's grid: columns of given widths,
 * only those near the viewport rendered. `paddingStart` is the width of what stays in place at the
 * start (the sticky name column). Right-to-left pages scroll the other way; the virtualizer is told.
 * Call during a component's setup (it runs an effect).
 */
import { get, type Readable } from 'svelte/store';
import { createVirtualizer, type SvelteVirtualizer } from '@tanstack/svelte-virtual';

export interface VirtualColumnsOptions {
  scroller: () => HTMLDivElement | null;
  /** CSS pixels, one per column. */
  widths: () => readonly number[];
  paddingStart: () => number;
  rtl: () => boolean;
}

export function virtualColumns(options: VirtualColumnsOptions): Readable<SvelteVirtualizer<HTMLDivElement, Element>> {
  const virtualizer = createVirtualizer<HTMLDivElement, Element>({
    count: 0,
    horizontal: true,
    getScrollElement: options.scroller,
    estimateSize: () => 40,
    overscan: 2,
    initialRect: { width: 1000, height: 600 },
  });

  $effect(() => {
    const widths = options.widths();
    const paddingStart = options.paddingStart();
    const isRtl = options.rtl();
    get(virtualizer).setOptions({
      count: widths.length,
      horizontal: true,
      estimateSize: (index) => widths[index] ?? 40,
      paddingStart,
      isRtl,
    });
  });

  return virtualizer;
}
