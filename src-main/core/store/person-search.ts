/**
 * The SQL condition behind every "search by name or number" box: a name matches by folded
 * substring (case-insensitive, Persian/Arabic letter variants unified; see search-fold.ts), a
 * number by digit substring, also after normalising what was typed (`0910 221` finds
 * `98910221...`, since the leading trunk zero is dropped too).
 *
 * Substring search cannot use an index; it runs over rows already narrowed by the query's other
 * terms (a day, a time range) or over the employees table, which is small.
 */
import { asciiDigits } from '../text/ascii-digits.js';
import { foldForSearch } from '../employees/search-fold.js';
import { normalisePhone } from '../employees/phone-number.js';

/** Name of the SQL function the store registers on its connection (see registerSearchFold). */
export const SEARCH_FOLD_SQL_FUNCTION = 'search_fold';

export interface SqlCondition {
  sql: string;
  params: string[];
}

/**
 * A condition over `nameExpr` (may be NULL) and `phoneExpr`, or null when `search` is blank.
 * The expressions are trusted SQL fragments from the store, never user input.
 */
export function personSearchCondition(
  search: string | undefined,
  nameExpr: string,
  phoneExpr: string,
  defaultCountry: string,
): SqlCondition | null {
  const text = search?.trim() ?? '';
  if (text === '') return null;
  const terms = [`instr(${SEARCH_FOLD_SQL_FUNCTION}(${nameExpr}), ?) > 0`];
  const params = [foldForSearch(text)];
  for (const needle of numberNeedles(text, defaultCountry)) {
    terms.push(`instr(${phoneExpr}, ?) > 0`);
    params.push(needle);
  }
  return { sql: `(${terms.join(' OR ')})`, params };
}

/** Digit strings to look for in stored phones, when the search looks like (part of) a number. */
export function numberNeedles(text: string, defaultCountry: string): string[] {
  const compact = asciiDigits(text).replace(/[\s\-.()+]/g, '');
  if (!/^\d+$/.test(compact)) return [];
  const needles = new Set([compact]);
  const withoutTrunkZeros = compact.replace(/^0+/, '');
  if (withoutTrunkZeros.length > 0) needles.add(withoutTrunkZeros);
  const normalised = normalisePhone(text, defaultCountry);
  if (normalised.ok) needles.add(normalised.phone);
  return [...needles];
}
