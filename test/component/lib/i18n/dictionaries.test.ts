// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { en } from '../../../../src-renderer/lib/i18n/en.js';
import { fa } from '../../../../src-renderer/lib/i18n/fa.js';
import { createFormatter } from '../../../../src-renderer/lib/i18n/format.js';
import { reasonText } from '../../../../src-renderer/lib/i18n/problem-text.js';
import { invalidText } from '../../../../src-renderer/lib/settings/settings-form.js';
import { ENGLISH_REASON_CODES } from '../../../../src-main/core/describe.js';
import type { Reason, ReasonCode } from '../../../../src-main/core/model.js';

/**
 * Every leaf of a dictionary by its dotted path, with what it renders to (functions get sample
 * args). The reasons take their parameters as one object and have tests of their own below.
 */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (path === 'reasons') return out;
  if (typeof value === 'string') out.set(path, value);
  else if (typeof value === 'function') {
    const args = Array.from({ length: value.length }, (_, i) => `«${i}»`);
    out.set(`${path}(${value.length})`, String((value as (...a: string[]) => unknown)(...args)));
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value))
      for (const [p, v] of leaves(child, path ? `${path}.${key}` : key)) out.set(p, v);
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
    for (const path of [
      'nav.connection',
      'nav.messages',
      'connection.connect',
      'connection.disconnect',
      'settings.save',
      'export.export',
      'attendance.search',
    ]) {
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
      lateToleranceMinutes: 'Late report tolerance (minutes)',
      futureToleranceMinutes: 'Future time tolerance (minutes)',
      defaultCountry: 'Default country',
      language: 'Language',
      ackUnknownSenders: 'Acknowledge numbers that are not employees',
      publicKeyAcknowledged: 'I understand that anyone who has the phone app can forge arrivals with this key',
    });
    expect(en.messages.outcomeFilter).toBe('Outcome');
    expect(en.attendance.search).toBe('Search employees');
    expect([
      en.employees.add,
      en.employees.phone,
      en.employees.name,
      en.employees.department,
      en.employees.import,
    ]).toEqual(['Add employee', 'Phone', 'Name', 'Department', 'Import CSV']);
    expect([en.export.from, en.export.to, en.export.export, en.export.cancel]).toEqual([
      'From',
      'To',
      'Export CSV',
      'Cancel',
    ]);
  });

  it("say the settings' limits from their one home, in the window's digits", () => {
    expect(invalidText('port', en, createFormatter('en'))).toBe('Enter a port number from 1 to 65535.');
    expect(invalidText('ackRatePerMinute', en, createFormatter('en'))).toBe('Enter a whole number from 0 to 100000.');
    expect(invalidText('port', fa, createFormatter('fa'))).toBe('عددی از ۱ تا ۶۵۵۳۵ بنویسید.');
    expect(invalidText('key', fa, createFormatter('fa'))).toBe('کلید باید دقیقاً ۳۲ نویسه (بایت) باشد.');
  });

  describe('reasons', () => {
    it('say every code the core reports, in both languages', () => {
      const codes = Object.keys(SAMPLES).sort();
      // The core's English (core/describe.ts) and this list are both complete by type: compare them.
      expect([...ENGLISH_REASON_CODES].sort()).toEqual(codes);
      expect(Object.keys(en.reasons).sort()).toEqual(codes);
      expect(Object.keys(fa.reasons).sort()).toEqual(codes);
    });

    it('render every parameter, Persian in Persian words and digits', () => {
      const enFormat = createFormatter('en');
      const faFormat = createFormatter('fa');
      for (const reason of Object.values(SAMPLES) as Reason[]) {
        const english = reasonText(reason, en, enFormat);
        const persian = reasonText(reason, fa, faFormat);
        expect(english.trim(), reason.code).not.toBe('');
        expect(persian.trim(), reason.code).not.toBe('');
        if (reason.code === 'legacy-text') continue; // a stored text from before codes, shown as it was
        expect(persian, reason.code).toMatch(/[\u0600-\u06FF]/);
        expect(persian, reason.code).not.toBe(english);
        for (const [name, value] of Object.entries(
          'params' in reason ? (reason.params as Record<string, unknown>) : {},
        )) {
          if (SELECTORS.has(name)) continue;
          if (typeof value === 'number' && !HEX.has(name)) {
            expect(english, `${reason.code}.${name}`).toContain(enFormat.number(value));
            expect(persian, `${reason.code}.${name}`).toContain(faFormat.number(value));
          } else if (typeof value === 'string') {
            expect(english, `${reason.code}.${name}`).toContain(value);
            expect(persian, `${reason.code}.${name}`).toContain(value);
          }
        }
      }
    });

    it('translate a nested reason and the names of settings fields', () => {
      const format = createFormatter('fa');
      expect(reasonText(SAMPLES['messages-not-accepted'], fa, format)).toContain('دیسک پر است');
      expect(reasonText(SAMPLES['settings-reset'], fa, format)).toBe(
        'برخی تنظیمات ذخیره‌شده نامعتبر بودند و به مقدار پیش‌فرض برگشتند: درگاه (پورت)، زبان.',
      );
      expect(reasonText(SAMPLES['settings-reset'], en, createFormatter('en'))).toContain(': Port, Language.');
      expect(reasonText(SAMPLES['repeat-in-window'], fa, format)).toContain('۴۲۱');
      expect(reasonText(SAMPLES['unsupported-data-coding'], en, createFormatter('en'))).toContain('0xf4');
    });
  });
});

/** Parameters that choose a wording (or are translated: fields, a nested cause) instead of appearing as given; protocol values shown in hex. */
const SELECTORS = new Set(['secret', 'field', 'keptAs', 'cause', 'fields']);
const HEX = new Set(['dataCoding', 'firstDataCoding', 'octet', 'iei']);

/** One reason of every code (the type makes the list complete: a new code fails to compile here). */
const SAMPLES: { [C in ReasonCode]: Extract<Reason, { code: C }> } = {
  'unsupported-data-coding': { code: 'unsupported-data-coding', params: { dataCoding: 0xf4 } },
  'invalid-ia5-octet': { code: 'invalid-ia5-octet', params: { octet: 0xe9, offset: 17 } },
  'odd-ucs2-length': { code: 'odd-ucs2-length', params: { length: 37 } },
  'unpaired-surrogate': { code: 'unpaired-surrogate' },
  'invalid-gsm-octet': { code: 'invalid-gsm-octet', params: { octet: 0x90, offset: 23 } },
  'gsm-escape-at-end': { code: 'gsm-escape-at-end' },
  'no-envelope': { code: 'no-envelope' },
  'envelope-unterminated': { code: 'envelope-unterminated' },
  'envelope-empty': { code: 'envelope-empty' },
  'not-base64': { code: 'not-base64' },
  'wrong-length': { code: 'wrong-length' },
  'wrong-key': { code: 'wrong-key' },
  'invalid-utf8': { code: 'invalid-utf8' },
  'empty-text': { code: 'empty-text' },
  'unknown-status': { code: 'unknown-status' },
  'ignored-number': { code: 'ignored-number' },
  'control-characters': { code: 'control-characters', params: { codePoint: 27 } },
  'own-key-unreadable': { code: 'own-key-unreadable' },
  'sender-not-a-phone': {
    code: 'sender-not-a-phone',
    params: { cause: { code: 'phone-not-a-number', params: { input: 'BANK' } } },
  },
  'repeat-in-window': { code: 'repeat-in-window', params: { of: 421 } },
  'repeat-redelivered': { code: 'repeat-redelivered', params: { of: 9876 } },
  'legacy-text': { code: 'legacy-text', params: { text: 'a reason from an older version' } },
  'udh-empty': { code: 'udh-empty' },
  'udh-length-zero': { code: 'udh-length-zero' },
  'udh-too-long': { code: 'udh-too-long', params: { udhLength: 9, messageLength: 3 } },
  'udh-element-overrun': { code: 'udh-element-overrun', params: { iei: 0x08 } },
  'udh-concat-length': { code: 'udh-concat-length', params: { iei: 0x00, length: 5, expected: 3 } },
  'part-count-invalid': { code: 'part-count-invalid', params: { header: 'udh', total: 0 } },
  'part-number-invalid': { code: 'part-number-invalid', params: { header: 'sar', seq: 7, total: 2 } },
  'parts-over-limit': { code: 'parts-over-limit', params: { total: 40, limit: 16 } },
  'parts-coding-conflict': { code: 'parts-coding-conflict', params: { dataCoding: 0x08, firstDataCoding: 0x00 } },
  'part-differs': { code: 'part-differs', params: { seq: 2, total: 3 } },
  'multipart-incomplete': { code: 'multipart-incomplete', params: { received: 1, total: 3 } },
  'connection-refused': { code: 'connection-refused' },
  'connection-reset': { code: 'connection-reset' },
  'connect-timed-out': { code: 'connect-timed-out' },
  'connection-timed-out': { code: 'connection-timed-out' },
  'host-unreachable': { code: 'host-unreachable' },
  'network-unreachable': { code: 'network-unreachable' },
  'host-not-found': { code: 'host-not-found', params: { detail: 'getaddrinfo ENOTFOUND gateway.local' } },
  'socket-error': { code: 'socket-error', params: { detail: 'write EPROTO' } },
  'cannot-connect': { code: 'cannot-connect', params: { detail: 'Port should be >= 0 and < 65536' } },
  'connect-timeout': { code: 'connect-timeout', params: { seconds: 10 } },
  'gateway-closed': { code: 'gateway-closed' },
  'closed-before-connected': { code: 'closed-before-connected' },
  'not-connected': { code: 'not-connected' },
  'no-response': { code: 'no-response', params: { command: 'enquire_link', seconds: 30 } },
  'bind-send-failed': { code: 'bind-send-failed', params: { detail: 'EPIPE' } },
  'bind-refused': { code: 'bind-refused', params: { status: 'ESME_RBINDFAIL' } },
  'bind-nacked': { code: 'bind-nacked', params: { status: 'ESME_RINVCMDID' } },
  'gateway-unbound': { code: 'gateway-unbound' },
  'impossible-command-length': { code: 'impossible-command-length', params: { length: 70000 } },
  stopped: { code: 'stopped' },
  'not-bound': { code: 'not-bound' },
  'link-lost': { code: 'link-lost', params: { command: 'submit_sm', cause: { code: 'gateway-closed' } } },
  'ack-refused': { code: 'ack-refused', params: { status: 'ESME_RTHROTTLED' } },
  'ack-unencodable': { code: 'ack-unencodable', params: { detail: 'character "ی" is not in the GSM 03.38 alphabet' } },
  'ack-gave-up': { code: 'ack-gave-up', params: { attempts: 50, cause: { code: 'not-bound' } } },
  'receipt-failed': { code: 'receipt-failed', params: { stat: 'UNDELIV' } },
  'internal-error': { code: 'internal-error', params: { detail: 'TypeError: x is undefined' } },
  'disk-full': { code: 'disk-full', params: { sqlite: 'SQLITE_FULL' } },
  'database-locked': { code: 'database-locked', params: { sqlite: 'SQLITE_BUSY' } },
  'database-read-only': { code: 'database-read-only', params: { sqlite: 'SQLITE_READONLY' } },
  'disk-error': { code: 'disk-error', params: { sqlite: 'SQLITE_IOERR_WRITE' } },
  'database-damaged': { code: 'database-damaged', params: { sqlite: 'SQLITE_CORRUPT' } },
  'not-a-database': { code: 'not-a-database', params: { sqlite: 'SQLITE_NOTADB' } },
  'cannot-open-database': { code: 'cannot-open-database', params: { sqlite: 'SQLITE_CANTOPEN' } },
  'database-permission-denied': { code: 'database-permission-denied', params: { sqlite: 'SQLITE_PERM' } },
  'out-of-memory': { code: 'out-of-memory', params: { sqlite: 'SQLITE_NOMEM' } },
  'database-error': { code: 'database-error', params: { sqlite: 'SQLITE_ERROR' } },
  'settings-unreadable': {
    code: 'settings-unreadable',
    params: { detail: 'Unexpected token', keptAs: '/home/u/settings.json.unreadable-1' },
  },
  'settings-not-an-object': { code: 'settings-not-an-object', params: { keptAs: null } },
  'settings-version': { code: 'settings-version', params: { found: '7', expected: 1 } },
  'settings-reset': { code: 'settings-reset', params: { fields: 'port, language' } },
  'secrets-unreadable': { code: 'secrets-unreadable' },
  'secrets-need-keychain': { code: 'secrets-need-keychain' },
  'secret-not-opened': { code: 'secret-not-opened', params: { secret: 'key' } },
  'saved-key-wrong-length': { code: 'saved-key-wrong-length' },
  'settings-incomplete': { code: 'settings-incomplete', params: { fields: 'host, systemId, key' } },
  'phone-empty': { code: 'phone-empty' },
  'phone-not-a-number': { code: 'phone-not-a-number', params: { input: '0910abc' } },
  'phone-too-short': { code: 'phone-too-short', params: { input: '12' } },
  'phone-too-long': { code: 'phone-too-long', params: { input: '1234567890123456', max: 15 } },
  'employee-field-missing': { code: 'employee-field-missing', params: { field: 'name' } },
  'employee-field-too-long': { code: 'employee-field-too-long', params: { field: 'department', max: 200 } },
  'employee-invalid': { code: 'employee-invalid', params: { detail: 'phone: Invalid input' } },
  'csv-invalid': { code: 'csv-invalid', params: { detail: 'Quote Not Closed' } },
  'csv-no-name-column': { code: 'csv-no-name-column' },
  'csv-too-large': { code: 'csv-too-large', params: { bytes: 2_500_000, max: 2_000_000 } },
  'csv-too-many-rows': { code: 'csv-too-many-rows', params: { max: 20_000 } },
  'csv-duplicate-number': { code: 'csv-duplicate-number', params: { phone: '989102211824', line: 2 } },
  'employee-exists': { code: 'employee-exists', params: { phone: '989102211824', name: 'سارا احمدی' } },
  'employee-not-found': { code: 'employee-not-found', params: { id: 17 } },
  'punch-not-found': { code: 'punch-not-found', params: { id: 17 } },
  'no-reported-time': { code: 'no-reported-time', params: { id: 17 } },
  'correction-why-missing': { code: 'correction-why-missing' },
  'period-closed': { code: 'period-closed', params: { from: '2026-11-22', to: '2026-12-21' } },
  'shift-not-found': { code: 'shift-not-found', params: { id: 3 } },
  'shift-invalid': { code: 'shift-invalid', params: { detail: 'x' } },
  'shift-in-use': { code: 'shift-in-use', params: { id: 3 } },
  'leave-not-found': { code: 'leave-not-found', params: { id: 4 } },
  'leave-invalid': { code: 'leave-invalid', params: { detail: 'x' } },
  'holiday-invalid': { code: 'holiday-invalid', params: { detail: 'x' } },
  'period-invalid': { code: 'period-invalid', params: { detail: 'x' } },
  'punch-import-invalid': { code: 'punch-import-invalid', params: { line: 3, detail: 'x' } },
  'export-running': { code: 'export-running' },
  'export-failed': { code: 'export-failed', params: { detail: 'ENOSPC: no space left on device' } },
  'messages-not-accepted': {
    code: 'messages-not-accepted',
    params: { cause: { code: 'disk-full', params: { sqlite: 'SQLITE_FULL' } } },
  },
  'storage-works-again': { code: 'storage-works-again' },
  'transport-lost': { code: 'transport-lost' },
  'transport-refused': { code: 'transport-refused' },
};
