// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { EmployeeInput } from '../../../../src-main/contract/app-api.js';
import type { Employee } from '../../../../src-main/core/model.js';
import EmployeeForm from '../../../../src-renderer/pages/employees/EmployeeForm.svelte';
import { apiContext } from '../../../../src-renderer/lib/api/api-context.js';
import { en } from '../../../../src-renderer/lib/i18n/en.js';
import { fa } from '../../../../src-renderer/lib/i18n/fa.js';
import { i18n } from '../../../../src-renderer/lib/i18n/i18n.svelte.js';
import { createFakeApi } from '../../support/fake-api.js';

const employee = (input: EmployeeInput): Employee => ({
  id: 7,
  ...input,
  active: true,
  hasOwnKey: false,
  employmentStart: input.employmentStart ?? null,
  employmentEnd: input.employmentEnd ?? null,
});

function setup() {
  const api = createFakeApi({ addEmployee: async (input) => employee(input) });
  let saved = 0;
  render(EmployeeForm, {
    props: { editing: null, onsaved: () => (saved += 1), oncancel: () => {} },
    context: apiContext(api),
  });
  return { api, saved: () => saved };
}

describe('EmployeeForm', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });

  it("refuses what the contract's employeeInputSchema refuses, with the dictionary's words, and sends nothing", async () => {
    const { api } = setup();
    await fireEvent.input(screen.getByLabelText(en.employees.phone), { target: { value: ' 12 ' } });
    await fireEvent.input(screen.getByLabelText(en.employees.department), { target: { value: 'x'.repeat(201) } });
    await fireEvent.click(screen.getByRole('button', { name: en.employees.add }));
    expect(screen.getByText(en.employees.invalid.phone)).toBeTruthy();
    expect(screen.getByText(en.employees.invalid.name)).toBeTruthy();
    expect(screen.getByText(en.employees.invalid.department)).toBeTruthy();
    expect(screen.getByLabelText(en.employees.phone).getAttribute('aria-invalid')).toBe('true');
    expect(api.addEmployee).not.toHaveBeenCalled();
  });

  it('shows the messages in Persian in the Persian window', async () => {
    i18n.language = 'fa';
    setup();
    await fireEvent.click(screen.getByRole('button', { name: fa.employees.add }));
    expect(screen.getByText(fa.employees.invalid.phone)).toBeTruthy();
    expect(screen.getByText(fa.employees.invalid.name)).toBeTruthy();
  });

  it('sends the trimmed input, with digits typed on a Persian keyboard as ASCII', async () => {
    const { api, saved } = setup();
    await fireEvent.input(screen.getByLabelText(en.employees.phone), { target: { value: ' ۰۹۱۲۱۲۳۴۵۶۷ ' } });
    await fireEvent.input(screen.getByLabelText(en.employees.name), { target: { value: '  Sara Ahmadi ' } });
    await fireEvent.click(screen.getByRole('button', { name: en.employees.add }));
    await waitFor(() => expect(screen.getByText(en.employees.added('Sara Ahmadi'))).toBeTruthy());
    expect(api.addEmployee).toHaveBeenCalledWith({ phone: '09121234567', name: 'Sara Ahmadi', department: '' });
    expect(saved()).toBe(1);
  });

  it('sends the employment dates typed in the Persian calendar as Gregorian dates, and refuses an end before the start', async () => {
    i18n.language = 'fa';
    const { api } = setup();
    await fireEvent.input(screen.getByLabelText(fa.employees.phone), { target: { value: '09121234567' } });
    await fireEvent.input(screen.getByLabelText(fa.employees.name), { target: { value: 'Sara Ahmadi' } });
    await fireEvent.input(screen.getByLabelText(fa.admin.employment.start), { target: { value: '۱۴۰۵/۰۱/۰۱' } });
    await fireEvent.input(screen.getByLabelText(fa.admin.employment.end), { target: { value: '1404/12/29' } });
    await fireEvent.click(screen.getByRole('button', { name: fa.employees.add }));
    expect(screen.getByText(fa.admin.employment.badRange)).toBeTruthy();
    expect(api.addEmployee).not.toHaveBeenCalled();
    await fireEvent.input(screen.getByLabelText(fa.admin.employment.end), { target: { value: '1405/12/29' } });
    await fireEvent.click(screen.getByRole('button', { name: fa.employees.add }));
    await waitFor(() => expect(api.addEmployee).toHaveBeenCalled());
    expect(api.addEmployee).toHaveBeenCalledWith({
      phone: '09121234567',
      name: 'Sara Ahmadi',
      department: '',
      employmentStart: '2026-03-21',
      employmentEnd: '2027-03-20',
    });
  });

  it("shows the main process's refusal in words", async () => {
    const api = createFakeApi({ addEmployee: () => Promise.reject(new Error('addEmployee: the database is locked')) });
    render(EmployeeForm, { props: { editing: null, onsaved: () => {}, oncancel: () => {} }, context: apiContext(api) });
    await fireEvent.input(screen.getByLabelText(en.employees.phone), { target: { value: '09121234567' } });
    await fireEvent.input(screen.getByLabelText(en.employees.name), { target: { value: 'Sara' } });
    await fireEvent.click(screen.getByRole('button', { name: en.employees.add }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('addEmployee: the database is locked'));
  });
});
