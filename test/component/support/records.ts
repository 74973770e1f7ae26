/** Message records for the tests, complete as the store returns them. */
import type { MessageRecord } from '../../../src-main/core/model.js';

export function messageRecord(id: number, overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    id,
    // 2025-11-25 08:31:00 in Tehran (UTC+03:30), the tests' time zone.
    receivedAt: Date.UTC(2025, 10, 25, 5, 1, 0) + id * 1000,
    source: '989102211824',
    destination: '9102211824',
    dataCoding: 0,
    plaintext: 'Arrival 08:31',
    outcome: 'recorded',
    reason: null,
    employeeName: 'Sara Ahmadi',
    eventId: id,
    ackId: id,
    ackState: 'queued',
    ...overrides,
  };
}
