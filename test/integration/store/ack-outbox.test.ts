import { afterEach, describe, expect, it } from 'vitest';
import { attendance, storeFixture, type StoreFixture } from './store-fixture.js';
import { countAcks } from '../../support/db-counts.js';

let f: StoreFixture;
afterEach(() => f?.cleanup());

describe('ack outbox', () => {
  it('hands out due acks by id and moves them through retry, submit and failure', () => {
    f = storeFixture();
    const store = f.open();
    const t = f.clock.now;
    const a = store.recordMessage(attendance(t, 'arrival')).ackId!;
    const b = store.recordMessage(attendance(t + 1, 'exit')).ackId!;
    const c = store.recordMessage(attendance(t + 2, 'arrival', { source: '989120000000' })).ackId!;

    expect(store.dueAcks(t, 10).map((x) => x.id)).toEqual([a]);
    expect(store.dueAcks(t + 2, 2).map((x) => x.id)).toEqual([a, b]);
    expect(store.dueAcks(t + 2, 10)[0]).toMatchObject({
      id: a,
      source: '9102211824',
      destination: '989102211824',
      attempts: 0,
      text: `$$ack-cipher-arrival-${t}$$`,
    });
    expect(store.nextAckDueAt()).toBe(t);

    store.markAckRetry(a, { code: 'ack-refused', params: { status: 'ESME_RTHROTTLED' } }, t + 30_000);
    expect(store.dueAcks(t + 2, 10).map((x) => x.id)).toEqual([b, c]);
    expect(store.dueAcks(t + 30_000, 10).find((x) => x.id === a)?.attempts).toBe(1);
    expect(countAcks(store, 'queued')).toBe(3);

    store.markAckSubmitted(b, 'abc123', t + 3);
    store.markAckFailed(c, { code: 'ack-refused', params: { status: 'ESME_RINVDSTADR' } }, t + 4);
    expect(countAcks(store, 'submitted')).toBe(1);
    expect(countAcks(store, 'failed')).toBe(1);
    expect(store.nextAckDueAt()).toBe(t + 30_000);
    // Leaving a state is named: a failed ack is not submitted afterwards.
    store.markAckSubmitted(c, 'zzz', t + 5);
    expect(countAcks(store, 'failed')).toBe(1);

    const detail = store.getMessage(store.dueAcks(t + 30_000, 10)[0]!.messageId);
    expect(detail).toMatchObject({
      ackState: 'queued',
      ackError: { code: 'ack-refused', params: { status: 'ESME_RTHROTTLED' } },
    });
    store.markAckSubmitted(a, 'x', t + 30_001);
    expect(store.nextAckDueAt()).toBeNull();
    expect(countAcks(store)).toBe(3);
  });

  it('applies delivery receipts by any candidate spelling of the id, once', () => {
    f = storeFixture();
    const store = f.open();
    const t = f.clock.now;
    const r1 = store.recordMessage(attendance(t, 'arrival'));
    const r2 = store.recordMessage(attendance(t + 1, 'exit'));
    store.markAckSubmitted(r1.ackId!, '1A2B', t + 10); // hex, upper case, as some SMSCs write it
    store.markAckSubmitted(r2.ackId!, '4242', t + 10);

    // The receipt says 6699 (decimal of 0x1a2b); the candidates include the lower-case hex.
    expect(store.applyDeliveryReceipt(['6699', '1a2b'], 'delivered', t + 20)).toEqual({
      ackId: r1.ackId,
      messageId: r1.message.id,
      state: 'delivered',
    });
    expect(store.applyDeliveryReceipt(['6699', '1a2b'], 'delivered', t + 21)).toBeNull(); // idempotent
    const undelivered = { code: 'receipt-failed', params: { stat: 'UNDELIV' } } as const;
    expect(store.applyDeliveryReceipt(['4242', '1092'], 'failed', t + 22, undelivered)).toEqual({
      ackId: r2.ackId,
      messageId: r2.message.id,
      state: 'failed',
    });
    expect(store.applyDeliveryReceipt(['4242'], 'delivered', t + 23)).toBeNull(); // failed stays failed
    expect(store.applyDeliveryReceipt(['nope'], 'delivered', t + 23)).toBeNull();
    expect(store.applyDeliveryReceipt([], 'delivered', t + 23)).toBeNull();
    expect(store.getMessage(r1.message.id)).toMatchObject({ ackState: 'delivered', smscMessageId: '1A2B' });
    expect(store.getMessage(r2.message.id)?.ackState).toBe('failed');
    expect(store.getMessage(r2.message.id)?.ackError).toEqual(undelivered);
  });

  it('a queued ack is not moved by a receipt', () => {
    f = storeFixture();
    const store = f.open();
    const r = store.recordMessage(attendance(f.clock.now, 'arrival'));
    store.markAckRetry(
      r.ackId!,
      { code: 'no-response', params: { command: 'submit_sm', seconds: 10 } },
      f.clock.now + 1000,
    );
    expect(store.applyDeliveryReceipt(['1'], 'delivered', f.clock.now)).toBeNull();
    expect(countAcks(store, 'queued')).toBe(1);
  });
});
