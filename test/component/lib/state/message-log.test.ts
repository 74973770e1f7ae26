// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { MessageLog } from '../../../../src-renderer/lib/state/message-log.svelte.js';
import { createFakeApi } from '../../support/fake-api.js';
import { messageDatabase, messageRecord } from '../../support/records.js';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('MessageLog', () => {
  it('pages backwards by id and stops at the oldest row', async () => {
    const db = messageDatabase(25);
    const api = createFakeApi({ listMessages: db.listMessages });
    const log = new MessageLog({ pageSize: 10 });
    log.start(api);
    await settle();
    expect(log.rows.map((r) => r.id)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    await log.loadOlder();
    await log.loadOlder();
    expect(log.rows.at(-1)?.id).toBe(1);
    expect(log.reachedEnd).toBe(true);
    expect(db.queries.map((q) => q.beforeId)).toEqual([undefined, 16, 6]);
  });

  it('prepends pushed rows newest first, replaces rows it holds, and counts unseen ones when scrolled away', async () => {
    const db = messageDatabase(5);
    const api = createFakeApi({ listMessages: db.listMessages });
    const log = new MessageLog({ pageSize: 10 });
    const shifts: number[] = [];
    log.onShift = (d) => shifts.push(d);
    log.start(api);
    await settle();
    api.push('messages', [messageRecord(6), messageRecord(7)]);
    expect(log.rows.map((r) => r.id)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(log.unseen).toBe(0);
    log.atTop = false;
    api.push('messages', [messageRecord(8), messageRecord(3, { ackState: 'delivered' })]);
    expect(log.rows.map((r) => r.id)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(log.rows.find((r) => r.id === 3)?.ackState).toBe('delivered');
    expect(log.unseen).toBe(1);
    expect(log.total).toBe(8);
    expect(shifts).toEqual([2, 1]);
  });

  it('patches ack states from onAckUpdates', async () => {
    const api = createFakeApi({ listMessages: messageDatabase(3).listMessages });
    const log = new MessageLog();
    log.start(api);
    await settle();
    const before = log.rows;
    api.push('ackUpdates', [{ messageId: 2, ackId: 2, state: 'submitted', error: null }]);
    expect(log.rows.find((r) => r.id === 2)?.ackState).toBe('submitted');
    expect(log.rows.find((r) => r.id === 1)).toBe(before.find((r) => r.id === 1));
    api.push('ackUpdates', [
      { messageId: 99, ackId: 99, state: 'failed', error: { code: 'receipt-failed', params: { stat: 'UNDELIV' } } },
    ]);
    expect(log.rows).toBe(log.rows);
  });

  it('holds at most `cap` rows: drops the oldest at the top, the newest when paging far back', async () => {
    const db = messageDatabase(100);
    const api = createFakeApi({ listMessages: db.listMessages });
    const log = new MessageLog({ cap: 30, pageSize: 20 });
    const shifts: number[] = [];
    log.onShift = (d) => shifts.push(d);
    log.start(api);
    await settle();
    await log.loadOlder();
    expect(log.rows).toHaveLength(30);
    expect(log.rows[0]?.id).toBe(90);
    expect(log.newerDropped).toBe(true);
    expect(shifts).toEqual([-10]);
    // While the top is not held, new rows wait (and are counted) instead of being prepended.
    api.push('messages', [messageRecord(101)]);
    expect(log.rows[0]?.id).toBe(90);
    expect(log.unseen).toBe(1);
    await log.reload();
    expect(log.rows[0]?.id).toBe(100);
    expect(log.newerDropped).toBe(false);
    api.push(
      'messages',
      Array.from({ length: 15 }, (_, i) => messageRecord(101 + i)),
    );
    expect(log.rows).toHaveLength(30);
    expect(log.rows[0]?.id).toBe(115);
    expect(log.reachedEnd).toBe(false);
  });

  it('filters by outcome, in the query and for pushed rows', async () => {
    const db = messageDatabase(10, (id) => (id % 2 === 0 ? 'rejected' : 'recorded'));
    const api = createFakeApi({ listMessages: db.listMessages });
    const log = new MessageLog();
    log.start(api);
    log.setOutcome('rejected');
    await settle();
    expect(log.rows.map((r) => r.id)).toEqual([10, 8, 6, 4, 2]);
    api.push('messages', [messageRecord(11, { outcome: 'recorded' }), messageRecord(12, { outcome: 'rejected' })]);
    expect(log.rows.map((r) => r.id)).toEqual([12, 10, 8, 6, 4, 2]);
    expect(db.queries.at(-1)).toMatchObject({ outcome: 'rejected' });
  });
});
