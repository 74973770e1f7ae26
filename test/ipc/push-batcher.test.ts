/** Pushes to the renderer are batched: a burst becomes a few frames, and nothing is lost or reordered. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventEmitter } from 'node:events';
import type { AppCore, CoreEvents } from '../../src-main/core/app-core-types.js';
import type { PushEvents, PushName } from '../../src-main/contract/app-api.js';
import type { MessageRecord, Problem } from '../../src-main/core/model.js';
import { createPushBatcher, type PushBatcher } from '../../src-main/core/api/push-batcher.js';

function fakeCore(): Pick<AppCore, 'on'> & {
  emit<E extends keyof CoreEvents>(e: E, ...a: Parameters<CoreEvents[E]>): void;
  listeners(): number;
} {
  const emitter = new EventEmitter();
  return {
    on(event, listener) {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    emit: (event, ...args) => emitter.emit(event, ...args),
    listeners: () => emitter.eventNames().reduce((n, e) => n + emitter.listenerCount(e), 0),
  };
}

const message = (id: number, over: Partial<MessageRecord> = {}): MessageRecord => ({
  id,
  receivedAt: 1_700_000_000_000 + id,
  source: '989102211824',
  destination: '9102211824',
  dataCoding: 0,
  plaintext: 'Arrival 08:31',
  outcome: 'recorded',
  reason: null,
  employeeName: null,
  eventId: id,
  flags: [],
  ackId: id,
  ackState: 'queued',
  ...over,
});

describe('push batcher', () => {
  let core: ReturnType<typeof fakeCore>;
  let sent: { name: PushName; payload: unknown }[];
  let batcher: PushBatcher;
  beforeEach(() => {
    vi.useFakeTimers();
    core = fakeCore();
    sent = [];
    batcher = createPushBatcher(
      core,
      <K extends PushName>(name: K, payload: PushEvents[K]) => sent.push({ name, payload }),
      { intervalMs: 100, maxItems: 500 },
    );
  });
  afterEach(() => {
    batcher.dispose();
    vi.useRealTimers();
  });

  it('sends nothing until the interval, then one frame per kind', () => {
    core.emit('connectionState', { kind: 'connecting', attempt: 1 });
    core.emit('connectionState', { kind: 'bound', since: 5 });
    for (let i = 1; i <= 50; i++) core.emit('message', message(i));
    core.emit('ackUpdate', { messageId: 1, ackId: 1, state: 'submitted', error: null });
    vi.advanceTimersByTime(99);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent.map((s) => s.name)).toEqual(['connectionState', 'messages', 'ackUpdates']);
    expect(sent[0]?.payload).toEqual({ kind: 'bound', since: 5 });
    expect((sent[1]?.payload as MessageRecord[]).map((m) => m.id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('a burst of 10 000 messages goes out in batches of at most 500, all of them, in order', () => {
    for (let i = 1; i <= 10_000; i++) core.emit('message', message(i));
    vi.advanceTimersByTime(100);
    const batches = sent.filter((s) => s.name === 'messages').map((s) => s.payload as MessageRecord[]);
    expect(batches.length).toBe(20);
    expect(Math.max(...batches.map((b) => b.length))).toBe(500);
    expect(batches.flat().map((m) => m.id)).toEqual(Array.from({ length: 10_000 }, (_, i) => i + 1));
  });

  it('keeps the latest version of a message and of an ack within a batch', () => {
    core.emit('message', message(7, { ackState: 'queued' }));
    core.emit('message', message(8));
    core.emit('message', message(7, { ackState: 'submitted' }));
    core.emit('ackUpdate', { messageId: 7, ackId: 7, state: 'submitted', error: null });
    core.emit('ackUpdate', { messageId: 7, ackId: 7, state: 'delivered', error: null });
    batcher.flush();
    expect((sent[0]?.payload as MessageRecord[]).map((m) => [m.id, m.ackState])).toEqual([
      [7, 'submitted'],
      [8, 'queued'],
    ]);
    expect(sent[1]).toEqual({
      name: 'ackUpdates',
      payload: [{ messageId: 7, ackId: 7, state: 'delivered', error: null }],
    });
  });

  it('remembers active problems until one of the same kind says it is over', () => {
    const diskFull = {
      code: 'messages-not-accepted',
      params: { cause: { code: 'disk-full', params: { sqlite: 'SQLITE_FULL' } } },
    } as const;
    core.emit('problem', { kind: 'storage', active: true, reason: diskFull });
    batcher.problem({ kind: 'settings', active: true, reason: { code: 'secrets-unreadable' } });
    expect(batcher.activeProblems().map((p) => p.reason.code)).toEqual(['messages-not-accepted', 'secrets-unreadable']);
    core.emit('problem', { kind: 'storage', active: false, reason: { code: 'storage-works-again' } });
    expect(batcher.activeProblems().map((p) => p.reason.code)).toEqual(['secrets-unreadable']);
    vi.advanceTimersByTime(100);
    expect(sent.filter((s) => s.name === 'problem').map((s) => (s.payload as Problem).reason.code)).toEqual([
      'messages-not-accepted',
      'secrets-unreadable',
      'storage-works-again',
    ]);
  });

  it('export progress is coalesced, and the final one is sent at once', () => {
    batcher.exportProgress({ rows: 1000, total: 5000, done: false });
    batcher.exportProgress({ rows: 2000, total: 5000, done: false });
    expect(sent).toEqual([]);
    batcher.exportProgress({ rows: 5000, total: 5000, done: true });
    expect(sent).toEqual([{ name: 'exportProgress', payload: { rows: 5000, total: 5000, done: true } }]);
  });

  it('dispose stops listening and sends nothing more', () => {
    core.emit('message', message(1));
    batcher.dispose();
    expect(core.listeners()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });
});
