// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import DatePicker from '../../../src-renderer/components/DatePicker.svelte';
import { en } from '../../../src-renderer/lib/i18n/en.js';
import { fa } from '../../../src-renderer/lib/i18n/fa.js';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';

function setup(props: Record<string, unknown>) {
  const changes: string[] = [];
  render(DatePicker, { props: { id: 'd', onchange: (v: string) => changes.push(v), ...props } });
  const box = document.getElementById('d') as HTMLInputElement;
  return { changes, box };
}

const cell = (iso: string): HTMLButtonElement => document.querySelector(`button[data-date="${iso}"]`)!;

describe('DatePicker', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });

  it('shows a Persian value in the Jalali calendar and hands on the Gregorian date chosen from the grid', async () => {
    i18n.language = 'fa';
    const { changes, box } = setup({ value: '2026-11-29' });
    expect(box.value).toBe('۱۴۰۵/۰۹/۰۸');
    await fireEvent.click(screen.getByRole('button', { name: fa.admin.datePicker.open }));
    expect(screen.getByTestId('date-picker-title').textContent).toBe('آذر ۱۴۰۵');
    expect(document.activeElement).toBe(cell('2026-11-29'));
    // Right-to-left: ArrowLeft is the next day; Home and End are the Iranian week's ends.
    await fireEvent.keyDown(cell('2026-11-29'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(cell('2026-11-30'));
    await fireEvent.keyDown(cell('2026-11-30'), { key: 'End' });
    expect(document.activeElement).toBe(cell('2026-12-04')); // Friday, the Iranian week's last day
    await fireEvent.keyDown(cell('2026-12-04'), { key: 'Home' });
    expect(document.activeElement).toBe(cell('2026-11-28')); // Saturday
    await fireEvent.click(cell('2026-11-28'));
    expect(changes).toEqual(['2026-11-28']);
    expect(box.value).toBe('۱۴۰۵/۰۹/۰۷');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps days outside min and max out of reach, and Escape closes the grid and gives the focus back', async () => {
    const { changes } = setup({ value: '2026-11-10', min: '2026-11-05', max: '2026-11-20' });
    const toggle = screen.getByRole('button', { name: en.admin.datePicker.open });
    await fireEvent.click(toggle);
    expect(screen.getByTestId('date-picker-title').textContent).toBe('November 2026');
    expect(cell('2026-11-04').disabled).toBe(true);
    expect(cell('2026-11-21').disabled).toBe(true);
    await fireEvent.click(cell('2026-11-21'));
    expect(changes).toEqual([]);
    await fireEvent.keyDown(cell('2026-11-10'), { key: 'PageDown' });
    expect(screen.getByTestId('date-picker-title').textContent).toBe('December 2026');
    await fireEvent.keyDown(cell('2026-12-10'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('takes a typed date in either calendar and flags one that is not a date', async () => {
    const { changes, box } = setup({ value: '' });
    await fireEvent.input(box, { target: { value: '1405/01/01' } });
    expect(changes).toEqual(['2026-03-21']);
    await fireEvent.input(box, { target: { value: '2026-02-30' } });
    await fireEvent.blur(box);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(en.admin.datePicker.invalid)).toBeTruthy();
    expect(changes).toEqual(['2026-03-21']);
  });
});
