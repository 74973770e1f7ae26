import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { attendance, storeFixture, tehran, type StoreFixture } from './store-fixture.js';
import type { AttendanceStore } from '../../../src-main/core/store/attendance-store.js';
import { countEvents } from '../../support/db-counts.js';

let f: StoreFixture;
afterEach(() => f?.cleanup());

const SARA = '989102211824';
const REZA = '989121234567';
const STRANGER = '989351112233';
const H = 3_600_000;

function seed(store: AttendanceStore): void {
  store.addEmployee({ phone: SARA, name: 'سارا احمدی', department: 'فروش' });
  store.addEmployee({ phone: REZA, name: 'Reza Karimi', department: 'IT' });
  const at = (iso: string, status: 'arrival' | 'exit', source: string): void => {
    store.recordMessage(
      attendance(tehran(iso) + 1, status, { source, occurredAt: tehran(iso), envelope: `${source}-${iso}-${status}` }),
    );
  };
  // Yesterday: Sara 08:00-16:00.
  at('2026-11-24T08:00:00', 'arrival', SARA);
  at('2026-11-24T16:00:00', 'exit', SARA);
  // Today: Sara 08:00-12:00, a resent arrival at 08:05, 13:00-... (still in).
  at('2026-11-25T08:00:00', 'arrival', SARA);
  at('2026-11-25T08:05:00', 'arrival', SARA);
  at('2026-11-25T12:00:00', 'exit', SARA);
  at('2026-11-25T13:00:00', 'arrival', SARA);
  // Reza: 09:00-17:30, gone.
  at('2026-11-25T09:00:00', 'arrival', REZA);
  at('2026-11-25T17:30:00', 'exit', REZA);
  // An unknown number: an exit without arrival, then an arrival.
  at('2026-11-25T07:00:00', 'exit', STRANGER);
  at('2026-11-25T10:00:00', 'arrival', STRANGER);
}

describe('who is in', () => {
  it('lists people whose latest event since the start is an arrival', () => {
    f = storeFixture();
    const store = f.open();
    seed(store);
    const rows = store.whoIsIn({ since: tehran('2026-11-25T00:00:00') });
    expect(rows).toEqual([
      {
        phone: SARA,
        employeeId: 1,
        name: 'سارا احمدی',
        department: 'فروش',
        lastStatus: 'arrival',
        lastEventAt: tehran('2026-11-25T13:00:00'),
        lastReportedTime: ' 08:31',
      },
      {
        phone: STRANGER,
        employeeId: null,
        name: null,
        department: null,
        lastStatus: 'arrival',
        lastEventAt: tehran('2026-11-25T10:00:00'),
        lastReportedTime: ' 08:31',
      },
    ]);
    // Only events since `since` count: from 12:30, Sara's latest is the 13:00 arrival, Reza's the exit.
    expect(store.whoIsIn({ since: tehran('2026-11-25T12:30:00') }).map((r) => r.phone)).toEqual([SARA]);
    expect(store.whoIsIn({ since: tehran('2026-11-26T00:00:00') })).toEqual([]);
  });

  it('searches by name (Persian, Arabic letter variants), by number and by a typed national number', () => {
    f = storeFixture();
    const store = f.open();
    seed(store);
    const since = tehran('2026-11-25T00:00:00');
    const phones = (search: string): string[] => store.whoIsIn({ since, search }).map((r) => r.phone);
    expect(phones('سارا')).toEqual([SARA]);
    expect(phones('احمدي')).toEqual([SARA]); // typed with the Arabic yeh
    expect(phones('3511')).toEqual([STRANGER]);
    expect(phones('۳۵۱۱')).toEqual([STRANGER]); // Persian digits
    expect(phones('0935 111')).toEqual([STRANGER]); // national spelling
    expect(phones('nobody')).toEqual([]);
    expect(phones('  ')).toHaveLength(2);
  });
});

describe('day summary', () => {
  it('gives first arrival, last exit and time present, counting an open arrival until now', () => {
    f = storeFixture();
    f.clock.now = tehran('2026-11-25T15:00:00');
    const store = f.open();
    seed(store);
    const rows = store.daySummary({ date: '2026-11-25' });
    expect(rows.map((r) => r.name)).toEqual(['Reza Karimi', 'سارا احمدی', null]);
    const [reza, sara, stranger] = rows;
    expect(reza).toEqual({
      phone: REZA,
      employeeId: 2,
      name: 'Reza Karimi',
      firstArrival: tehran('2026-11-25T09:00:00'),
      lastExit: tehran('2026-11-25T17:30:00'),
      presentMs: 8.5 * H,
      openArrival: false,
      events: 2,
    });
    // 08:00-12:00 (the resent 08:05 arrival changes nothing) + 13:00-15:00 (now).
    expect(sara).toMatchObject({
      firstArrival: tehran('2026-11-25T08:00:00'),
      lastExit: tehran('2026-11-25T12:00:00'),
      presentMs: 6 * H,
      openArrival: true,
      events: 4,
    });
    // The exit without an arrival adds nothing; the open arrival counts 10:00-15:00.
    expect(stranger).toMatchObject({
      employeeId: null,
      firstArrival: tehran('2026-11-25T10:00:00'),
      lastExit: tehran('2026-11-25T07:00:00'),
      presentMs: 5 * H,
      openArrival: true,
    });
  });

  it('counts an open arrival of a past day until that day ends', () => {
    f = storeFixture();
    f.clock.now = tehran('2026-11-27T10:00:00');
    const store = f.open();
    seed(store);
    const sara = store.daySummary({ date: '2026-11-25', search: 'سارا' });
    expect(sara).toHaveLength(1);
    expect(sara[0]!.presentMs).toBe(4 * H + 11 * H); // 08-12, then 13:00 to midnight
    expect(store.daySummary({ date: '2026-11-24' })).toEqual([
      {
        phone: SARA,
        employeeId: 1,
        name: 'سارا احمدی',
        firstArrival: tehran('2026-11-24T08:00:00'),
        lastExit: tehran('2026-11-24T16:00:00'),
        presentMs: 8 * H,
        openArrival: false,
        events: 2,
      },
    ]);
    expect(store.daySummary({ date: '2026-11-26' })).toEqual([]);
    expect(() => store.daySummary({ date: '2026-02-30' })).toThrow(RangeError);
  });
});

describe('events', () => {
  it('lists newest first with filters, search, paging and totals', () => {
    f = storeFixture();
    const store = f.open();
    seed(store);
    expect(countEvents(store)).toBe(10);
    const all = store.listEvents({ offset: 0, limit: 3 });
    expect(all.total).toBe(10);
    expect(all.rows.map((r) => r.occurredAt)).toEqual([
      tehran('2026-11-25T17:30:00'),
      tehran('2026-11-25T13:00:00'),
      tehran('2026-11-25T12:00:00'),
    ]);
    expect(all.rows[0]).toMatchObject({
      phone: REZA,
      employeeId: 2,
      employeeName: 'Reza Karimi',
      status: 'exit',
      reportedTime: ' 08:31',
    });

    const today = store.listEvents({
      fromMs: tehran('2026-11-25T00:00:00'),
      toMs: tehran('2026-11-26T00:00:00'),
      offset: 2,
      limit: 100,
    });
    expect(today.total).toBe(8);
    expect(today.rows).toHaveLength(6);
    expect(store.listEvents({ search: 'reza', offset: 0, limit: 100 }).total).toBe(2);
    expect(store.listEvents({ search: 'KARIMI', offset: 0, limit: 100 }).total).toBe(2);
    expect(store.listEvents({ phone: '0912 123 4567', offset: 0, limit: 100 }).total).toBe(2);
    expect(store.listEvents({ phone: 'not a number', offset: 0, limit: 100 })).toEqual({ rows: [], total: 0 });

    const history = store.listEvents({
      phone: '+989102211824',
      fromMs: tehran('2026-11-25T00:00:00'),
      offset: 0,
      limit: 100,
    }).rows;
    expect(history.map((e) => e.status)).toEqual(['arrival', 'exit', 'arrival', 'arrival']);
    expect(store.listEvents({ phone: SARA, offset: 0, limit: 100 }).rows).toHaveLength(6);
  });

  it('counts a search that matches most numbers exactly (all events minus those it does not match), also after new events', () => {
    f = storeFixture();
    const store = f.open();
    seed(store);
    const ALI = '989191234000';
    const DESK = '989301110000';
    store.addEmployee({ phone: ALI, name: 'Ali Moradi', department: 'IT' });
    store.addEmployee({ phone: DESK, name: 'Desk 9891', department: 'Front' });
    let n = 0;
    const punch = (source: string): void => {
      n += 1;
      store.recordMessage(attendance(tehran('2026-11-26T08:00:00') + n, 'arrival', { source, envelope: `more-${n}` }));
    };
    punch(ALI);
    punch(DESK);
    // '9891': in the numbers of Sara, Reza and Ali (3 phones), not of the stranger or the desk (2),
    // but the desk's name holds it: every event except the stranger's 2.
    const matched = (): { total: number; rows: number } => {
      const page = store.listEvents({ search: '9891', offset: 0, limit: 100 });
      return { total: page.total, rows: page.rows.length };
    };
    expect(matched()).toEqual({ total: 10, rows: 10 });
    expect(store.listEvents({ offset: 0, limit: 1 }).total).toBe(12);
    punch(STRANGER);
    punch(DESK);
    punch('989181112222'); // a new number, which matches
    expect(matched()).toEqual({ total: 12, rows: 12 });
    expect(store.listEvents({ offset: 0, limit: 1 }).total).toBe(15);
    expect(
      store.listEvents({ search: '9891', fromMs: tehran('2026-11-26T00:00:00'), offset: 0, limit: 100 }).total,
    ).toBe(4);
    expect(store.listEvents({ search: '989', offset: 0, limit: 100 }).total).toBe(15);
  });

  it('applies a correction that replaces an event; the event list shows the original beside it', () => {
    f = storeFixture();
    const store = f.open();
    seed(store);
    const db = new Database(f.path, { readonly: true });
    const exit = db
      .prepare<[], { id: number; at: number }>(
        "SELECT id, at FROM events WHERE phone = '989121234567' AND status = 'exit'",
      )
      .get()!;
    db.close();
    // Reza's exit was really at 18:00: a correction row, the event stays as received.
    const correction = store.addCorrection(
      { kind: 'replace', eventId: exit.id, at: tehran('2026-11-25T18:00:00') },
      { who: 'manager', why: 'forgot' },
    );
    expect(correction).toMatchObject({
      kind: 'replace',
      eventId: exit.id,
      who: 'manager',
      why: 'forgot',
      countedAt: tehran('2026-11-25T18:00:00'),
    });
    expect(store.daySummary({ date: '2026-11-25', search: 'reza' })[0]).toMatchObject({
      lastExit: tehran('2026-11-25T18:00:00'),
      presentMs: 9 * H,
      events: 2,
    });
    const listed = store.listEvents({ search: 'reza', offset: 0, limit: 10 });
    expect(listed.total).toBe(2);
    const row = listed.rows.find((r) => r.id === exit.id)!;
    expect(row.correction?.id).toBe(correction.id);
    expect(row.countedAt).toBe(tehran('2026-11-25T18:00:00'));
    expect(row.receivedAt).not.toBe(row.countedAt);
    expect(countEvents(store)).toBe(10);
    // A void leaves the punch out of the day; the later correction is the one in force.
    store.addCorrection({ kind: 'void', eventId: exit.id }, { who: 'manager', why: 'sent by mistake' });
    expect(store.daySummary({ date: '2026-11-25', search: 'reza' })[0]).toMatchObject({ lastExit: null, events: 1 });
    expect(store.correctionFor(exit.id)?.kind).toBe('void');
    expect(() => store.addCorrection({ kind: 'void', eventId: 999_999 }, { who: 'm', why: 'x' })).toThrow(/no punch/);
    expect(() => store.addCorrection({ kind: 'void', eventId: exit.id }, { who: 'm', why: '  ' })).toThrow(/reason/);
  });
});
