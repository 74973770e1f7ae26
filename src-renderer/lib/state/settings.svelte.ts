/** The settings as the main process last returned them (secrets never leave it: only has* flags). */
import type { AppApi, AppSettingsInput, SettingsInput, SettingsView } from '../../../src-main/contract/app-api.js';
import type { Failure } from '../api/failure.js';
import { Loader } from './loader.svelte.js';

export class SettingsStore {
  readonly #loader = new Loader<SettingsView>();
  /**
   * The view as the connection form should show it: replaced by a load and by the form's own save,
   * not by saving the settings outside the form (working hours, backups), so that what is typed
   * in the form stays.
   */
  formView = $state.raw<SettingsView | null>(null);

  get view(): SettingsView | null {
    return this.#loader.value ?? null;
  }

  get loadError(): Failure | null {
    return this.#loader.error;
  }

  async load(api: AppApi): Promise<SettingsView | null> {
    await this.#loader.load(() => api.getSettings());
    this.formView = this.view;
    return this.view;
  }

  /** The settings outside the connection form (backups, working hours, start at login). */
  async saveApp(api: AppApi, input: AppSettingsInput): Promise<SettingsView> {
    const view = await api.saveAppSettings(input);
    this.#loader.value = view;
    return view;
  }

  async save(api: AppApi, input: SettingsInput): Promise<SettingsView> {
    const view = await api.saveSettings(input);
    this.#loader.value = view;
    this.formView = view;
    return view;
  }
}
