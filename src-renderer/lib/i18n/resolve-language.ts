import type { SettingsInput } from '../../../src-main/contract/app-api.js';
import type { Language } from './dictionary.js';

/** The settings' language, with 'auto' following the OS / browser locale (Persian for any `fa-*`). */
export function resolveLanguage(setting: SettingsInput['language'], navigatorLanguages: readonly string[]): Language {
  if (setting !== 'auto') return setting;
  for (const tag of navigatorLanguages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'fa' || primary === 'prs' || primary === 'pes') return 'fa';
    if (primary === 'en') return 'en';
  }
  return 'en';
}
