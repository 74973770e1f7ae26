// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import type { AppInfo, SettingsView } from '../../../../src-main/contract/app-api.js';
import ConnectionView from '../../../../src-renderer/pages/connection/ConnectionView.svelte';
import { apiContext } from '../../../../src-renderer/lib/api/api-context.js';
import { i18n } from '../../../../src-renderer/lib/i18n/i18n.svelte.js';
import { createStores, storesContext } from '../../../../src-renderer/lib/state/app-stores.js';
import { createFakeApi } from '../../support/fake-api.js';
import { settingsView as view } from '../../support/records.js';

const desktop: AppInfo = { demo: false, canStartDemo: true, backups: true, loginItem: true };

describe('ConnectionView', () => {
  beforeEach(() => {
    i18n.language = 'en';
  });

  async function setup(settingsView: SettingsView, info: AppInfo) {
    const api = createFakeApi({
      getSettings: async () => settingsView,
      appInfo: async () => info,
      listAlerts: async () => [],
      startDemo: async () => undefined,
    });
    const stores = createStores();
    await stores.settings.load(api);
    stores.office.start(api);
    await waitFor(() => expect(stores.office.info).not.toBeNull());
    render(ConnectionView, { context: new Map<symbol, unknown>([...apiContext(api), ...storesContext(stores)]) });
    return api;
  }

  it('offers the demo on the first screen of a desktop app with nothing set up, and starts it', async () => {
    const api = await setup(view({ host: '', hasKey: false, hasPassword: false }), desktop);
    const card = await screen.findByTestId('try-demo');
    expect(card.textContent).toContain('No gateway phone yet?');
    await fireEvent.click(screen.getByRole('button', { name: 'Try it without a phone' }));
    await waitFor(() => expect(api.startDemo).toHaveBeenCalledTimes(1));
  });

  it('does not offer it once the gateway is set up, nor where the app cannot start it (the preview)', async () => {
    await setup(view(), desktop);
    expect(screen.queryByTestId('try-demo')).toBeNull();
    document.body.innerHTML = '';
    await setup(view({ host: '', hasKey: false }), { ...desktop, canStartDemo: false, loginItem: false });
    expect(screen.queryByTestId('try-demo')).toBeNull();
    // The preview has no start at login either.
    expect(screen.queryByLabelText('Start SMPP Attendance when I log in to the computer')).toBeNull();
  });

  it('offers start at login in the desktop app, with the working hours, and saves them apart from the form', async () => {
    const api = await setup(view({ startAtLogin: true }), desktop);
    api.saveAppSettings.mockImplementation(async (input) => ({ ...view(), ...input }));
    const box = screen.getByLabelText('Start SMPP Attendance when I log in to the computer') as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect((screen.getByLabelText('Saturday') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Friday') as HTMLInputElement).checked).toBe(false);
    await fireEvent.click(screen.getByLabelText('Thursday'));
    await fireEvent.click(box);
    await fireEvent.input(screen.getByLabelText('To'), { target: { value: '17:30' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.saveAppSettings).toHaveBeenCalledTimes(1));
    expect(api.saveAppSettings.mock.calls[0]![0]).toEqual({
      workingHours: { days: [0, 1, 2, 3, 4, 6], from: '07:00', to: '17:30' },
      startAtLogin: false,
    });
    expect(api.saveSettings).not.toHaveBeenCalled();
  });
});
