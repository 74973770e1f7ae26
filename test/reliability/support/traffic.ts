/**
 * Attendance traffic for the reliability scenarios: many distinct, valid, encrypted messages from
 * many phones, each with the ack text the phone expects back. Every message is identified by its
 * `key` (phone + plaintext), which is what "exactly once" is checked against.
 */
import type { ShortMessageFields } from '../../support/smpp-wire.js';
import { expectedAckText, phoneMessage, type Coding } from '../../support/phone.js';

export const GATEWAY_NUMBER = '9102211824';

export interface TrafficMessage {
  key: string;
  phone: string;
  plaintext: string;
  status: 'arrival' | 'exit';
  /** The text after the status word, as the events table keeps it. */
  reportedTime: string;
  fields: ShortMessageFields;
  /** The ack text (`$$...$$`) the phone expects for this plaintext. */
  ackText: string;
}

/** Valid Iranian mobile numbers in international form: 98912 0000000, 98912 0000001, ... */
export function phoneNumbers(count: number, first = 0): string[] {
  return Array.from({ length: count }, (_, i) => `98912${String(first + i).padStart(7, '0')}`);
}

const CODINGS: readonly Coding[] = [0, 0, 0, 3, 8];

/**
 * `count` distinct messages spread round-robin over `phones` numbers. Each phone alternates
 * `Arrival` and `Exit`, one minute and some seconds apart, starting 2026-11-25 08:00:00, so every
 * plaintext is unique per phone and carries a full date (it parses to one instant).
 */
export function attendanceTraffic(
  count: number,
  opts: { phones?: number; firstPhone?: number; dataCodings?: readonly Coding[] } = {},
): TrafficMessage[] {
  const phones = phoneNumbers(opts.phones ?? 50, opts.firstPhone ?? 0);
  const codings = opts.dataCodings ?? CODINGS;
  const start = Date.UTC(2026, 10, 25, 8, 0, 0);
  return Array.from({ length: count }, (_, i) => {
    const phone = phones[i % phones.length]!;
    const n = Math.floor(i / phones.length);
    const status = n % 2 === 0 ? 'arrival' : 'exit';
    // Formatted from UTC fields: the text is what matters here, not a time zone.
    const at = new Date(start + n * 61_000 + (i % 7) * 1_000);
    const reportedTime = ` ${at.toISOString().slice(0, 10)} ${at.toISOString().slice(11, 19)}`;
    const plaintext = `${status === 'arrival' ? 'Arrival' : 'Exit'}${reportedTime}`;
    const { shortMessage, dataCoding } = phoneMessage(plaintext, { dataCoding: codings[i % codings.length]! });
    return {
      key: `${phone}|${plaintext}`,
      phone,
      plaintext,
      status,
      reportedTime,
      fields: { source: phone, destination: GATEWAY_NUMBER, dataCoding, shortMessage },
      ackText: expectedAckText(plaintext),
    };
  });
}

/** Counts from the environment: CI-sized by default, bigger with RELIABILITY_SCALE=full. */
export function scaled(ci: number, full: number): number {
  return process.env.RELIABILITY_SCALE === 'full' ? full : ci;
}

export const FULL_SCALE = process.env.RELIABILITY_SCALE === 'full';
