/**
 * A stored phone number (international digits without `+`, core/employees/phone-number.ts) as the
 * office reads it: in the national format of the default country (`0912 123 4567` for Iran),
 * other countries' numbers internationally (`+44 20 7946 0000`), and anything libphonenumber does
 * not know as a valid number (short codes like `11111`) as stored. Shared by the renderer (it
 * imports only this, with libphonenumber's small metadata) and the core; exports keep the digits.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export function displayPhone(stored: string, defaultCountry: string): string {
  if (!/^\d{7,15}$/.test(stored)) return stored;
  const parsed = parsePhoneNumberFromString(`+${stored}`);
  if (!parsed?.isValid()) return stored;
  return parsed.country === defaultCountry ? parsed.formatNational() : parsed.formatInternational();
}
