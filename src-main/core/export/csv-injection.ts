/**
 * CSV formula injection guard (OWASP "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is read as a formula by spreadsheet programs, so it is prefixed with
 * `'`, which they show as text. Names and reported times come from people and phones: untrusted.
 * A leading space (as in the reported time ` 08:31`) and digits are harmless and left alone.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
