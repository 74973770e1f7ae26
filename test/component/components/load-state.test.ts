// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet, tick } from 'svelte';
import LoadMore from '../../../src-renderer/components/LoadMore.svelte';
import LoadState from '../../../src-renderer/components/LoadState.svelte';
import { Loader, PagedLoader } from '../../../src-renderer/lib/state/loader.svelte.js';
import { en } from '../../../src-renderer/lib/i18n/en.js';
import { fa } from '../../../src-renderer/lib/i18n/fa.js';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';

const children = createRawSnippet(() => ({ render: () => '<p>the rows</p>' }));

describe('LoadState', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });

  it('says it is loading until the first answer, then shows the content', async () => {
    const { rerender } = render(LoadState, { props: { loaded: false, children } });
    expect(screen.getByText(en.common.loading).className).toBe('muted');
    expect(screen.queryByText('the rows')).toBeNull();
    await rerender({ loaded: true, children });
    expect(screen.getByText('the rows')).toBeTruthy();
    expect(screen.queryByText(en.common.loading)).toBeNull();
  });

  it('says there is nothing, in the words it is given', () => {
    render(LoadState, { props: { loaded: true, empty: true, emptyText: 'No one is in.', children } });
    expect(screen.getByText('No one is in.').className).toBe('empty');
    expect(screen.queryByText('the rows')).toBeNull();
  });

  it('puts the error before anything else, with a retry when there is one', async () => {
    const onretry = vi.fn();
    render(LoadState, {
      props: { loaded: true, error: { code: 'failed', message: 'whoIsIn: the database is locked' }, onretry, children },
    });
    expect(screen.getByRole('alert').textContent).toContain(en.common.failed('whoIsIn: the database is locked'));
    expect(screen.queryByText('the rows')).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: en.common.retry }));
    expect(onretry).toHaveBeenCalledOnce();
  });

  it("says a failure without a message in the window's language", () => {
    i18n.language = 'fa';
    render(LoadState, { props: { loaded: false, error: { code: 'failed', message: '' }, children } });
    expect(screen.getByRole('alert').textContent?.trim()).toBe(fa.common.failed(fa.errors.generic));
  });
});

describe('LoadState of a loader', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });

  it('reads a Loader: loading, then the content, or the empty text for an empty list', async () => {
    const loader = new Loader<string[]>();
    render(LoadState, { props: { of: loader, emptyText: 'Nobody.', children } });
    expect(screen.getByText(en.common.loading)).toBeTruthy();
    await loader.load(async () => ['Sara']);
    await tick();
    expect(screen.getByText('the rows')).toBeTruthy();
    await loader.load(async () => []);
    await tick();
    expect(screen.getByText('Nobody.').className).toBe('empty');
  });

  it("reads a PagedLoader's rows and error", async () => {
    const list = new PagedLoader<number>(2);
    render(LoadState, { props: { of: list, emptyText: 'No rows.', children } });
    await list.load(async () => {
      throw new Error('the database is locked');
    });
    await tick();
    expect(screen.getByRole('alert').textContent).toContain('the database is locked');
    await list.load(async () => ({ rows: [], total: 0 }));
    await tick();
    expect(screen.getByText('No rows.')).toBeTruthy();
    await list.load(async () => ({ rows: [1], total: 1 }));
    await tick();
    expect(screen.getByText('the rows')).toBeTruthy();
  });
});

describe('LoadMore', () => {
  it('offers the next page while there are rows after the last one held, and reads it', async () => {
    i18n.language = 'en';
    const all = [1, 2, 3];
    const list = new PagedLoader<number>(2);
    const fetchPage = vi.fn(async (held: readonly number[], limit: number) => ({
      rows: all.slice(held.length, held.length + limit),
      total: all.length,
    }));
    render(LoadMore, { props: { list } });
    expect(screen.queryByRole('button')).toBeNull(); // nothing loaded yet
    await list.load(fetchPage);
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: en.common.loadMore }));
    await vi.waitFor(() => expect(list.rows).toEqual([1, 2, 3]));
    await tick();
    expect(fetchPage).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('button')).toBeNull(); // the end is reached
  });
});
