// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { createRawSnippet, tick } from 'svelte';
import LoadedList from '../../../src-renderer/components/LoadedList.svelte';
import TableHead from '../../../src-renderer/components/TableHead.svelte';
import { Loader } from '../../../src-renderer/lib/state/loader.svelte.js';
import { en } from '../../../src-renderer/lib/i18n/en.js';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';

interface Holiday {
  date: string;
  name: string;
}

const item = createRawSnippet((holiday: () => Holiday) => ({
  render: () => `<li data-date="${holiday().date}">${holiday().name}</li>`,
}));

describe('LoadedList', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });

  it('says it is loading, then draws an <li> per entry in a <ul>, in order', async () => {
    const holidays = new Loader<Holiday[]>();
    const { container } = render(LoadedList, {
      props: { of: holidays, key: (h: Holiday) => h.date, emptyText: 'No holidays.', item, class: 'holidays' },
    });
    expect(screen.getByText(en.common.loading)).toBeTruthy();
    await holidays.load(async () => [
      { date: '2026-03-21', name: 'Nowruz' },
      { date: '2026-04-01', name: 'Republic Day' },
    ]);
    await tick();
    const list = container.querySelector('ul.bare-list.holidays')!;
    expect([...list.querySelectorAll('li')].map((li) => [li.dataset.date, li.textContent])).toEqual([
      ['2026-03-21', 'Nowruz'],
      ['2026-04-01', 'Republic Day'],
    ]);
    expect(list.classList.contains('chips')).toBe(false);
  });

  it('says there is nothing when the array is empty, and lays chips side by side', async () => {
    const holidays = new Loader<Holiday[]>();
    const { container } = render(LoadedList, {
      props: { of: holidays, key: (h: Holiday) => h.date, emptyText: 'No holidays.', item, chips: true },
    });
    await holidays.load(async () => []);
    await tick();
    expect(screen.getByText('No holidays.').className).toBe('empty');
    expect(container.querySelector('ul')).toBeNull();
    await holidays.load(async () => [{ date: '2026-03-21', name: 'Nowruz' }]);
    await tick();
    expect(container.querySelector('ul')!.className).toContain('chips');
  });
});

describe('TableHead', () => {
  it('heads each column, and a column of buttons for assistive technology only', () => {
    const table = document.createElement('table');
    document.body.append(table);
    render(TableHead, { target: table, props: { columns: ['Date', 'Employee'], actions: 'Remove' } });
    const heads = [...table.querySelectorAll('thead th')];
    expect(heads.map((th) => [th.getAttribute('scope'), th.textContent])).toEqual([
      ['col', 'Date'],
      ['col', 'Employee'],
      ['col', 'Remove'],
    ]);
    expect(heads[2]!.querySelector('.visually-hidden')!.textContent).toBe('Remove');
    expect(screen.getByRole('columnheader', { name: 'Employee' })).toBeTruthy();
  });
});
