/**
 * CSV formula injection guard (OWASP "CSV Injection"): a cell that a spreadsheet program would read
 * as a formula is prefixed with `'`, which they show as text. Names and reported times come from
 * people and phones: untrusted.
 *
 * A formula is a cell whose first visible character is `=`, `+`, `-` or `@`. Excel and LibreOffice
 * skip leading white space and control characters before deciding (`" =1+1"`, `"\n=HYPERLINK(…)"`),
 * so those are skipped here too, along with the invisible format characters (zero-width and bidi
 * marks, BOM) that a phone may put first. A cell that starts with a tab, CR or LF is guarded as well,
 * whatever follows: some programs start a new field or row there. A leading space followed by
 * digits (the reported time ` 08:31`) is harmless and left alone.
 */
const INVISIBLE_PREFIX = '[\\s\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff]*';
const FORMULA_START = new RegExp(`^(?:${INVISIBLE_PREFIX}[=+\\-@]|[\\t\\r\\n])`);

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
