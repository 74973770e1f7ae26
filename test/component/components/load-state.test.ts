// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import LoadState from '../../../src-renderer/components/LoadState.svelte';
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
