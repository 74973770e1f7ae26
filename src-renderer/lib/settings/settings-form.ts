/**
 * The settings form's text fields to and from the contract's SettingsInput. Validation is the
 * contract's own zod schema (the main process checks the same one), so the rules cannot drift;
 * the messages shown are per field from the dictionary, because zod's are English only.
 * Secrets are sent only when the user typed a new one: an empty field keeps the stored value.
 */
import { z } from 'zod';
import { settingsInputSchema, type SettingsInput, type SettingsView } from '../../../src-main/contract/app-api.js';
import { asciiDigits } from '../../../src-main/core/text/ascii-digits.js';
import { SETTINGS_LIMITS as L } from '../../../src-main/core/settings/settings-defaults.js';
import type { Dictionary, SettingsField } from '../i18n/dictionary.js';
import type { Formatter } from '../i18n/format.js';

// Zod would probe `new Function` for its fast path; the strict CSP forbids eval and reports the probe.
z.config({ jitless: true });

export interface SettingsFormValues {
  host: string;
  port: string;
  systemId: string;
  password: string;
  key: string;
  ignoreNumbers: string;
  repeatWindowMinutes: string;
  ackRatePerMinute: string;
  defaultCountry: string;
  language: SettingsInput['language'];
}

/** The one digit rule (core/text/ascii-digits.ts), for the forms that read numbers typed on a Persian keyboard. */
export { asciiDigits };

export type SettingsCheck = { ok: true; input: SettingsInput } | { ok: false; invalid: SettingsField[] };


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
    defaultCountry: view.defaultCountry,
    language: view.language,
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
    defaultCountry: form.defaultCountry.trim().toUpperCase(),
    language: form.language,
  };
  const parsed = settingsInputSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  const invalid = new Set<SettingsField>();
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field in form) invalid.add(field as SettingsField);
  }
  return { ok: false, invalid: [...invalid] };
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
    case 'host':
    case 'defaultCountry':
    case 'language':
      return invalid[field];
  }
}
