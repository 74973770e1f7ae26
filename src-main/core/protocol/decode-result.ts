/**
 * Outcome of turning wire octets into text. A tagged union rather than an exception so that an
 * undecodable message becomes a recorded rejection with its reason, never a crash.
 */
export type DecodeResult = { ok: true; text: string } | { ok: false; reason: string };
