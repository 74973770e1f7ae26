/**
 * Text that came from the network (a plaintext, a sender, an employee's name from an import, an
 * error message of the gateway) made safe to write to a terminal or a log file: every character
 * that could move the cursor, start a new line, run an escape sequence (a title change, a colour,
 * a hyperlink) or reorder the line on screen becomes a visible escape, so one event stays one line
 * and reads as what it is. Pure, no Node APIs.
 *
 * Escaped: C0 controls and DEL and C1 controls (ESC, CSI and OSC among them), the bidirectional
 * marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069), every other format character, the line and paragraph separators, and lone
 * surrogates. Kept: ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER (U+200C, U+200D), which Persian
 * words and emoji need and which cannot reorder a line.
 */

const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const KEPT = new Set([0x200c, 0x200d]);
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) ?? 0;
  if (KEPT.has(code)) return ch;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** One line of text with every unsafe character written as a visible escape (`\n`, `\x1b`, `\u{202e}`). */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** Like {@link terminalSafe} but keeps line breaks: for a stack trace, whose lines are the app's own. */
export function terminalSafeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => terminalSafe(line))
    .join('\n');
}

/**
 * A JSON text (from JSON.stringify, which already escapes C0 controls) with the characters it leaves
 * raw — DEL, C1 controls, bidi and other format characters, U+2028/U+2029 — written as `\uXXXX`.
 * They can only occur inside string literals, so the JSON parses to exactly the same value.
 */
export function jsonTerminalSafe(json: string): string {
  return json.replace(UNSAFE, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    if (KEPT.has(code)) return ch;
    // an astral format character (the tag characters, which can hide text) as its surrogate pair
    return ch
      .split('')
      .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join('');
  });
}
