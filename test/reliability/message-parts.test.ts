/**
 * The stored parts of long messages (src-main/core/store/message-parts.ts) on a real SQLite file:
 * any arrival order, identical copies, conflicting copies, a part delivered again after its
 * message was assembled, and giving up stale sets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { migrate } from '../../src-main/core/store/migrate.js';
import { migrations } from '../../src-main/core/store/migrations/index.js';
import { MessageParts, type PartInput } from '../../src-main/core/store/message-parts.js';
import { tempDir } from '../support/core-harness.js';

describe('message parts in the database', () => {
  const tmp = tempDir('reliability-parts-store-');
  let db: Database.Database | null = null;
  afterEach(() => {
    db?.close();
    db = null;
  });

  let n = 0;
  function open(): { db: Database.Database; parts: MessageParts; recordMessage: () => number } {
    db = new Database(join(tmp.dir, `parts-${++n}.db`));
    migrate(db, migrations);
    const insert = db.prepare(
      "INSERT INTO messages (received_at, source, destination, data_coding, raw, outcome) VALUES (0, 's', 'd', 0, x'', 'recorded')",
    );
    return { db, parts: new MessageParts(db), recordMessage: () => Number(insert.run().lastInsertRowid) };
  }

  const part = (seq: number, text: string, extra: Partial<PartInput> = {}): PartInput => ({
    source: '989121112233',
    destination: '9102211824',
    ref: 7,
    total: 3,
    seq,
    dataCoding: 0,
    esmClass: 0x40,
    body: Buffer.from(text),
    receivedAt: 1_000 + seq,
    ...extra,
  });

  it('completes a set in any order, storing identical copies once', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray([1, 2, 3], { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 1 }),
        (order, dupAt) => {
          const { db, parts } = open();
          const texts = ['aa', 'bb', 'cc'];
          const add = (seq: number) => parts.add(part(seq, texts[seq - 1]!), 16);
          expect(add(order[0]!)).toEqual({ kind: 'held', received: 1, total: 3 });
          expect(add(order[1]!)).toEqual({ kind: 'held', received: 2, total: 3 });
          // The gateway delivers one of them again before the set is complete: held, stored once.
          expect(add(order[dupAt]!)).toEqual({ kind: 'held', received: 2, total: 3 });
          const last = add(order[2]!);
          expect(last).toMatchObject({ kind: 'complete', parts: 3, again: false, set: { ref: 7, total: 3 } });
          if (last.kind === 'complete') expect(last.body.toString()).toBe('aabbcc');
          expect((db.prepare('SELECT count(*) AS n FROM message_parts').get() as { n: number }).n).toBe(3);
        },
      ),
      { seed: 3, numRuns: 30 },
    );
  });

  it('refuses a conflicting copy, a conflicting data_coding and too many parts', () => {
    const { parts } = open();
    expect(parts.add(part(1, 'aa'), 16).kind).toBe('held');
    expect(parts.add(part(1, 'XX'), 16)).toEqual({
      kind: 'invalid',
      reason: { code: 'part-differs', params: { seq: 1, total: 3 } },
    });
    expect(parts.add(part(2, 'bb', { dataCoding: 8 }), 16)).toMatchObject({
      kind: 'invalid',
      reason: { code: 'parts-coding-conflict', params: { dataCoding: 0x08 } },
    });
    expect(parts.add(part(1, 'aa', { total: 200, ref: 9 }), 16)).toEqual({
      kind: 'invalid',
      reason: { code: 'parts-over-limit', params: { total: 200, limit: 16 } },
    });
  });

  it('a part delivered again after its message was assembled yields that message again, not a new set', () => {
    const { db, parts, recordMessage } = open();
    parts.add(part(1, 'aa'), 16);
    parts.add(part(2, 'bb'), 16);
    const done = parts.add(part(3, 'cc'), 16);
    expect(done.kind).toBe('complete');
    if (done.kind !== 'complete') return;
    parts.consume(done.set!, recordMessage());
    expect(parts.add(part(3, 'cc'), 16)).toMatchObject({ kind: 'complete', again: true, parts: 3 });
    expect(
      (db.prepare('SELECT count(*) AS n FROM message_parts WHERE message_id IS NULL').get() as { n: number }).n,
    ).toBe(0);
    // A new message that reuses the reference (different text) starts a new set.
    expect(parts.add(part(1, 'zz'), 16)).toEqual({ kind: 'held', received: 1, total: 3 });
  });

  it('gives up sets whose newest part is older than the limit, with what arrived', () => {
    const { parts, recordMessage } = open();
    parts.add(part(1, 'aa', { receivedAt: 100 }), 16);
    parts.add(part(3, 'cc', { receivedAt: 200 }), 16);
    parts.add(part(1, 'xx', { ref: 8, receivedAt: 900 }), 16);
    expect(parts.stale(200)).toEqual([]);
    const stale = parts.stale(201);
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({
      set: { ref: 7, total: 3 },
      destination: '9102211824',
      received: 2,
      esmClass: 0x40,
    });
    expect(stale[0]!.body.toString()).toBe('aacc');
    parts.consume(stale[0]!.set, recordMessage());
    expect(parts.stale(201)).toEqual([]);
    expect(parts.purgeUsed(150)).toBe(1);
    expect(parts.purgeUsed(1_000)).toBe(1);
  });
});
