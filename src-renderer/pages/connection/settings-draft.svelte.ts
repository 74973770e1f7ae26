/**
 * The settings form as typed: filled from the settings the main process returned (again after a
 * save), checked with the contract's schema, and saved through the SettingsStore.
 */
import type { AppApi, SettingsView } from '../../../src-main/contract/app-api.js';
import type { SettingsField } from '../../lib/i18n/dictionary.js';
import {
  checkSettingsForm,
  formFromView,
  missingToConnect,
  type SettingsFormValues,
} from '../../lib/settings/settings-form.js';
import { Action } from '../../lib/state/action.svelte.js';
import type { SettingsStore } from '../../lib/state/settings.svelte.js';

export class SettingsDraft {
  /** null until the settings have been read. */
  form = $state<SettingsFormValues | null>(null);
  /** Fields the schema refused at the last save. */
  invalid = $state.raw<SettingsField[]>([]);
  /** Fields left empty that connecting needs (checked by Connect only). */
  missing = $state.raw<SettingsField[]>([]);
  saved = $state(false);
  readonly save = new Action();
  /** The view the form was filled from: a newer one (after a save) refills it. */
  #filledFrom: SettingsView | null = null;

  constructor(private readonly api: AppApi) {}

  fill(view: SettingsView | null): void {
    if (view && view !== this.#filledFrom) {
      this.#filledFrom = view;
      this.form = formFromView(view);
    }
  }

  /**
   * Checks the form and, if the schema takes it, saves it into `settings`; resolves true when saved.
   * `forConnect`: Connect's save, which also needs what connecting needs (a key).
   */
  async submit(settings: SettingsStore, opts: { forConnect?: boolean } = {}): Promise<boolean> {
    const form = this.form;
    if (!form) return false;
    this.saved = false;
    this.save.clear();
    const check = checkSettingsForm(form);
    const missing = opts.forConnect ? missingToConnect(form, settings.view) : [];
    this.invalid = check.ok ? [] : check.invalid;
    this.missing = missing.filter((f) => !this.invalid.includes(f));
    if (!check.ok || missing.length > 0) return false;
    this.saved = await this.save.run(() => settings.save(this.api, check.input));
    return this.saved;
  }
}
