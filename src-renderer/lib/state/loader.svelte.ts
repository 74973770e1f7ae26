/**
 * The one way the views load data. A `Loader` holds one answer (a day's summary, a message's
 * details); a `PagedLoader` holds a list read a page at a time (the message log, an employee's
 * history). Both keep `loading` and the `error` (a Failure: code and message), and drop stale
 * answers: a newer `load`/`reload` supersedes whatever is still in flight (typing in a search
 * box), so a slow answer can never overwrite a fresher one.
 */
import type { Page } from '../../../src-main/contract/app-api.js';
import { failureOf, type Failure } from '../api/failure.js';

/** What both loaders share: the state of the request in flight, and which answers still count. */
class Requests {
  loading = $state(false);
  error = $state.raw<Failure | null>(null);
  #generation = 0;

  /**
   * Runs `fetch` and hands its value to `apply` unless a newer request started meanwhile.
   * `supersede` starts a new generation (older answers are dropped); otherwise the request joins
   * the current one (the next page of the same list). Resolves true when the answer was applied.
   */
  protected async request<T>(supersede: boolean, fetch: () => Promise<T>, apply: (value: T) => void): Promise<boolean> {
    const generation = supersede ? ++this.#generation : this.#generation;
    this.loading = true;
    this.error = null;
    try {
      const value = await fetch();
      if (generation !== this.#generation) return false;
      apply(value);
      return true;
    } catch (error) {
      if (generation === this.#generation) this.error = failureOf(error);
      return false;
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  /** Drops whatever is in flight. */
  protected forget(): void {
    this.#generation += 1;
    this.loading = false;
    this.error = null;
  }
}

export class Loader<T> extends Requests {
  value = $state.raw<T | undefined>(undefined);
  #fetch: (() => Promise<T>) | null = null;

  /** Loads `fetch`'s answer; `reload` asks again the same way. */
  async load(fetch: () => Promise<T>): Promise<void> {
    this.#fetch = fetch;
    await this.request(true, fetch, (value) => {
      this.value = value;
    });
  }

  async reload(): Promise<void> {
    if (this.#fetch) await this.load(this.#fetch);
  }

  /** Back to nothing loaded (nothing picked); an answer still in flight is dropped. */
  clear(): void {
    this.forget();
    this.#fetch = null;
    this.value = undefined;
  }
}

/** Reads one page: `held` are the rows already held (for an offset or a keyset cursor). */
export type FetchPage<R> = (held: readonly R[], limit: number) => Promise<Page<R>>;

/** What a view reads of a list loaded a page at a time: any PagedLoader, whatever its rows. */
export interface PagedList {
  readonly rows: readonly unknown[];
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly reachedEnd: boolean;
  readonly error: Failure | null;
  loadMore(): Promise<boolean>;
}

export class PagedLoader<R> extends Requests implements PagedList {
  rows = $state.raw<R[]>([]);
  /** Rows there are in all, as of the last page read. */
  total = $state(0);
  /** The first page has arrived. */
  loaded = $state(false);
  /** No rows after the last one held. */
  reachedEnd = $state(false);
  #fetchPage: FetchPage<R> | null = null;

  constructor(readonly pageSize: number) {
    super();
  }

  /** Reads the first page of a (new) list; `loadMore` reads on from there the same way. */
  load(fetchPage: FetchPage<R>): Promise<boolean> {
    this.#fetchPage = fetchPage;
    return this.#firstPage(fetchPage);
  }

  /** Back to the first page. */
  reload(): Promise<boolean> {
    return this.#fetchPage ? this.#firstPage(this.#fetchPage) : Promise.resolve(false);
  }

  /** The next page, appended; nothing while a page is in flight or the end is reached. */
  loadMore(): Promise<boolean> {
    const fetchPage = this.#fetchPage;
    if (!fetchPage || !this.loaded || this.loading || this.reachedEnd) return Promise.resolve(false);
    const held = this.rows;
    return this.request(
      false,
      () => fetchPage(held, this.pageSize),
      (page) => {
        this.rows = [...this.rows, ...page.rows];
        this.total = page.total;
        this.reachedEnd = this.#isLast(page, held.length + page.rows.length);
        this.pageRead(false);
      },
    );
  }

  /** Back to an empty list (nothing picked); an answer still in flight is dropped. */
  clear(): void {
    this.forget();
    this.#fetchPage = null;
    this.rows = [];
    this.total = 0;
    this.loaded = false;
    this.reachedEnd = false;
  }

  /** Called as a page's rows are put in place (`first`: they replaced the list), for subclasses to adjust. */
  protected pageRead(first: boolean): void {
    void first;
  }

  #firstPage(fetchPage: FetchPage<R>): Promise<boolean> {
    return this.request(
      true,
      () => fetchPage([], this.pageSize),
      (page) => {
        this.rows = page.rows;
        this.total = page.total;
        this.reachedEnd = this.#isLast(page, page.rows.length);
        this.loaded = true;
        this.pageRead(true);
      },
    );
  }

  #isLast(page: Page<R>, read: number): boolean {
    return page.rows.length < this.pageSize || read >= page.total;
  }
}

/** Reads the rows `offset` .. `offset + limit` of a list, with its total. */
export type FetchSlice<R> = (offset: number, limit: number) => Promise<Page<R>>;

/**
 * A long list shown in a virtual table and read only where it is shown: the first page gives the
 * total (the table's full height), and `show(from, to)` reads the pages of the rows in view that
 * are not held yet. `rows` is as long as the list; rows not read yet are `undefined`.
 */
export class WindowLoader<R> extends Requests {
  /**
   * One array per list, filled in place as pages arrive (copying 100,000 slots per page would
   * keep the garbage collector busy while the table scrolls); `#filled` counts the pages put in,
   * so reading `rows` depends on it.
   */
  #rows: (R | undefined)[] = [];
  #filled = $state(0);
  total = $state(0);
  /** The first page has arrived. */
  loaded = $state(false);
  #fetch: FetchSlice<R> | null = null;
  /** 1 for each page asked for since the first one (by page number). */
  #asked = new Uint8Array(0);

  constructor(readonly pageSize: number) {
    super();
  }

  /** The list's rows so far, as long as the list: a row not read yet is `undefined`. */
  get rows(): readonly (R | undefined)[] {
    void this.#filled;
    return this.#rows;
  }

  /** Reads the first page of a (new) list; what was held is dropped once it arrives. */
  load(fetch: FetchSlice<R>): Promise<boolean> {
    this.#fetch = fetch;
    return this.request(
      true,
      () => fetch(0, this.pageSize),
      (page) => {
        const rows = new Array<R | undefined>(page.total);
        page.rows.forEach((row, i) => (rows[i] = row));
        this.#asked = new Uint8Array(Math.ceil(page.total / this.pageSize) + 1);
        this.#asked[0] = 1;
        this.#rows = rows;
        this.#filled += 1;
        this.total = page.total;
        this.loaded = true;
      },
    );
  }

  /** The first page again (the list changed); the rows in view are read again as they are shown. */
  reload(): Promise<boolean> {
    return this.#fetch ? this.load(this.#fetch) : Promise.resolve(false);
  }

  /**
   * Reads the pages holding rows `from` .. `to` (exclusive) that are not held or asked for yet, and
   * those within a page of them (either way), so rows scrolled into view are mostly there already
   * instead of standing empty and being drawn twice.
   */
  show(from: number, to: number): void {
    const fetch = this.#fetch;
    if (!fetch || !this.loaded) return;
    const asked = this.#asked;
    const size = this.pageSize;
    for (let p = Math.floor(Math.max(0, from - size) / size); p * size < Math.min(to + size, this.total); p += 1) {
      if (asked[p] === 1) continue;
      asked[p] = 1;
      void this.request(
        false,
        () => fetch(p * size, size),
        (page) => {
          if (asked !== this.#asked) return; // a newer first page replaced the list meanwhile
          if (page.total !== this.total) {
            void this.reload(); // the list changed under the pages: start again
            return;
          }
          const rows = this.#rows;
          page.rows.forEach((row, i) => (rows[p * size + i] = row));
          this.#filled += 1;
        },
      );
    }
  }
}
