// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { SettingsView } from '../../../../src-main/contract/app-api.js';
import SettingsForm from '../../../../src-renderer/pages/connection/SettingsForm.svelte';
import { apiContext } from '../../../../src-renderer/lib/api/api-context.js';
import { i18n } from '../../../../src-renderer/lib/i18n/i18n.svelte.js';
import { SettingsStore } from '../../../../src-renderer/lib/state/settings.svelte.js';
import { createFakeApi } from '../../support/fake-api.js';
import { KEY, settingsView as view } from '../../support/records.js';

describe('SettingsForm', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });

  async function setup(settingsView: SettingsView) {
    const api = createFakeApi({
      getSettings: async () => settingsView,
      saveSettings: async (input) => ({ ...settingsView, ...input, hasPassword: true, hasKey: true }),
    });
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

  it('switches the UI to the language chosen at once, each language named in itself', async () => {
    await setup(view());
    const select = screen.getByLabelText('Language') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.lang])).toEqual([
      ['auto', ''],
      ['en', 'en'],
      ['fa', 'fa'],
    ]);
    select.selectedIndex = 2;
    await fireEvent.change(select);
    expect(i18n.language).toBe('fa');
  });

  it('marks saved secrets and sends them only when retyped', async () => {
    const api = await setup(view());
    const password = screen.getByLabelText('Password') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.placeholder).toBe('saved');
    expect(password.value).toBe('');
    const hint = document.getElementById(password.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(hint.textContent).toContain('Changing the host, port or system ID clears the saved password');
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
    expect(screen.getByRole('alert').textContent).toContain(
      'The well-known public key is in use: anyone with the phone app can forge arrivals',
    );
    expect(screen.getByText(/offers no keychain/).textContent).toContain('on disk');
  });

  it('shows the main process refusal in words', async () => {
    const api = createFakeApi({
      getSettings: async () => view(),
      saveSettings: async () =>
        Promise.reject(new Error('saveSettings: the settings file could not be written (EACCES)')),
    });
    const settings = new SettingsStore();
    await settings.load(api);
    render(SettingsForm, { props: { settings }, context: apiContext(api) });
    await fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('the settings file could not be written (EACCES)'),
    );
  });

  it('keeps what is typed when the settings outside the form (working hours, backups) are saved', async () => {
    const api = createFakeApi({
      getSettings: async () => view(),
      saveAppSettings: async (input) => ({ ...view(), ...input }),
    });
    const settings = new SettingsStore();
    await settings.load(api);
    render(SettingsForm, { props: { settings }, context: apiContext(api) });
    await fireEvent.input(screen.getByLabelText('Host'), { target: { value: '10.0.0.9' } });
    await settings.saveApp(api, { backupTime: '18:00' });
    await new Promise((r) => setTimeout(r, 0));
    expect(settings.view?.backupTime).toBe('18:00');
    expect((screen.getByLabelText('Host') as HTMLInputElement).value).toBe('10.0.0.9');
  });
});
