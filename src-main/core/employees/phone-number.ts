/**
 * One spelling per phone number, so that events, employees and searches meet on the same key.
 *
 * The rule (libphonenumber-js decides what a valid number is):
 * 1. Persian/Arabic-Indic digits become ASCII; spaces, dashes, dots, parentheses and bidi marks go.
 *    A leading `00` (the international prefix) becomes `+`.
 * 2. `+...`: if libphonenumber accepts it as a valid number, its E.164 digits.
 * 3. Otherwise, first as a national number of `defaultCountry` (`09102211824` in IR), then as
 *    international digits without `+` (`989102211824`, as SMSCs send sources): the first valid
 *    reading wins, giving its E.164 digits without `+`.
 * 4. No valid reading (short codes like `11111`, service numbers, numbers of unknown ranges): the
 *    digits as they are, if there are 3 to 15 of them (E.164's maximum), so that such a source
 *    is still stored and found consistently. Anything else (letters, too short, too long) is refused.
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { asciiDigits } from '../text/ascii-digits.js';
import type { PhoneReason } from '../model.js';

/** E.164: at most 15 digits. */
const MAX_DIGITS = 15;

export type NormalisedPhone = Readonly<{ ok: true; phone: string } | { ok: false; reason: PhoneReason }>;

/**
 * Normalising runs for every incoming message (the sender's key, the event's phone), and
 * libphonenumber's parse is costly next to everything else a message needs after group commit,
 * with the same few thousand numbers again and again. Results are pure (input and country in, same answer out),
 * so they are remembered, up to a bound that a real office's senders never reach.
 */
const MEMO_LIMIT = 20_000;
const memo = new Map<string, NormalisedPhone>();

export function normalisePhone(input: string, defaultCountry: string): NormalisedPhone {
  const key = `${defaultCountry}\u0000${input}`;
  let result = memo.get(key);
  if (result === undefined) {
    result = normaliseUncached(input, defaultCountry);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, result);
  }
  return result;
}

function normaliseUncached(input: string, defaultCountry: string): NormalisedPhone {
  const cleaned = asciiDigits(input).replace(/[\s\-.()\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');
  if (cleaned === '') return { ok: false, reason: { code: 'phone-empty' } };
  if (!/^\+?\d+$/.test(cleaned)) return { ok: false, reason: { code: 'phone-not-a-number', params: { input } } };

  const international = cleaned.startsWith('+') ? cleaned : cleaned.startsWith('00') ? `+${cleaned.slice(2)}` : null;
  const country = isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const readings = international ? [international] : [cleaned, `+${cleaned}`];
  for (const reading of readings) {
    const parsed = reading.startsWith('+')
      ? parsePhoneNumberFromString(reading)
      : country
        ? parsePhoneNumberFromString(reading, country)
        : undefined;
    if (parsed?.isValid()) return { ok: true, phone: parsed.number.slice(1) };
  }

  const digits = (international ?? cleaned).replace(/^\+/, '');
  if (digits.length < 3) return { ok: false, reason: { code: 'phone-too-short', params: { input } } };
  if (digits.length > MAX_DIGITS)
    return { ok: false, reason: { code: 'phone-too-long', params: { input, max: MAX_DIGITS } } };
  return { ok: true, phone: digits };
}

/** Throws a RangeError unless `code` is a country libphonenumber knows (e.g. `IR`). */
export function assertSupportedCountry(code: string): void {
  if (!isSupportedCountry(code)) throw new RangeError(`'${code}' is not a known two-letter country code (such as IR)`);
}
