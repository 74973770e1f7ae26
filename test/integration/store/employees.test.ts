import { afterEach, describe, expect, it } from 'vitest';
import {
  EmployeeExistsError,
  EmployeeInputError,
  EmployeeNotFoundError,
} from '../../../src-main/core/store/attendance-store.js';
import { attendance, storeFixture, type StoreFixture } from './store-fixture.js';
import { describeReason } from '../../../src-main/core/describe.js';
import { randomBytes } from 'node:crypto';
import { createOwnKeyCipher } from '../../../src-main/core/employees/own-key-cipher.js';

let f: StoreFixture;
afterEach(() => f?.cleanup());

const KEY = 'ZZZZc3d4e5f6g789abcdef012345XXXX';
const cipher = createOwnKeyCipher(randomBytes(32));

describe('employees', () => {
  it('adds with a normalised number, refuses a duplicate in any spelling, updates and deactivates', () => {
    f = storeFixture();
    const store = f.open();
    const sara = store.addEmployee({ phone: '0910 221 1824', name: '  Sara  ', department: 'Sales' });
    expect(sara).toEqual({
      id: sara.id,
      phone: '989102211824',
      name: 'Sara',
      department: 'Sales',
      active: true,
      hasOwnKey: false,
      employmentStart: null,
      employmentEnd: null,
    });
    expect(() => store.addEmployee({ phone: '+989102211824', name: 'Other', department: '' })).toThrow(
      EmployeeExistsError,
    );
    expect(() => store.addEmployee({ phone: '+989102211824', name: 'Other', department: '' })).toThrow(
      'An employee with the number 989102211824 already exists (Sara)',
    );
    expect(() => store.addEmployee({ phone: 'abc', name: 'X', department: '' })).toThrow(EmployeeInputError);
    expect(() => store.addEmployee({ phone: '0912', name: '', department: '' })).toThrow(/name: enter a name/);

    const reza = store.addEmployee({ phone: '09121234567', name: 'Reza', department: 'IT' });
    expect(() => store.updateEmployee(reza.id, { phone: '09102211824', name: 'Reza', department: 'IT' })).toThrow(
      EmployeeExistsError,
    );
    expect(store.updateEmployee(reza.id, { phone: '09121234568', name: 'Reza K', department: 'Ops' })).toMatchObject({
      phone: '989121234568',
      name: 'Reza K',
      department: 'Ops',
    });
    expect(() => store.updateEmployee(999, { phone: '09121234569', name: 'Nobody', department: '' })).toThrow(
      EmployeeNotFoundError,
    );

    expect(store.setEmployeeActive(reza.id, false).active).toBe(false);
    expect(store.listEmployees().map((e) => e.name)).toEqual(['Sara']);
    expect(store.listEmployees({ includeInactive: true }).map((e) => e.name)).toEqual(['Reza K', 'Sara']);
    expect(store.listEmployees({ search: '۰۹۱۰۲۲۱۱۸۲۴' }).map((e) => e.id)).toEqual([sara.id]);
    expect(store.listEmployees({ search: '09000000000' })).toEqual([]);
  });

  it('keeps an own key and finds it for any spelling of the sender', () => {
    f = storeFixture();
    const store = f.open({ ownKeys: () => cipher });
    const sara = store.addEmployee({ phone: '09102211824', name: 'Sara', department: '' });
    expect(store.employeeKey('989102211824')).toBeNull();
    expect(() => store.setEmployeeKey(sara.id, 'short')).toThrow(EmployeeInputError);
    expect(store.setEmployeeKey(sara.id, KEY).hasOwnKey).toBe(true);
    expect(store.employeeKey('989102211824')).toBe(KEY);
    expect(store.employeeKey('+98 910 221 1824')).toBe(KEY);
    expect(store.employeeKey('11111')).toBeNull();
    expect(store.setEmployeeKey(sara.id, null).hasOwnKey).toBe(false);
    expect(store.employeeKey('989102211824')).toBeNull();
  });

  it('searches employees by name and number', () => {
    f = storeFixture();
    const store = f.open();
    store.addEmployee({ phone: '09102211824', name: 'سارا احمدی', department: '' });
    store.addEmployee({ phone: '09121234567', name: 'Reza Karimi', department: '' });
    expect(store.listEmployees({ search: 'karim' }).map((e) => e.name)).toEqual(['Reza Karimi']);
    expect(store.listEmployees({ search: 'احمدي' }).map((e) => e.name)).toEqual(['سارا احمدی']);
    expect(store.listEmployees({ search: '0912' }).map((e) => e.name)).toEqual(['Reza Karimi']);
    expect(store.listEmployees({ search: '2211' }).map((e) => e.name)).toEqual(['سارا احمدی']);
  });

  it('changing a number links the new number’s earlier events and keeps the old links', () => {
    f = storeFixture();
    const store = f.open();
    store.recordMessage(attendance(f.clock.now, 'arrival', { source: '989121234567' }));
    store.recordMessage(attendance(f.clock.now + 1, 'arrival', { source: '989121234568' }));
    const reza = store.addEmployee({ phone: '09121234567', name: 'Reza', department: '' });
    store.updateEmployee(reza.id, { phone: '09121234568', name: 'Reza', department: '' });
    expect(store.listEvents({ offset: 0, limit: 10 }).rows.map((e) => e.employeeId)).toEqual([reza.id, reza.id]);
    expect(store.unknownSenders()).toEqual([]);
  });
});

describe('importEmployeesCsv', () => {
  it('imports with a header, BOM and Persian text, updating existing numbers', async () => {
    f = storeFixture();
    const store = f.open();
    store.addEmployee({ phone: '09102211824', name: 'Old name', department: '' });
    store.recordMessage(attendance(f.clock.now, 'arrival', { source: '989121234567' }));
    const csv =
      '\uFEFFphone,name,department\r\n+98 910 221 1824,سارا احمدی,فروش\r\n09121234567,"Karimi, Reza",IT\r\n\r\n';
    expect(await store.importEmployeesCsv(csv)).toEqual({ added: 1, updated: 1, errors: [] });
    expect(store.listEmployees().map((e) => [e.phone, e.name, e.department])).toEqual([
      ['989121234567', 'Karimi, Reza', 'IT'],
      ['989102211824', 'سارا احمدی', 'فروش'],
    ]);
    expect(store.listEvents({ offset: 0, limit: 1 }).rows[0]?.employeeName).toBe('Karimi, Reza');
    expect(await store.importEmployeesCsv(csv)).toEqual({ added: 0, updated: 0, errors: [] });
  });

  it('reports bad lines by number and imports the rest', async () => {
    f = storeFixture();
    const store = f.open();
    const csv = [
      'name,phone', // header in another order, no department
      'Sara,09102211824',
      'Nobody,not-a-number',
      ',09121234567',
      'Twice,+989102211824',
      '"Multi',
      'line",09351112233',
      'Reza,09121234567',
    ].join('\n');
    const report = await store.importEmployeesCsv(csv);
    expect(report.added).toBe(3);
    expect(report.updated).toBe(0);
    expect(report.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(report.errors[0]!.reason).toMatchObject({ code: 'phone-not-a-number' });
    expect(report.errors[1]!.reason).toEqual({ code: 'employee-field-missing', params: { field: 'name' } });
    expect(report.errors[2]!.reason).toEqual({
      code: 'csv-duplicate-number',
      params: { phone: '989102211824', line: 2 },
    });
    expect(describeReason(report.errors[2]!.reason)).toBe(
      'the number 989102211824 is already on line 2; this line was skipped',
    );
    expect(store.listEmployees({ search: '09351112233' })[0]?.name).toBe('Multi\nline');
  });

  it('works without a header and refuses a broken file as a whole', async () => {
    f = storeFixture();
    const store = f.open();
    expect(await store.importEmployeesCsv('09102211824,Sara,Sales\n09121234567,Reza')).toEqual({
      added: 2,
      updated: 0,
      errors: [],
    });
    const broken = await store.importEmployeesCsv('09351112233,Ali,IT\n09351112234,"Unclosed,IT\n');
    expect(broken.added).toBe(0);
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0]!.reason.code).toBe('csv-invalid');
    expect(describeReason(broken.errors[0]!.reason)).toMatch(/not valid CSV, nothing was imported/);
    expect(store.listEmployees()).toHaveLength(2);
    expect((await store.importEmployeesCsv('phone,department\n0912,IT')).errors).toEqual([
      { line: 1, reason: { code: 'csv-no-name-column' } },
    ]);
  });
});
