/**
 * Text folding for "search by name or number". SQLite's LIKE folds case for ASCII only, and a
 * Persian name may be typed with Arabic code points (ي/ك) on one keyboard and Persian ones (ی/ک)
 * on another; numbers may come in Persian or Arabic-Indic digits. Both sides of a comparison go
 * through the same fold (registered in SQLite as `search_fold`), so these all match.
 */
import { asciiDigits } from '../text/ascii-digits.js';

const LETTER_VARIANTS: Record<string, string> = {
  '\u064A': '\u06CC', // Arabic yeh -> Persian yeh
  '\u0649': '\u06CC', // alef maksura -> Persian yeh
  '\u0643': '\u06A9', // Arabic kaf -> Persian keheh
  '\u0629': '\u0647', // teh marbuta -> heh
};

/**
 * SQLite calls `search_fold` on every employee's name for every search (slow across thousands
 * of names, as toLocaleLowerCase and NFKC go through ICU), several times per event-list page (its
 * count and its rows). The fold is pure, and names are few and repeat, so results are remembered (bounded).
 */
const MEMO_LIMIT = 50_000;
const memo = new Map<string, string>();

/**
 * Case-folds, applies NFKC, unifies Arabic/Persian letter variants and digits, and drops the
 * zero-width non-joiner and tatweel that vary between typists.
 */
export function foldForSearch(text: string): string {
  let folded = memo.get(text);
  if (folded === undefined) {
    folded = foldUncached(text);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, folded);
  }
  return folded;
}

function foldUncached(text: string): string {
  return asciiDigits(text.normalize('NFKC').toLocaleLowerCase('und'))
    .replace(/[\u064A\u0649\u0643\u0629]/g, (c) => LETTER_VARIANTS[c] ?? c)
    .replace(/\u200C|\u200D|\u0640/g, '');
}
