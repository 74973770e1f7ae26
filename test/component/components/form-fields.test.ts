// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import DateField from '../../../src-renderer/components/DateField.svelte';
import SelectField from '../../../src-renderer/components/SelectField.svelte';
import TextField from '../../../src-renderer/components/TextField.svelte';
import { i18n } from '../../../src-renderer/lib/i18n/i18n.svelte.js';

describe('the form fields', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });

  it('SelectField: its label names the drop-down; the option asking for a choice cannot be chosen', async () => {
    let changes = 0;
    render(SelectField, {
      props: {
        id: 'leave-employee',
        label: 'Employee',
        value: 0,
        options: [
          { value: 0, label: 'Choose an employee', disabled: true },
          { value: 7, label: 'Sara' },
          { value: 9, label: 'Reza' },
        ],
        onchange: () => changes++,
      },
    });
    const select = screen.getByLabelText('Employee') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.text, o.disabled])).toEqual([
      ['Choose an employee', true],
      ['Sara', false],
      ['Reza', false],
    ]);
    expect(select.selectedIndex).toBe(0);
    select.selectedIndex = 2;
    await fireEvent.change(select);
    expect(changes).toBe(1);
    expect(select.selectedOptions[0]!.text).toBe('Reza');
  });

  it('DateField: its label names the date box, which shows the value in the UI’s calendar, and its hint describes it', () => {
    i18n.language = 'fa';
    render(DateField, {
      props: { id: 'export-from', label: 'From', value: '2026-11-29', hint: 'In Jalali', describedby: 'range-hint' },
    });
    const box = screen.getByLabelText('From') as HTMLInputElement;
    expect(box.id).toBe('export-from');
    expect(box.value).toBe('۱۴۰۵/۰۹/۰۸');
    expect(box.getAttribute('aria-describedby')).toBe('range-hint export-from-hint');
    expect(document.getElementById('export-from-hint')!.textContent).toBe('In Jalali');
  });

  it('TextField: an error checked on sending is announced, and what is typed is reported', async () => {
    let typed = 0;
    const { rerender } = render(TextField, {
      props: {
        id: 'correction-why',
        label: 'Reason',
        value: '',
        error: 'Give a reason.',
        alert: true,
        dir: 'auto',
        placeholder: 'Why?',
        oninput: () => typed++,
      },
    });
    const input = screen.getByLabelText('Reason') as HTMLInputElement;
    expect(input.getAttribute('dir')).toBe('auto');
    expect(input.placeholder).toBe('Why?');
    expect(screen.queryByRole('alert')).toBeNull();
    await rerender({ invalid: true });
    expect(screen.getByRole('alert').textContent).toBe('Give a reason.');
    expect(input.getAttribute('aria-describedby')).toBe('correction-why-error');
    await fireEvent.input(input, { target: { value: 'late bus' } });
    expect(typed).toBe(1);
  });
});
