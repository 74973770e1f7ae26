/**
 * Arrivals and exits as the pipeline hands them to the store, for the UI tests to put in place
 * without an SMSC (the message's bytes are not read by any view).
 */
import type { RecordMessageInput } from '../../../src-main/core/store/attendance-store.js';

/** A phone's clock as an Arrival / Exit text carries it: ` HH:MM` in this process's time zone. */
export function clockText(ms: number): string {
  const d = new Date(ms);
  return ` ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/**
 * `source` (international digits) sent `status` with `reportedTime` (by default the clock at
 * `receivedAt`), counted at `occurredAt` (by default the minute of `receivedAt`; null: a time the
 * parser did not understand).
 */
export function punchMessage(
  source: string,
  status: 'arrival' | 'exit',
  receivedAt: number,
  reportedTime: string = clockText(receivedAt),
  occurredAt: number | null = Math.floor(receivedAt / 60_000) * 60_000,
): RecordMessageInput {
  const envelope = `cipher-${source}-${receivedAt}-${status}-${reportedTime}`;
  return {
    receivedAt,
    source,
    destination: '9102211824',
    dataCoding: 0,
    esmClass: 0,
    raw: Buffer.from(`$$${envelope}$$`),
    envelope,
    plaintext: `${status === 'arrival' ? 'Arrival' : 'Exit'}${reportedTime}`,
    verdict: { kind: 'attendance', status, reportedTime, occurredAt, ackText: '$$ack$$' },
    repeatWindowMs: 0,
  };
}
