// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import TextField from '../../../src-renderer/components/TextField.svelte';

describe('TextField', () => {
  it('names its hint, and its error only while it is invalid, in aria-describedby', async () => {
    const { rerender } = render(TextField, {
      props: { id: 'backup-time', label: 'Daily at', value: '18:30', hint: 'HH:MM', error: 'Not a time.' },
    });
    const input = screen.getByLabelText('Daily at') as HTMLInputElement;
    expect(input.value).toBe('18:30');
    expect(input.getAttribute('aria-describedby')).toBe('backup-time-hint');
    expect(screen.getByText('HH:MM').id).toBe('backup-time-hint');
    expect(screen.queryByText('Not a time.')).toBeNull();

    await rerender({ invalid: true });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('backup-time-hint backup-time-error');
    expect(screen.getByText('Not a time.').id).toBe('backup-time-error');
  });

  it('without a hint or an error it describes nothing; what is typed is its value', async () => {
    render(TextField, { props: { id: 'employee-name', label: 'Name', value: '', invalid: true } });
    const input = screen.getByLabelText('Name') as HTMLInputElement;
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    await fireEvent.input(input, { target: { value: 'Sara' } });
    expect(input.value).toBe('Sara');
  });
});
