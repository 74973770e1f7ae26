// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { SettingsView } from '../../../../src-main/contract/app-api.js';
import SettingsForm from '../../../../src-renderer/pages/connection/SettingsForm.svelte';
import { apiContext } from '../../../../src-renderer/lib/api/api-context.js';
import { i18n } from '../../../../src-renderer/lib/i18n/i18n.svelte.js';
import { checkSettingsForm, formFromView, type SettingsFormValues } from '../../../../src-renderer/lib/settings/settings-form.js';
import { SettingsStore } from '../../../../src-renderer/lib/state/settings.svelte.js';
import { createFakeApi } from '../../support/fake-api.js';

const KEY = 'k'.repeat(32);
const view = (overrides: Partial<SettingsView> = {}): SettingsView => ({
  host: '192.168.1.20',
  port: 2775,
  systemId: 'office',
  ignoreNumbers: ['11111'],
  repeatWindowMinutes: 10,
  ackRatePerMinute: 0,
  language: 'en',
  defaultCountry: 'IR',
  hasPassword: true,
  hasKey: true,
  keyIsPublicDefault: false,
  secretStorage: 'keychain',
  ...overrides,
});
const form = (overrides: Partial<SettingsFormValues> = {}): SettingsFormValues => ({ ...formFromView(view()), ...overrides });

describe('checkSettingsForm', () => {
  it('turns the text fields into the contract input, leaving out secrets that were not retyped', () => {
    expect(checkSettingsForm(form({ ignoreNumbers: '11111, +98912 ,  ', defaultCountry: ' ir ' }))).toEqual({
      ok: true,
      input: { host: '192.168.1.20', port: 2775, systemId: 'office', ignoreNumbers: ['11111', '+98912'], repeatWindowMinutes: 10, ackRatePerMinute: 0, language: 'en', defaultCountry: 'IR' },
    });
    const typed = checkSettingsForm(form({ password: 'secret1', key: KEY }));
    expect(typed.ok && typed.input.password).toBe('secret1');
    expect(typed.ok && typed.input.key).toBe(KEY);
  });

  it('accepts numbers typed with Persian digits', () => {
    const check = checkSettingsForm(form({ port: '۹۵۰۰', repeatWindowMinutes: '۵', ignoreNumbers: '۱۱۱۱۱' }));
    expect(check.ok && [check.input.port, check.input.repeatWindowMinutes, check.input.ignoreNumbers]).toEqual([9500, 5, ['11111']]);
  });

  it('names every field the contract schema refuses', () => {
    const check = checkSettingsForm(
      form({ host: ' ', port: '70000', systemId: 'a-much-too-long-system-id', password: '123456789', key: 'short', ignoreNumbers: '12a', repeatWindowMinutes: '-1', ackRatePerMinute: '1.5', defaultCountry: 'Iran' }),
    );
    expect(check.ok).toBe(false);
    expect(!check.ok && [...check.invalid].sort()).toEqual(
      ['ackRatePerMinute', 'defaultCountry', 'host', 'ignoreNumbers', 'key', 'password', 'port', 'repeatWindowMinutes', 'systemId'].sort(),
    );
  });
});

describe('SettingsForm', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });

  async function setup(settingsView: SettingsView) {
    const api = createFakeApi({ getSettings: async () => settingsView, saveSettings: async (input) => ({ ...settingsView, ...input, hasPassword: true, hasKey: true }) });
    const settings = new SettingsStore();
    await settings.load(api);
    render(SettingsForm, { props: { settings }, context: apiContext(api) });
    return api;
  }

  it('shows validation messages in words and does not save', async () => {
    const api = await setup(view());
    await fireEvent.input(screen.getByLabelText('Host'), { target: { value: '' } });
    await fireEvent.input(screen.getByLabelText('Port'), { target: { value: 'abc' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByLabelText('Host').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter the gateway address (a name or an IP address).')).toBeTruthy();
    expect(screen.getByText('Enter a port number from 1 to 65535.')).toBeTruthy();
    expect(screen.getByLabelText('Port').getAttribute('aria-describedby')).toContain('error');
    expect(api.saveSettings).not.toHaveBeenCalled();
  });

  it('marks saved secrets and sends them only when retyped', async () => {
    const api = await setup(view());
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.placeholder).toBe('saved');
    expect(password.value).toBe('');
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByText('Settings saved.')).toBeTruthy());
    expect(api.saveSettings.mock.calls[0]?.[0]).not.toHaveProperty('password');
    expect(api.saveSettings.mock.calls[0]?.[0]).not.toHaveProperty('key');

    await fireEvent.input(screen.getByLabelText('Encryption key'), { target: { value: KEY } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(api.saveSettings).toHaveBeenCalledTimes(2));
    expect(api.saveSettings.mock.calls[1]?.[0]).toMatchObject({ key: KEY });
    expect(api.saveSettings.mock.calls[1]?.[0]).not.toHaveProperty('password');
  });

  it('warns while the public key is in use and says when there is no keychain', async () => {
    await setup(view({ keyIsPublicDefault: true, secretStorage: 'weak' }));
    expect(screen.getByRole('alert').textContent).toContain('The well-known public key is in use: anyone with the phone app can forge arrivals');
    expect(screen.getByText(/offers no keychain/).textContent).toContain('on disk');
  });

  it('shows the main process refusal in words', async () => {
    const api = createFakeApi({ getSettings: async () => view(), saveSettings: async () => Promise.reject(new Error('saveSettings: the settings file could not be written (EACCES)')) });
    const settings = new SettingsStore();
    await settings.load(api);
    render(SettingsForm, { props: { settings }, context: apiContext(api) });
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('the settings file could not be written (EACCES)'));
  });
});
