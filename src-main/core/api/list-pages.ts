/**
 * Pages of the views' whole-list answers (who is in now, a day's summary), so that a window asks
 * only for the rows it shows. The store computes such a list whole (its order and its rows need
 * every event of the day); the list is kept per request name, and the later pages of the same
 * question are cut from it, so one list and its total stay consistent while it is scrolled. A
 * first page (offset 0) always asks the store again: that is how a view refreshes.
 */
import type { Page } from '../model.js';

export interface Slice {
  offset?: number;
  /** Omitted: every row from `offset` on. */
  limit?: number;
}

export class ListPages {
  private readonly kept = new Map<string, { question: string; rows: readonly unknown[] }>();

  /** Rows `offset` .. `offset + limit` of `compute()`'s list for `question` (anything JSON), with its total. */
  page<R>(name: string, question: unknown, slice: Slice, compute: () => R[]): Page<R> {
    const offset = slice.offset ?? 0;
    const key = JSON.stringify(question);
    let kept = this.kept.get(name);
    if (offset === 0 || kept === undefined || kept.question !== key) {
      kept = { question: key, rows: compute() };
      this.kept.set(name, kept);
    }
    const rows = kept.rows as R[];
    return {
      rows: slice.limit === undefined ? rows.slice(offset) : rows.slice(offset, offset + slice.limit),
      total: rows.length,
    };
  }
}
