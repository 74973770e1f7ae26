// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  checkSettingsForm,
  formFromView,
  type SettingsFormValues,
} from '../../../../src-renderer/lib/settings/settings-form.js';
import { KEY, settingsView as view } from '../../support/records.js';
import { FIELD_KEY } from '../../../support/phone.js';

const form = (overrides: Partial<SettingsFormValues> = {}): SettingsFormValues => ({
  ...formFromView(view()),
  ...overrides,
});

describe('checkSettingsForm', () => {
  it('turns the text fields into the contract input, leaving out secrets that were not retyped', () => {
    expect(checkSettingsForm(form({ ignoreNumbers: '11111, +98912 ,  ', defaultCountry: ' ir ' }))).toEqual({
      ok: true,
      input: {
        host: '192.168.1.20',
        port: 2775,
        systemId: 'office',
        ignoreNumbers: ['11111', '+98912'],
        repeatWindowMinutes: 10,
        ackRatePerMinute: 0,
        lateToleranceMinutes: 10,
        futureToleranceMinutes: 2,
        language: 'en',
        defaultCountry: 'IR',
        ackUnknownSenders: true,
        publicKeyAcknowledged: false,
      },
    });
    const typed = checkSettingsForm(form({ password: 'secret1', key: KEY }));
    expect(typed.ok && typed.input.password).toBe('secret1');
    expect(typed.ok && typed.input.key).toBe(KEY);
  });

  it('the phone app’s public key only with the acknowledgement box ticked; another key needs none', () => {
    const unticked = checkSettingsForm(form({ key: FIELD_KEY }));
    expect(unticked).toEqual({ ok: false, invalid: ['publicKeyAcknowledged'] });
    expect(checkSettingsForm(form({ key: FIELD_KEY, publicKeyAcknowledged: true })).ok).toBe(true);
    expect(checkSettingsForm(form({ key: KEY })).ok).toBe(true);
    expect(checkSettingsForm(form({ ackUnknownSenders: false }))).toMatchObject({
      ok: true,
      input: { ackUnknownSenders: false },
    });
  });

  it('accepts numbers typed with Persian digits', () => {
    const check = checkSettingsForm(form({ port: '۹۵۰۰', repeatWindowMinutes: '۵', ignoreNumbers: '۱۱۱۱۱' }));
    expect(check.ok && [check.input.port, check.input.repeatWindowMinutes, check.input.ignoreNumbers]).toEqual([
      9500,
      5,
      ['11111'],
    ]);
  });

  it('names every field the contract schema refuses', () => {
    const check = checkSettingsForm(
      form({
        host: ' ',
        port: '70000',
        systemId: 'a-much-too-long-system-id',
        password: '123456789',
        key: 'short',
        ignoreNumbers: '12a',
        repeatWindowMinutes: '-1',
        ackRatePerMinute: '1.5',
        lateToleranceMinutes: '-3',
        futureToleranceMinutes: '99999',
        defaultCountry: 'Iran',
      }),
    );
    expect(check.ok).toBe(false);
    expect(!check.ok && [...check.invalid].sort()).toEqual(
      [
        'ackRatePerMinute',
        'defaultCountry',
        'futureToleranceMinutes',
        'host',
        'ignoreNumbers',
        'key',
        'lateToleranceMinutes',
        'password',
        'port',
        'repeatWindowMinutes',
        'systemId',
      ].sort(),
    );
  });
});
