/**
 * The app's own connection history in a real SQLite file: intervals per state, closed on a clean
 * stop, and after a crash closed on the next start at the last sign of life (heartbeat or the
 * last committed message). `held` is decided from it: not bound at the reported time, and never
 * for a time before the history began.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { attendance, storeFixture, tehran, type StoreFixture } from './store-fixture.js';

let f: StoreFixture;
afterEach(() => f?.cleanup());

const MIN = 60_000;

describe('connection history', () => {
  it('repairs the interval a crash left open at the last sign of life, and tells held from late by it', () => {
    f = storeFixture();
    const t0 = tehran('2026-11-29T07:00:00');
    let store = f.open();
    store.addEmployee({ phone: '09102211824', name: 'Sara', department: '' });
    store.connectionHistoryStart(t0);
    store.connectionHistoryChange('bound', t0 + MIN);
    store.connectionHistoryHeartbeat(t0 + 10 * MIN);
    store.recordMessage(attendance(t0 + 12 * MIN, 'arrival', { occurredAt: t0 + 12 * MIN, reportedTime: ' 07:12' }));
    store.close(); // a crash: the bound interval is never closed

    store = f.open();
    const restart = t0 + 90 * MIN; // 08:30
    store.connectionHistoryStart(restart);
    store.connectionHistoryChange('bound', restart);
    expect(store.connectionIntervals(0, Number.MAX_SAFE_INTEGER)).toEqual([
      { state: 'not_bound', from: t0, to: t0 + MIN },
      { state: 'bound', from: t0 + MIN, to: t0 + 12 * MIN }, // ended at the last message, after the last heartbeat
      { state: 'not_bound', from: restart, to: restart },
      { state: 'bound', from: restart, to: null },
    ]);
    // 08:00 fell between the crash and the restart: the app was not bound, so the report is believed.
    const held = store.recordMessage(
      attendance(restart + MIN, 'arrival', { occurredAt: tehran('2026-11-29T08:00:00'), reportedTime: ' 08:00' }),
    );
    // 07:05 the app was bound: a late report, counted at receipt.
    const late = store.recordMessage(
      attendance(restart + 2 * MIN, 'exit', { occurredAt: tehran('2026-11-29T07:05:00'), reportedTime: ' 07:05' }),
    );
    // 06:00 is before the history began: not known to be unbound, so late.
    const before = store.recordMessage(
      attendance(restart + 3 * MIN, 'exit', { occurredAt: tehran('2026-11-29T06:00:00'), reportedTime: ' 06:00' }),
    );
    expect([held, late, before].map((r) => r.message.flags)).toEqual([['held'], ['late_report'], ['late_report']]);
    store.connectionHistoryStop(restart + 5 * MIN);
    store.close();

    const db = new Database(f.path, { readonly: true });
    try {
      expect(db.prepare('SELECT at FROM events WHERE id = ?').pluck().get(held.eventId)).toBe(
        tehran('2026-11-29T08:00:00'),
      );
      expect(db.prepare('SELECT at FROM events WHERE id = ?').pluck().get(late.eventId)).toBe(restart + 2 * MIN);
      expect(db.prepare('SELECT COUNT(*) FROM connection_history WHERE to_at IS NULL').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
