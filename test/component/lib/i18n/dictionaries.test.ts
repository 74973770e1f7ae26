// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { en } from '../../../../src-renderer/lib/i18n/en.js';
import { fa } from '../../../../src-renderer/lib/i18n/fa.js';

/** Every leaf of a dictionary by its dotted path, with what it renders to (functions get sample args). */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'function') {
    const args = Array.from({ length: value.length }, (_, i) => `«${i}»`);
    out.set(`${path}(${value.length})`, String((value as (...a: string[]) => unknown)(...args)));
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) for (const [p, v] of leaves(child, path ? `${path}.${key}` : key)) out.set(p, v);
  }
  return out;
}

describe('dictionaries', () => {
  const english = leaves(en);
  const persian = leaves(fa);

  it('have the same keys and the same parameters (the types enforce it; this catches a cast)', () => {
    expect([...persian.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('have no empty strings, and every parameter appears in the text', () => {
    for (const [path, text] of [...english, ...persian]) {
      expect(text.trim(), path).not.toBe('');
      const arity = Number(/\((\d+)\)$/.exec(path)?.[1] ?? 0);
      for (let i = 0; i < arity; i += 1) expect(text, `${path} drops parameter ${i}`).toContain(`«${i}»`);
    }
  });

  it('Persian is really translated: navigation and the main buttons differ from English', () => {
    for (const path of ['nav.connection', 'nav.messages', 'connection.connect', 'connection.disconnect', 'settings.save', 'export.export', 'attendance.search']) {
      expect(persian.get(path), path).not.toBe(english.get(path));
      expect(persian.get(path), path).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it('uses the labels the UI tests look for', () => {
    expect(en.connection.connect).toBe('Connect');
    expect(en.connection.disconnect).toBe('Disconnect');
    expect(en.settings.save).toBe('Save settings');
    expect(en.settings.fields).toEqual({
      host: 'Host',
      port: 'Port',
      systemId: 'System ID',
      password: 'Password',
      key: 'Encryption key',
      ignoreNumbers: 'Ignored numbers',
      repeatWindowMinutes: 'Repeat window (minutes)',
      ackRatePerMinute: 'Acks per minute',
      defaultCountry: 'Default country',
      language: 'Language',
    });
    expect(en.messages.outcomeFilter).toBe('Outcome');
    expect(en.attendance.search).toBe('Search employees');
    expect([en.employees.add, en.employees.phone, en.employees.name, en.employees.department, en.employees.import]).toEqual([
      'Add employee',
      'Phone',
      'Name',
      'Department',
      'Import CSV',
    ]);
    expect([en.export.from, en.export.to, en.export.export, en.export.cancel]).toEqual(['From', 'To', 'Export CSV', 'Cancel']);
  });
});
