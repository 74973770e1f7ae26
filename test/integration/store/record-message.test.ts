import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { attendance, EMPLOYEE, GATEWAY, storeFixture, type StoreFixture } from './store-fixture.js';
import { countEvents, countAcks } from '../../support/db-counts.js';

let f: StoreFixture;
afterEach(() => f?.cleanup());

const MIN = 60_000;

function rows<T>(f: StoreFixture, sql: string): T[] {
  const db = new Database(f.path, { readonly: true });
  try {
    return db.prepare<[], T>(sql).all();
  } finally {
    db.close();
  }
}

describe('recordMessage', () => {
  it('records an attendance message: message, event and queued ack in one go', () => {
    f = storeFixture();
    const store = f.open();
    const t = f.clock.now;
    const input = attendance(t, 'arrival', { source: '+98 910 221 1824', occurredAt: t - 5 * MIN });
    const result = store.recordMessage(input);

    expect(result.repeatOf).toBeNull();
    expect(result.eventId).not.toBeNull();
    expect(result.ackId).not.toBeNull();
    expect(result.message).toMatchObject({
      outcome: 'recorded',
      source: '+98 910 221 1824',
      ackState: 'queued',
      eventId: result.eventId,
      reason: null,
    });

    const [event] = rows<{
      phone: string;
      at: number;
      occurred_at: number;
      received_at: number;
      reported_time: string;
      message_id: number;
    }>(f, 'SELECT * FROM events');
    expect(event).toMatchObject({
      phone: EMPLOYEE,
      at: t - 5 * MIN,
      occurred_at: t - 5 * MIN,
      received_at: t,
      reported_time: ' 08:31',
      message_id: result.message.id,
    });
    const [ack] = rows<Record<string, unknown>>(f, 'SELECT * FROM acks');
    expect(ack).toMatchObject({
      state: 'queued',
      next_attempt_at: t,
      destination: '+98 910 221 1824',
      source: GATEWAY,
      attempts: 0,
      text: input.verdict.kind === 'attendance' ? input.verdict.ackText : '',
    });
    const [message] = rows<{ source: string; raw: Buffer; envelope: string }>(f, 'SELECT * FROM messages');
    expect(message!.source).toBe('+98 910 221 1824');
    expect(Buffer.compare(message!.raw, Buffer.from(input.raw))).toBe(0);
  });

  it('uses the received time for `at` when the reported time did not parse', () => {
    f = storeFixture();
    const store = f.open();
    store.recordMessage(attendance(f.clock.now, 'exit', { occurredAt: null, reportedTime: ' soon' }));
    expect(rows(f, 'SELECT at, occurred_at FROM events')).toEqual([{ at: f.clock.now, occurred_at: null }]);
  });

  it('a resend inside the window is a repeat of the first: no new event, but a new ack', () => {
    f = storeFixture();
    const store = f.open();
    const t = f.clock.now;
    const first = store.recordMessage(attendance(t, 'arrival', { envelope: 'SAME' }));
    const second = store.recordMessage(attendance(t + 4 * MIN, 'arrival', { envelope: 'SAME' }));
    // 8 minutes after the first but 4 after the second: the resends form one chain.
    const third = store.recordMessage(
      attendance(t + 8 * MIN, 'arrival', { envelope: 'SAME', repeatWindowMs: 5 * MIN }),
    );

    for (const repeat of [second, third]) {
      expect(repeat.message.outcome).toBe('repeat');
      expect(repeat.repeatOf).toBe(first.message.id);
      expect(repeat.eventId).toBeNull();
      expect(repeat.ackId).not.toBeNull();
    }
    expect(countEvents(store)).toBe(1);
    expect(countAcks(store)).toBe(3);
    expect(rows(f, 'SELECT repeat_of FROM messages ORDER BY id')).toEqual([
      { repeat_of: null },
      { repeat_of: first.message.id },
      { repeat_of: first.message.id },
    ]);
  });

  it('the same ciphertext after the window, or from another number, is a new event', () => {
    f = storeFixture();
    const store = f.open();
    const t = f.clock.now;
    store.recordMessage(attendance(t, 'arrival', { envelope: 'SAME', repeatWindowMs: 10 * MIN }));
    const later = store.recordMessage(
      attendance(t + 10 * MIN + 1, 'arrival', { envelope: 'SAME', repeatWindowMs: 10 * MIN }),
    );
    const other = store.recordMessage(
      attendance(t + 10 * MIN + 2, 'arrival', { envelope: 'SAME', source: '989120000000' }),
    );
    expect(later.message.outcome).toBe('recorded');
    expect(other.message.outcome).toBe('recorded');
    expect(countEvents(store)).toBe(3);
  });

  it('a window of 0 turns the window off, but a redelivery of a recorded event stays one event', () => {
    f = storeFixture();
    const store = f.open();
    const t = f.clock.now;
    const first = store.recordMessage(attendance(t, 'arrival', { envelope: 'SAME', occurredAt: t, repeatWindowMs: 0 }));
    // The gateway delivers the same message again a day later (no deliver_sm_resp reached it): same reported instant.
    const redelivered = store.recordMessage(
      attendance(t + 24 * 60 * MIN, 'arrival', { envelope: 'SAME', occurredAt: t, repeatWindowMs: 0 }),
    );
    expect(redelivered).toMatchObject({ eventId: null, repeatOf: first.message.id, message: { outcome: 'repeat' } });
    expect(redelivered.ackId).not.toBeNull();
    // The same ciphertext resolving to another instant (a bare time on another day) is a new event.
    const nextDay = store.recordMessage(
      attendance(t + 24 * 60 * MIN, 'arrival', { envelope: 'SAME', occurredAt: t + 24 * 60 * MIN, repeatWindowMs: 0 }),
    );
    expect(nextDay.message.outcome).toBe('recorded');
    expect(countEvents(store)).toBe(2);
  });

  it('ignored and rejected messages get a message row only', () => {
    f = storeFixture();
    const store = f.open();
    const base = attendance(f.clock.now, 'arrival');
    const ignored = store.recordMessage({
      ...base,
      envelope: null,
      plaintext: null,
      verdict: { kind: 'ignored', reason: { code: 'ignored-number' } },
    });
    const rejected = store.recordMessage({
      ...base,
      plaintext: null,
      verdict: { kind: 'rejected', reason: { code: 'wrong-key' } },
    });
    expect(ignored).toMatchObject({
      eventId: null,
      ackId: null,
      repeatOf: null,
      message: { outcome: 'ignored', reason: { code: 'ignored-number' }, ackState: null },
    });
    expect(rejected.message).toMatchObject({ outcome: 'rejected', reason: { code: 'wrong-key' } });
    expect(store.getMessage(rejected.message.id)?.reason).toEqual({ code: 'wrong-key' });
    expect(countEvents(store)).toBe(0);
    expect(countAcks(store)).toBe(0);
    // A rejected copy does not make the next good one a repeat.
    expect(store.recordMessage(base).message.outcome).toBe('recorded');
  });

  it('links the event to the employee with that number, and names the sender in the log', () => {
    f = storeFixture();
    const store = f.open();
    const sara = store.addEmployee({ phone: '09102211824', name: 'سارا احمدی', department: 'Sales' });
    const result = store.recordMessage(attendance(f.clock.now, 'arrival'));
    expect(result.message.employeeName).toBe('سارا احمدی');
    expect(rows(f, 'SELECT employee_id FROM events')).toEqual([{ employee_id: sara.id }]);
    const rejected = store.recordMessage({
      ...attendance(f.clock.now, 'arrival'),
      verdict: { kind: 'rejected', reason: { code: 'unknown-status' } },
    });
    expect(store.getMessage(rejected.message.id)?.employeeName).toBe('سارا احمدی');
  });

  it('adding an employee later links their earlier events and removes them from unknown senders', () => {
    f = storeFixture();
    const store = f.open();
    store.recordMessage(attendance(f.clock.now, 'arrival'));
    store.recordMessage(attendance(f.clock.now + MIN, 'exit'));
    store.recordMessage(attendance(f.clock.now + 2 * MIN, 'arrival', { source: '11111' }));
    expect(store.unknownSenders()).toEqual([
      { phone: '11111', messages: 1, lastAt: f.clock.now + 2 * MIN },
      { phone: EMPLOYEE, messages: 2, lastAt: f.clock.now + MIN },
    ]);
    const sara = store.addEmployee({ phone: '+989102211824', name: 'Sara', department: '' });
    expect(rows(f, 'SELECT DISTINCT employee_id FROM events WHERE phone = ' + `'${EMPLOYEE}'`)).toEqual([
      { employee_id: sara.id },
    ]);
    expect(store.unknownSenders().map((u) => u.phone)).toEqual(['11111']);
  });
});

describe('message log', () => {
  it('pages newest first by id with totals per outcome, and shows details', () => {
    f = storeFixture();
    const store = f.open();
    const ids: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const input = attendance(f.clock.now + i * MIN, i % 2 ? 'exit' : 'arrival');
      const verdict =
        i % 3 === 2
          ? ({ kind: 'rejected', reason: { code: 'odd-ucs2-length', params: { length: i } } } as const)
          : input.verdict;
      ids.push(store.recordMessage({ ...input, verdict }).message.id);
    }
    const first = store.listMessages({ limit: 3 });
    expect(first.rows.map((r) => r.id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(first.total).toBe(7);
    const next = store.listMessages({ limit: 3, beforeId: first.rows[2]!.id });
    expect(next.rows.map((r) => r.id)).toEqual([ids[3], ids[2], ids[1]]);
    const rejected = store.listMessages({ limit: 10, outcome: 'rejected' });
    expect(rejected.rows.map((r) => r.reason)).toEqual([
      { code: 'odd-ucs2-length', params: { length: 5 } },
      { code: 'odd-ucs2-length', params: { length: 2 } },
    ]);
    expect(rejected.total).toBe(2);

    // Cached totals follow this connection's inserts and other connections' commits.
    store.recordMessage({
      ...attendance(f.clock.now + 9 * MIN, 'exit'),
      verdict: { kind: 'rejected', reason: { code: 'odd-ucs2-length', params: { length: 9 } } },
    });
    expect(store.listMessages({ limit: 1, outcome: 'rejected' }).total).toBe(3);
    const other = new Database(f.path);
    other
      .prepare(
        "INSERT INTO messages (received_at, source, destination, data_coding, raw, outcome, reason) VALUES (1, 'x', 'y', 0, x'00', 'rejected', 'other')",
      )
      .run();
    other.close();
    expect(store.listMessages({ limit: 1, outcome: 'rejected' }).total).toBe(4);
    // A reason in words and no code (written before reasons were codes) reads back as it was.
    expect(store.listMessages({ limit: 1, outcome: 'rejected' }).rows[0]?.reason).toEqual({
      code: 'legacy-text',
      params: { text: 'other' },
    });
    expect(store.listMessages({ limit: 1 }).total).toBe(9);

    const detail = store.getMessage(ids[0]!);
    expect(detail).toMatchObject({
      id: ids[0],
      outcome: 'recorded',
      envelope: `cipher-arrival-${f.clock.now}`,
      ackText: `$$ack-cipher-arrival-${f.clock.now}$$`,
      ackError: null,
      smscMessageId: null,
      ackState: 'queued',
    });
    expect(Buffer.from(detail!.rawHex, 'hex').toString()).toBe(`$$cipher-arrival-${f.clock.now}$$`);
    expect(store.getMessage(9999)).toBeNull();
    expect(store.getMessage(9999)).toBeNull();
  });
});
