/** The settings as the main process last returned them (secrets never leave it: only has* flags). */
import type { AppApi, SettingsInput, SettingsView } from '../../../src-main/contract/app-api.js';

export class SettingsStore {
  view = $state.raw<SettingsView | null>(null);
  loadError = $state<string | null>(null);

  async load(api: AppApi): Promise<SettingsView | null> {
    try {
      this.view = await api.getSettings();
      this.loadError = null;
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    }
    return this.view;
  }

  async save(api: AppApi, input: SettingsInput): Promise<SettingsView> {
    const view = await api.saveSettings(input);
    this.view = view;
    return view;
  }
}
