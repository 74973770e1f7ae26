/**
 * What to record for a message's text: the verdict after decoding, opening, decrypting and parsing
 * (docs/protocol.md). Pure apart from the two look-ups it is given, so that it runs where the text
 * is: on the event loop for a message in one deliver_sm, and on the store's writer thread for the
 * last part of a long message, whose text exists only once the stored parts are assembled in the
 * same transaction (store/commit-jobs.ts).
 */
import { StorageError } from '../store/storage-error.js';
import type { RecordMessageInput } from '../store/record-message.js';
import { decodeMessageText } from '../protocol/data-coding.js';
import { openEnvelope } from '../protocol/envelope.js';
import { decryptEnvelopeBody } from '../protocol/cipher.js';
import { parseAttendanceText } from '../protocol/attendance-text.js';
import { buildAckText } from '../protocol/ack-text.js';
import { firstControlCharacter } from '../attendance/counted-time.js';

type Verdict = RecordMessageInput['verdict'];
type RejectReason = Extract<Verdict, { kind: 'rejected' }>['reason'];

/** Where a message came from and when: what every verdict is stored with. */
export interface MessageSubject {
  source: string;
  destination: string;
  esmClass: number;
  receivedAt: number;
  repeatWindowMs: number;
}

export interface JudgeKeys {
  /** The office's shared key. */
  officeKey: string;
  /**
   * The sender's own key, or null when it has none. A StorageError is passed on (the gateway keeps
   * the message and retries); any other error means the own key cannot be opened.
   */
  ownKey: () => string | null;
  /** Whether the sender gets an ack (a known employee, or unknown senders are answered). */
  answerSender: () => boolean;
  /** Told when the own key cannot be opened (the message is then rejected, never read with the shared key). */
  onOwnKeyUnreadable?: (error: Error) => void;
}

/** The record of a message with what is known of it so far. */
export function messageInput(
  subject: MessageSubject,
  raw: Uint8Array,
  dataCoding: number,
  envelope: string | null,
  plaintext: string | null,
  verdict: Verdict,
): RecordMessageInput {
  return {
    receivedAt: subject.receivedAt,
    source: subject.source,
    destination: subject.destination,
    dataCoding,
    esmClass: subject.esmClass,
    raw,
    envelope,
    plaintext,
    verdict,
    repeatWindowMs: subject.repeatWindowMs,
  };
}

export function judgeText(
  subject: MessageSubject,
  raw: Uint8Array,
  dataCoding: number,
  keys: JudgeKeys,
): RecordMessageInput {
  // What is known so far travels with every verdict: the envelope's body and the plaintext once found.
  let envelopeBody: string | null = null;
  let plaintext: string | null = null;
  const judged = (verdict: Verdict): RecordMessageInput =>
    messageInput(subject, raw, dataCoding, envelopeBody, plaintext, verdict);
  const rejected = (reason: RejectReason): RecordMessageInput => judged({ kind: 'rejected', reason });

  const decoded = decodeMessageText(raw, dataCoding);
  if (!decoded.ok) return rejected(decoded.reason);

  const envelope = openEnvelope(decoded.text);
  if (!envelope.ok) return rejected(envelope.reason);
  envelopeBody = envelope.body;

  let ownKey: string | null;
  try {
    ownKey = keys.ownKey();
  } catch (error) {
    if (error instanceof StorageError) throw error; // the database: the gateway keeps the message and retries
    // The sender has an own key that the data key cannot open (a database restored from another
    // computer, a lost or changed .datakey): never fall back to the shared key, which the own key
    // exists to refuse. The message is kept, rejected with the reason, until the key is set again.
    keys.onOwnKeyUnreadable?.(error as Error);
    return rejected({ code: 'own-key-unreadable' });
  }
  const key = ownKey ?? keys.officeKey;
  const opened = decryptEnvelopeBody(envelope.body, key);
  if (!opened.ok) return rejected(opened.reason);
  plaintext = opened.plaintext;

  // CR, LF, ESC and the like are never in what the phone's app writes: a forged or damaged text
  // is rejected (and so not acknowledged) before it can reach a view, a log or an export.
  const control = firstControlCharacter(opened.plaintext);
  if (control !== null) return rejected({ code: 'control-characters', params: { codePoint: control } });

  const parsed = parseAttendanceText(opened.plaintext, subject.receivedAt);
  if (!parsed.ok) return rejected(parsed.reason);

  return judged({
    kind: 'attendance',
    status: parsed.status,
    reportedTime: parsed.reportedTime,
    occurredAt: parsed.occurredAt,
    // Unknown numbers are recorded either way; the setting only decides whether they are answered.
    ackText: keys.answerSender() ? buildAckText(opened.plaintext, key) : null,
  });
}
