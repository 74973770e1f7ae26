/**
 * The language the window speaks right now. One shared instance: switching it re-renders every
 * string, number and date at once, and flips the page to right-to-left for Persian.
 */
import type { Dictionary, Language } from './dictionary.js';
import { en } from './en.js';
import { fa } from './fa.js';
import { createFormatter, type Formatter } from './format.js';

export const dictionaries: Record<Language, Dictionary> = { en, fa };

class I18n {
  language = $state<Language>('en');
  readonly t: Dictionary = $derived(dictionaries[this.language]);
  readonly format: Formatter = $derived(createFormatter(this.language));
  readonly dir: 'ltr' | 'rtl' = $derived(this.language === 'fa' ? 'rtl' : 'ltr');
}

export const i18n = new I18n();
