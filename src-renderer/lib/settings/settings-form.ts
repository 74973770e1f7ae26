/**
 * The settings form's text fields to and from the contract's SettingsInput. Validation is the
 * contract's own zod schema (the main process checks the same one), so the rules cannot drift;
 * the messages shown are per field from the dictionary, because zod's are English only.
 * Secrets are sent only when the user typed a new one: an empty field keeps the stored value.
 */
import { settingsInputSchema, type SettingsInput, type SettingsView } from '../../../src-main/contract/app-api.js';
import { SETTINGS_LIMITS as L } from '../../../src-main/contract/domain.js';
import { asciiDigits, checkWithSchema, type FormCheck } from '../forms/schema-check.js';
import type { Dictionary, SettingsField } from '../i18n/dictionary.js';
import type { Formatter } from '../i18n/format.js';

/** The settings typed as text, each as it stands in its input (all but the language and the two boxes). */
export type SettingsTextField = Exclude<SettingsField, 'language' | 'ackUnknownSenders' | 'publicKeyAcknowledged'>;

export type SettingsFormValues = Record<SettingsTextField, string> & {
  language: SettingsInput['language'];
  ackUnknownSenders: boolean;
  /** The box under the warning about the phone app's public key (only sent and required with that key). */
  publicKeyAcknowledged: boolean;
};

export type SettingsCheck = FormCheck<SettingsInput, SettingsField>;

function wholeNumber(text: string): number {
  const t = asciiDigits(text).trim();
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

export function formFromView(view: SettingsView): SettingsFormValues {
  return {
    host: view.host,
    port: String(view.port),
    systemId: view.systemId,
    password: '',
    key: '',
    ignoreNumbers: view.ignoreNumbers.join(', '),
    repeatWindowMinutes: String(view.repeatWindowMinutes),
    ackRatePerMinute: String(view.ackRatePerMinute),
    lateToleranceMinutes: String(view.lateToleranceMinutes),
    futureToleranceMinutes: String(view.futureToleranceMinutes),
    defaultCountry: view.defaultCountry,
    language: view.language,
    ackUnknownSenders: view.ackUnknownSenders,
    publicKeyAcknowledged: view.publicKeyAcknowledged,
  };
}

export function checkSettingsForm(form: SettingsFormValues): SettingsCheck {
  const candidate = {
    host: form.host.trim(),
    port: wholeNumber(form.port),
    systemId: form.systemId,
    ...(form.password !== '' ? { password: form.password } : {}),
    ...(form.key !== '' ? { key: form.key } : {}),
    ignoreNumbers: asciiDigits(form.ignoreNumbers)
      .split(/[\s,،;]+/)
      .filter((n) => n !== ''),
    repeatWindowMinutes: wholeNumber(form.repeatWindowMinutes),
    ackRatePerMinute: wholeNumber(form.ackRatePerMinute),
    lateToleranceMinutes: wholeNumber(form.lateToleranceMinutes),
    futureToleranceMinutes: wholeNumber(form.futureToleranceMinutes),
    defaultCountry: form.defaultCountry.trim().toUpperCase(),
    language: form.language,
    ackUnknownSenders: form.ackUnknownSenders,
    publicKeyAcknowledged: form.publicKeyAcknowledged,
  };
  return checkWithSchema(settingsInputSchema, candidate, Object.keys(form) as SettingsField[]);
}

/** What is wrong with a field, with the limits of settings-defaults.ts in the window's digits. */
export function invalidText(field: SettingsField, t: Dictionary, format: Formatter): string {
  const invalid = t.settings.invalid;
  const n = format.digits;
  switch (field) {
    case 'port':
      return invalid.port(n(L.port.min), n(L.port.max));
    case 'systemId':
      return invalid.systemId(n(L.systemIdMaxLength));
    case 'password':
      return invalid.password(n(L.passwordMaxLength));
    case 'key':
      return invalid.key(n(L.keyBytes));
    case 'ignoreNumbers':
      return invalid.ignoreNumbers(n(L.ignoreNumbersMax));
    case 'repeatWindowMinutes':
      return invalid.repeatWindowMinutes(n(L.repeatWindowMinutes.min), n(L.repeatWindowMinutes.max));
    case 'ackRatePerMinute':
      return invalid.ackRatePerMinute(n(L.ackRatePerMinute.min), n(L.ackRatePerMinute.max));
    case 'lateToleranceMinutes':
      return invalid.lateToleranceMinutes(n(L.lateToleranceMinutes.min), n(L.lateToleranceMinutes.max));
    case 'futureToleranceMinutes':
      return invalid.futureToleranceMinutes(n(L.futureToleranceMinutes.min), n(L.futureToleranceMinutes.max));
    case 'host':
    case 'defaultCountry':
    case 'language':
    case 'ackUnknownSenders':
    case 'publicKeyAcknowledged':
      return invalid[field];
  }
}

/**
 * Fields the form leaves empty that connecting needs although saving does not: the key, when none
 * is saved yet (host and system id the schema requires anyway).
 */
export function missingToConnect(form: SettingsFormValues, view: SettingsView | null): SettingsField[] {
  return form.key === '' && !view?.hasKey ? ['key'] : [];
}
