import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../../src-main/core/employees/phone-number.js';
import { foldForSearch } from '../../../src-main/core/employees/search-fold.js';
import { numberNeedles } from '../../../src-main/core/store/person-search.js';

describe('normalisePhone', () => {
  it.each([
    '+989102211824',
    '00989102211824',
    '09102211824',
    '989102211824',
    '9102211824',
    '+98 910 221 1824',
    '0910-221-1824',
    '۰۹۱۰۲۲۱۱۸۲۴',
    '+۹۸ ۹۱۰ ۲۲۱ ۱۸۲۴',
    '٠٩١٠٢٢١١٨٢٤',
    '(0910) 221 1824',
    '\u200E+989102211824\u200E',
  ])('%s -> 989102211824 (IR)', (input) => {
    expect(normalisePhone(input, 'IR')).toEqual({ ok: true, phone: '989102211824' });
  });

  it('reads national numbers in the default country and international ones anywhere', () => {
    expect(normalisePhone('(202) 555-0123', 'US')).toEqual({ ok: true, phone: '12025550123' });
    expect(normalisePhone('+1 202 555 0123', 'IR')).toEqual({ ok: true, phone: '12025550123' });
    expect(normalisePhone('00447911123456', 'IR')).toEqual({ ok: true, phone: '447911123456' });
    expect(normalisePhone('447911123456', 'IR')).toEqual({ ok: true, phone: '447911123456' });
  });

  it('keeps short codes and numbers libphonenumber rejects as digits (3-15)', () => {
    expect(normalisePhone('11111', 'IR')).toEqual({ ok: true, phone: '11111' });
    expect(normalisePhone('300', 'IR')).toEqual({ ok: true, phone: '300' });
    expect(normalisePhone('+999 123', 'IR')).toEqual({ ok: true, phone: '999123' });
    expect(normalisePhone('123456789012345', 'IR')).toEqual({ ok: true, phone: '123456789012345' });
  });

  it('refuses what is not a number, too short or too long', () => {
    for (const bad of ['', '  ', 'MTN', '0910abc', '12', '1234567890123456', '+']) {
      const result = normalisePhone(bad, 'IR');
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.reason.code, bad).toMatch(/^phone-(empty|not-a-number|too-short|too-long)$/);
    }
  });
});

describe('search folding', () => {
  it('folds case, Arabic letter variants, digits and joiners', () => {
    expect(foldForSearch('Reza KARIMI')).toBe('reza karimi');
    expect(foldForSearch('علي كريمي')).toBe(foldForSearch('علی کریمی'));
    expect(foldForSearch('می\u200Cخواهم')).toBe('میخواهم');
    expect(foldForSearch('۱۲۳')).toBe('123');
    expect(foldForSearch('ÉLODIE')).toBe('élodie');
  });

  it('turns a typed number into the digit strings to look for', () => {
    expect(numberNeedles('0910 221', 'IR')).toEqual(['0910221', '910221']);
    expect(numberNeedles('09102211824', 'IR')).toEqual(['09102211824', '9102211824', '989102211824']);
    expect(numberNeedles('Sara', 'IR')).toEqual([]);
  });
});
