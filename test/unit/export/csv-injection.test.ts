import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from '../../../src-main/core/export/csv-injection.js';

describe('neutraliseFormula', () => {
  it.each([
    '=1+1',
    '+1',
    '-1',
    '@SUM(A1)',
    ' =1+1',
    '\n=HYPERLINK("http://x","y")',
    '\r\n=cmd',
    '\t=1',
    '\u0000=1',
    '\u001b=1',
    '\u0085=1',
    '\u200f=1', // right-to-left mark first
    '\u202e=1', // right-to-left override first
    '\ufeff@x',
    '\u00a0=1', // no-break space
    '\tplain',
    '\rplain',
    '\nplain',
  ])('guards %j', (cell) => {
    expect(neutraliseFormula(cell)).toBe(`'${cell}`);
  });

  it.each([' 08:31', '08:31', ' 2026-11-25 08:31:07', 'سارا احمدی', 'a=b', 'x-1', '', ' ', ' ۰۸:۳۱'])(
    'leaves %j alone',
    (cell) => {
      expect(neutraliseFormula(cell)).toBe(cell);
    },
  );
});
