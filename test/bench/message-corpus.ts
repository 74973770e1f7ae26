/**
 * The messages the load SMSC sends: encrypted exactly as the phones do (test/support/phone.ts),
 * encoded as whole deliver_sm PDUs before the clock starts, so that sending costs one
 * `socket.write` per message. Each message is unique (its own seconds-exact time text), so every
 * one is recorded, none is a repeat, and each expected ack text identifies its message.
 */
import { deliverSm } from '../support/smpp-wire.js';
import { expectedAckText, gsmEnvelopeOctets, phoneMessage } from '../support/phone.js';

export const GATEWAY_NUMBER = '9102211824';

/**
 * Employee k's phone, normalised international: 98 912 and seven digits, spread over the range as
 * real numbers are (k -> k * 7,654,321 + 1,234,567 mod 10^7 is one-to-one), so that typing the first
 * digits of a number narrows the search as it does in an office.
 */
export function employeePhone(k: number): string {
  return `98912${String((k * 7_654_321 + 1_234_567) % 10_000_000).padStart(7, '0')}`;
}

export interface CorpusOptions {
  count: number;
  /** Messages are spread over this many senders (employees 0..senders-1). */
  senders: number;
  /** sequence_number of message i is `firstSequence + i`; distinct ranges keep runs apart. */
  firstSequence: number;
  /** Message i reports the time `baseMs + i` seconds (local time text). */
  baseMs: number;
}

export interface MessageCorpus {
  readonly options: CorpusOptions;
  /** Whole deliver_sm PDUs, ready to write. */
  readonly pdus: Buffer[];
  /** The ack short_message octets (GSM 03.38) of message i. */
  readonly ackOctets: Buffer[];
  /** latin1 of an ack's short_message -> message index. */
  readonly indexOfAck: Map<string, number>;
}

export function buildCorpus(options: CorpusOptions): MessageCorpus {
  const pdus: Buffer[] = [];
  const ackOctets: Buffer[] = [];
  const indexOfAck = new Map<string, number>();
  for (let i = 0; i < options.count; i++) {
    const plaintext = `${i % 2 === 0 ? 'Arrival' : 'Exit'} ${localTimeText(options.baseMs + i * 1000)}`;
    const message = phoneMessage(plaintext);
    pdus.push(
      deliverSm(options.firstSequence + i, {
        source: employeePhone(i % options.senders),
        destination: GATEWAY_NUMBER,
        dataCoding: message.dataCoding,
        shortMessage: message.shortMessage,
      }),
    );
    const ack = gsmEnvelopeOctets(expectedAckText(plaintext));
    ackOctets.push(ack);
    indexOfAck.set(ack.toString('latin1'), i);
  }
  return { options, pdus, ackOctets, indexOfAck };
}

/** `2026-11-25 08:31:07` in the process's time zone, as the phone app writes it. */
export function localTimeText(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
