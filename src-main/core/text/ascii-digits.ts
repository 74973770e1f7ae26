/**
 * Persian (U+06F0..) and Arabic-Indic (U+0660..) digits as ASCII, so that `۰۹۱۰…` typed on a
 * Persian keyboard or sent by a phone reads as `0910…`. One rule for the whole product: the message
 * parser, phone numbers, search and the renderer's forms all use this function.
 *
 * Pure, no Node APIs: the renderer imports it too.
 */
export function asciiDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}
