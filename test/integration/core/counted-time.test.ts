/**
 * Which time a punch counts at (docs/attendance-rules.md section 1), end to end: a real SMPP server
 * on 127.0.0.1 plays the gateway and the phones, a real SQLite file records, and the core's clock
 * is injected so that hours can pass between a phone's report and its receipt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../src-main/core/app-core.js';
import type { AppCore } from '../../../src-main/core/app-core-types.js';
import { createRequestHandlers } from '../../../src-main/core/api/request-handlers.js';
import { settingsFor, startHarness, type Harness } from '../../support/core-harness.js';
import { phoneMessage } from '../../support/phone.js';

const EMPLOYEE = '989102211824';
const GATEWAY = '9102211824';
const ROK = 0;
const MIN = 60_000;
const tehran = (local: string): number => Date.parse(`${local}+03:30`);

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface EventRow {
  id: number;
  occurred_at: number | null;
  received_at: number;
  at: number;
  flags: string | null;
}

async function start(clock: { now: number }): Promise<Harness> {
  const harness = await startHarness({}, { now: () => clock.now });
  harness.core.store.addEmployee({ phone: EMPLOYEE, name: 'Sara Ahmadi', department: '' });
  return harness;
}

async function send(harness: Harness, text: string): Promise<EventRow> {
  const before = harness.query<{ n: number }>('SELECT COUNT(*) AS n FROM events')[0]!.n;
  const resp = await harness.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, ...phoneMessage(text) });
  expect(resp.commandStatus).toBe(ROK);
  const rows = harness.query<EventRow>('SELECT id, occurred_at, received_at, at, flags FROM events ORDER BY id');
  expect(rows).toHaveLength(before + 1);
  return rows.at(-1)!;
}

describe('counted time and flags', () => {
  it('counts a report 3 h early at its receipt and flags it late_report (the app was bound then)', async () => {
    const clock = { now: tehran('2026-11-29T08:00:00') };
    h = await start(clock);
    clock.now = tehran('2026-11-29T11:00:00');
    const event = await send(h, 'Arrival 08:00');
    expect(event.occurred_at).toBe(tehran('2026-11-29T08:00:00'));
    expect(event.at).toBe(tehran('2026-11-29T11:00:00'));
    expect(event.flags).toBe('late_report');
    // The example, with an explicit date and seconds.
    clock.now = tehran('2026-11-29T17:24:00');
    const dated = await send(h, 'Arrival 2026-11-29 14:24:18');
    expect(dated).toMatchObject({ at: tehran('2026-11-29T17:24:00'), flags: 'late_report' });
  });

  it('takes its tolerances from the settings', async () => {
    const clock = { now: tehran('2026-11-29T08:00:00') };
    h = await start(clock);
    h.core.updateSettings({ ...h.core.settings(), lateToleranceMs: 4 * 60 * MIN, futureToleranceMs: 0 });
    clock.now = tehran('2026-11-29T11:00:00');
    expect(await send(h, 'Arrival 08:00')).toMatchObject({ at: tehran('2026-11-29T08:00:00'), flags: null });
    expect(await send(h, 'Exit 11:01')).toMatchObject({ at: tehran('2026-11-29T11:00:00'), flags: 'future_time' });
  });

  it('counts a report 3 h in the future at its receipt and flags it future_time', async () => {
    const clock = { now: tehran('2026-11-29T08:00:00') };
    h = await start(clock);
    const event = await send(h, 'Arrival 11:00');
    expect(event).toMatchObject({
      occurred_at: tehran('2026-11-29T11:00:00'),
      at: tehran('2026-11-29T08:00:00'),
      flags: 'future_time',
    });
    // Within the tolerances nothing is flagged: 2 min ahead, 10 min behind.
    expect(await send(h, 'Exit 08:02')).toMatchObject({ at: tehran('2026-11-29T08:02:00'), flags: null });
    expect(await send(h, 'Exit 07:50')).toMatchObject({ at: tehran('2026-11-29T07:50:00'), flags: null });
  });

  it('counts a message sent while the app was disconnected, arriving after the rebind, at its reported time, flagged held', async () => {
    const clock = { now: tehran('2026-11-29T07:00:00') };
    h = await start(clock);
    clock.now = tehran('2026-11-29T07:50:00');
    await h.core.disconnect();
    clock.now = tehran('2026-11-29T08:40:00');
    h.core.connect();
    await h.waitForState('bound');
    clock.now = tehran('2026-11-29T08:41:00');
    const held = await send(h, 'Arrival 08:05'); // sent at 08:05, while the app was away
    expect(held).toMatchObject({
      occurred_at: tehran('2026-11-29T08:05:00'),
      at: tehran('2026-11-29T08:05:00'),
      flags: 'held',
    });
    // The same delay for a time at which the app WAS bound is a late report.
    expect(await send(h, 'Exit 07:30')).toMatchObject({ at: tehran('2026-11-29T08:41:00'), flags: 'late_report' });
    const history = h.query<{ state: string; from_at: number; to_at: number | null }>(
      'SELECT state, from_at, to_at FROM connection_history ORDER BY id',
    );
    expect(history.map((r) => r.state)).toEqual(['not_bound', 'bound', 'not_bound', 'bound']);
    expect(history[2]).toMatchObject({ from_at: tehran('2026-11-29T07:50:00') });
  });

  it("flags a replay of yesterday's ciphertext an hour late (a new event, counted at receipt)", async () => {
    const clock = { now: tehran('2026-11-28T08:00:30') };
    h = await start(clock);
    const monday = await send(h, 'Arrival 08:00');
    expect(monday).toMatchObject({ at: tehran('2026-11-28T08:00:00'), flags: null });
    clock.now = tehran('2026-11-29T09:00:00'); // the same bytes, kept and sent again the next morning
    const replay = await send(h, 'Arrival 08:00');
    expect(replay).toMatchObject({
      occurred_at: tehran('2026-11-29T08:00:00'),
      at: tehran('2026-11-29T09:00:00'),
      flags: 'late_report',
    });
  });

  it('flags an explicit date other than the day of receipt or the day before (date_mismatch), and an unparsed time', async () => {
    const clock = { now: tehran('2026-11-29T08:00:00') };
    h = await start(clock);
    expect(await send(h, 'Arrival 2026-11-28 23:59')).toMatchObject({ flags: 'late_report' }); // the day before: only late
    expect(await send(h, 'Arrival 2030-06-01 08:00')).toMatchObject({
      at: tehran('2026-11-29T08:00:00'),
      flags: 'date_mismatch',
    });
    expect(await send(h, 'Arrival 2020-01-01 08:00')).toMatchObject({
      at: tehran('2026-11-29T08:00:00'),
      flags: 'date_mismatch',
    });
    expect(await send(h, 'Exit soon')).toMatchObject({
      occurred_at: null,
      at: tehran('2026-11-29T08:00:00'),
      flags: 'unparsed_time',
    });
  });

  it('flags an unknown number unknown_sender and the 9th punch of one number on one day too_many', async () => {
    const clock = { now: tehran('2026-11-29T08:00:00') };
    h = await start(clock);
    const resp = await h.smsc.deliver({
      source: '989121111111',
      destination: GATEWAY,
      ...phoneMessage('Arrival 08:00'),
    });
    expect(resp.commandStatus).toBe(ROK);
    expect(h.query<EventRow>('SELECT flags FROM events')).toEqual([{ flags: 'unknown_sender' }]);
    const flags: (string | null)[] = [];
    for (let i = 0; i < 9; i += 1) {
      clock.now = tehran('2026-11-29T09:00:00') + i * MIN;
      flags.push((await send(h, `${i % 2 === 0 ? 'Arrival' : 'Exit'} 09:0${i}`)).flags);
    }
    expect(flags).toEqual([null, null, null, null, null, null, null, null, 'too_many']);
  });

  it('rejects a plaintext holding a control character, and does not acknowledge it', async () => {
    const clock = { now: tehran('2026-11-29T08:00:00') };
    h = await start(clock);
    for (const text of ['Arrival 08:00\r\n', 'Arrival 08:00\u001b]0;owned\u0007', 'Exit\t08:00']) {
      expect(
        (await h.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, ...phoneMessage(text) })).commandStatus,
      ).toBe(ROK);
    }
    const rows = h.query<{ outcome: string; reason_code: string; reason_params: string }>(
      'SELECT outcome, reason_code, reason_params FROM messages ORDER BY id',
    );
    expect(rows.map((r) => [r.outcome, r.reason_code, JSON.parse(r.reason_params).codePoint])).toEqual([
      ['rejected', 'control-characters', 13],
      ['rejected', 'control-characters', 27],
      ['rejected', 'control-characters', 9],
    ]);
    expect(h.query('SELECT id FROM events')).toEqual([]);
    expect(h.query('SELECT id FROM acks')).toEqual([]);
    await h.smsc.enquireLink();
    expect(h.smsc.submits).toEqual([]);
  });
});

describe('review', () => {
  it('records a decision as a correction with who, when and why, and the counted time changes', async () => {
    const clock = { now: tehran('2026-11-29T08:00:00') };
    h = await start(clock);
    clock.now = tehran('2026-11-29T11:00:00');
    const late = await send(h, 'Arrival 08:00');
    const handlers = createRequestHandlers(h.core, {
      settings: undefined as never,
      exporter: undefined as never,
      now: () => clock.now,
    });
    const pending = await handlers.reviewList({ state: 'pending', offset: 0, limit: 50 });
    expect(pending.total).toBe(1);
    expect(pending.rows[0]).toMatchObject({
      id: late.id,
      flags: ['late_report'],
      countedAt: tehran('2026-11-29T11:00:00'),
      correction: null,
    });

    clock.now = tehran('2026-11-29T12:00:00');
    const correction = await handlers.decideReview({
      eventId: late.id,
      decision: 'accept_reported',
      why: 'the phone had no signal in the basement',
    });
    expect(correction).toMatchObject({
      kind: 'replace',
      eventId: late.id,
      decision: 'accept_reported',
      countedAt: tehran('2026-11-29T08:00:00'),
      who: h.core.operator(),
      why: 'the phone had no signal in the basement',
      madeAt: tehran('2026-11-29T12:00:00'),
    });
    expect(h.core.operator()).not.toBe('');
    // The original stays as it was received; the views count the corrected time.
    expect(h.query<EventRow>('SELECT at, flags FROM events WHERE id = ?', late.id)).toEqual([
      { at: tehran('2026-11-29T11:00:00'), flags: 'late_report' },
    ]);
    expect(h.core.store.daySummary({ date: '2026-11-29' })[0]).toMatchObject({
      firstArrival: tehran('2026-11-29T08:00:00'),
    });
    expect((await handlers.reviewList({ state: 'pending', offset: 0, limit: 50 })).total).toBe(0);
    const decided = await handlers.reviewList({ state: 'decided', offset: 0, limit: 50 });
    expect(decided.rows[0]).toMatchObject({
      id: late.id,
      countedAt: tehran('2026-11-29T08:00:00'),
      correction: { id: correction.id, who: h.core.operator() },
    });

    // Void: the punch leaves the day; the refusal of a decision without a reported time is a reason code.
    const unparsed = await send(h, 'Exit soon');
    await expect(
      handlers.decideReview({ eventId: unparsed.id, decision: 'accept_reported', why: 'x' }),
    ).rejects.toMatchObject({ reason: { code: 'no-reported-time' } });
    await handlers.decideReview({ eventId: unparsed.id, decision: 'void', why: 'a test message' });
    expect(h.core.store.daySummary({ date: '2026-11-29' })[0]).toMatchObject({ events: 1, lastExit: null });
  });

  it('takes the operator from the core (the OS user name unless given)', async () => {
    const clock = { now: tehran('2026-11-29T08:00:00') };
    h = await start(clock);
    const { dir, cleanup } = await import('../../support/core-harness.js').then((m) => m.tempDir());
    let core: AppCore | undefined;
    try {
      core = createAppCore({ dbPath: `${dir}/a.db`, settings: settingsFor(h.smsc), operator: () => 'Maryam' });
      expect(core.operator()).toBe('Maryam');
    } finally {
      await core?.close();
      cleanup();
    }
  });
});
