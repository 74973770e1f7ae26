/**
 * The `$$…$$` envelope around the base64 ciphertext. Like the original server (which split the
 * text on the delimiter and took the second piece), anything before the first `$$` and after the
 * second is ignored; whitespace, CR and LF that gateways add around or inside the delimiters are
 * trimmed from the body (base64 never contains them, so nothing is lost).
 */
import type { EnvelopeReason } from '../model.js';

export type EnvelopeResult = { ok: true; body: string } | { ok: false; reason: EnvelopeReason };

const DELIMITER = '$$';

export function openEnvelope(text: string): EnvelopeResult {
  const start = text.indexOf(DELIMITER);
  if (start === -1) return { ok: false, reason: { code: 'no-envelope' } };
  const bodyStart = start + DELIMITER.length;
  const end = text.indexOf(DELIMITER, bodyStart);
  if (end === -1) return { ok: false, reason: { code: 'envelope-unterminated' } };
  const body = text.slice(bodyStart, end).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (body === '') return { ok: false, reason: { code: 'envelope-empty' } };
  return { ok: true, body };
}

export function sealEnvelope(body: string): string {
  return `${DELIMITER}${body}${DELIMITER}`;
}
