/**
 * Reasons and problems in the window's language. The core reports every reason as a code with
 * parameters (src-main/core/model.ts: `Reason`); each dictionary says every code (`reasons`), and
 * this function fills in the parameters formatted for the language: counts and ids in the
 * language's digits, protocol values (data_coding, octets) as hex, a nested reason in words too,
 * field names by their labels. Nothing in the renderer compares the texts.
 */
import type { Reason, ReasonCode, ReasonParams } from '../../../src-main/contract/domain.js';
import type { Dictionary } from './dictionary.js';
import type { Formatter } from './format.js';

/** A code's parameters as the dictionary receives them: every value already text. */
export type ParamTexts<P> = P extends object ? { [K in keyof P]: string } : Record<string, never>;

/** What a dictionary says for every code. */
export type ReasonTexts = { [C in ReasonCode]: (p: ParamTexts<ReasonParams<C>>) => string };

/** Parameters that are protocol values, shown in hex as the SMPP specification writes them. */
const HEX_PARAMS: ReadonlySet<string> = new Set(['dataCoding', 'firstDataCoding', 'octet', 'iei']);

export function reasonText(reason: Reason, t: Dictionary, format: Formatter): string {
  const texts: Record<string, string> = {};
  if ('params' in reason) {
    for (const [key, value] of Object.entries(reason.params as Record<string, unknown>))
      texts[key] = paramText(key, value, t, format);
  }
  const say = t.reasons[reason.code] as (p: Record<string, string>) => string;
  return say(texts);
}

function paramText(key: string, value: unknown, t: Dictionary, format: Formatter): string {
  if (typeof value === 'number')
    return HEX_PARAMS.has(key) ? `0x${value.toString(16).padStart(2, '0')}` : format.number(value);
  if (typeof value === 'string') return key === 'fields' ? fieldNames(value, t) : value;
  if (value === null || value === undefined) return '';
  return reasonText(value as Reason, t, format);
}

/** `port, language` (the settings that were reset) by their labels in the window's language. */
function fieldNames(list: string, t: Dictionary): string {
  const labels: Record<string, string> = t.settings.fields;
  return list
    .split(', ')
    .map((field) => labels[field] ?? field)
    .join(t.listSeparator);
}
