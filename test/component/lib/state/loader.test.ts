// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Page } from '../../../../src-main/contract/app-api.js';
import { RequestError } from '../../../../src-renderer/lib/api/preview-client.js';
import { Loader, PagedLoader, WindowLoader } from '../../../../src-renderer/lib/state/loader.svelte.js';

/** A promise the test settles by hand, to answer requests out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** `count` numbered rows answered a page at a time by offset, as listEvents does. */
const numbers =
  (count: number) =>
  async (held: readonly number[], limit: number): Promise<Page<number>> => {
    const all = Array.from({ length: count }, (_, i) => i + 1);
    return { rows: all.slice(held.length, held.length + limit), total: count };
  };

describe('Loader', () => {
  it('keeps the newest answer when an older one arrives last', async () => {
    const loader = new Loader<string>();
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = loader.load(() => slow.promise);
    const second = loader.load(() => fast.promise);
    fast.resolve('fresh');
    await second;
    expect(loader.value).toBe('fresh');
    expect(loader.loading).toBe(false);
    slow.resolve('stale');
    await first;
    expect(loader.value).toBe('fresh');
  });

  it('keeps the error as a code and the message; a stale failure is dropped', async () => {
    const loader = new Loader<string>();
    const stale = deferred<string>();
    const dropped = loader.load(() => stale.promise);
    await loader.load(() => Promise.reject(new RequestError('The app did not answer whoIsIn within 30 s.', 'timeout')));
    expect(loader.error).toEqual({ code: 'timeout', message: 'The app did not answer whoIsIn within 30 s.' });
    stale.reject(new Error('older'));
    await dropped;
    expect(loader.error?.code).toBe('timeout');
    await loader.load(() => Promise.reject(new Error('whoIsIn: the database is locked')));
    expect(loader.error).toEqual({ code: 'failed', message: 'whoIsIn: the database is locked' });
  });

  it('reloads the same way, and clear drops what is in flight', async () => {
    let calls = 0;
    const loader = new Loader<number>();
    await loader.load(async () => ++calls);
    await loader.reload();
    expect(loader.value).toBe(2);
    const late = deferred<number>();
    const pending = loader.load(() => late.promise);
    loader.clear();
    late.resolve(99);
    await pending;
    expect(loader.value).toBeUndefined();
    expect(loader.loading).toBe(false);
    await loader.reload();
    expect(calls).toBe(2);
  });
});

describe('PagedLoader', () => {
  it('reads page after page and stops at the end, without an empty extra request', async () => {
    const requests: number[] = [];
    const fetch = numbers(25);
    const pages = new PagedLoader<number>(10);
    await pages.load((held, limit) => (requests.push(held.length), fetch(held, limit)));
    expect(pages.rows).toHaveLength(10);
    expect(pages.reachedEnd).toBe(false);
    await pages.loadMore();
    await pages.loadMore();
    expect(pages.rows.at(-1)).toBe(25);
    expect(pages.reachedEnd).toBe(true);
    expect(await pages.loadMore()).toBe(false);
    expect(requests).toEqual([0, 10, 20]);

    const exact = new PagedLoader<number>(10);
    await exact.load(numbers(10));
    expect(exact.reachedEnd).toBe(true);
  });

  it('drops a page that arrives after the list was reloaded for another query', async () => {
    const pages = new PagedLoader<number>(2);
    const late = deferred<Page<number>>();
    const fetch = numbers(10);
    await pages.load((held, limit) => (held.length > 0 ? late.promise : fetch(held, limit)));
    const more = pages.loadMore();
    expect(pages.loading).toBe(true);
    expect(await pages.loadMore()).toBe(false);
    await pages.load(async () => ({ rows: [100], total: 1 }));
    late.resolve({ rows: [3, 4], total: 10 });
    expect(await more).toBe(false);
    expect(pages.rows).toEqual([100]);
    expect(pages.total).toBe(1);
    expect(pages.reachedEnd).toBe(true);
  });

  it('keeps the rows it holds when the next page fails', async () => {
    const pages = new PagedLoader<number>(3);
    const fetch = numbers(9);
    await pages.load((held, limit) =>
      held.length > 0 ? Promise.reject(new Error('listEvents: disk I/O error')) : fetch(held, limit),
    );
    expect(await pages.loadMore()).toBe(false);
    expect(pages.rows).toEqual([1, 2, 3]);
    expect(pages.error).toEqual({ code: 'failed', message: 'listEvents: disk I/O error' });
    expect(pages.loading).toBe(false);
  });
});

describe('WindowLoader', () => {
  /** A list of `count()` numbers answered by offset, logging each request's offset. */
  const slices = (count: () => number, asked: number[]) => async (offset: number, limit: number) => {
    asked.push(offset);
    const n = count();
    return { rows: Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, i) => offset + i), total: n };
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('reads the first page with the total, then only the pages of the rows shown and one page either side, each once', async () => {
    const asked: number[] = [];
    const list = new WindowLoader<number>(10);
    await list.load(slices(() => 95, asked));
    expect(list.total).toBe(95);
    expect(list.rows).toHaveLength(95);
    expect(list.rows.slice(0, 11)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, undefined]);
    list.show(5, 22); // pages 0 (held), 1, 2, and 3 (the page after the last row shown)
    list.show(20, 25); // pages 1 to 3, already asked for
    await settle();
    expect(asked).toEqual([0, 10, 20, 30]);
    expect(list.rows.slice(38, 41)).toEqual([38, 39, undefined]);
    list.show(70, 75); // page 7, and pages 6 and 8 either side
    await settle();
    expect(asked).toEqual([0, 10, 20, 30, 60, 70, 80]);
    expect(list.rows.slice(59, 62)).toEqual([undefined, 60, 61]);
    list.show(90, 200); // the last page, short
    await settle();
    expect(asked).toEqual([0, 10, 20, 30, 60, 70, 80, 90]);
    expect(list.rows.at(-1)).toBe(94);
    expect(list.rows).toHaveLength(95);
  });

  it('starts again from the first page when the list changed under its pages', async () => {
    const asked: number[] = [];
    let count = 50;
    const list = new WindowLoader<number>(10);
    await list.load(slices(() => count, asked));
    count = 60;
    list.show(30, 40);
    await settle();
    await settle();
    expect(asked).toEqual([0, 20, 30, 40, 0]); // the first answer to see the new total starts again
    expect(list.total).toBe(60);
    expect(list.rows[30]).toBeUndefined(); // dropped with the old list; read again when shown
  });
});
