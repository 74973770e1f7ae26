/**
 * Phone numbers as the office reads them (contract/phone-display.ts), in the default country of
 * the settings: one shared instance, so that changing the country re-renders every number.
 */
import { displayPhone } from '../../src-main/contract/phone-display.js';

class PhoneFormat {
  country = $state('IR');

  /** `989121234567` → `0912 123 4567` (for IR). */
  show(stored: string): string {
    return displayPhone(stored, this.country);
  }
}

export const phones = new PhoneFormat();
