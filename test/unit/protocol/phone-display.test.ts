import { describe, expect, it } from 'vitest';
import { displayPhone } from '../../../src-main/contract/phone-display.js';
import { normalisePhone } from '../../../src-main/core/employees/phone-number.js';

describe('displayPhone', () => {
  it('an Iranian mobile in the national format for an office in Iran', () => {
    expect(displayPhone('989121234567', 'IR')).toBe('0912 123 4567');
    expect(displayPhone('989351112233', 'IR')).toBe('0935 111 2233');
  });

  it('another country’s number internationally; the same number nationally where it is at home', () => {
    expect(displayPhone('989121234567', 'DE')).toBe('+98 912 123 4567');
    expect(displayPhone('4915112345678', 'DE')).toBe('01511 2345678');
  });

  it('short codes and unknown ranges as stored', () => {
    expect(displayPhone('11111', 'IR')).toBe('11111');
    expect(displayPhone('98912123', 'IR')).toBe('98912123'); // too short for an Iranian number
    expect(displayPhone('', 'IR')).toBe('');
  });

  it('what is shown, typed back, finds the same stored number', () => {
    for (const stored of ['989121234567', '989351112233']) {
      const shown = displayPhone(stored, 'IR');
      expect(normalisePhone(shown, 'IR')).toEqual({ ok: true, phone: stored });
    }
  });
});
