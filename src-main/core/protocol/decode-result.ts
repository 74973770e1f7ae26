/**
 * Outcome of turning wire octets into text. A tagged union rather than an exception so that an
 * undecodable message becomes a recorded rejection with its reason, never a crash.
 */
import type { DecodeReason } from '../model.js';

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: DecodeReason };
