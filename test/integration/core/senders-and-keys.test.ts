/**
 * Who gets an answer, and with which key, against a real SMPP server on 127.0.0.1 and a real
 * SQLite file: senders that are not phone numbers, unknown numbers, employees' own keys (set
 * through the request handlers, sealed at rest), and the pace of acknowledgements.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { startHarness, type Harness } from '../../support/core-harness.js';
import { FIELD_KEY, decryptAck, encryptForPhone, gsmOctetsToText, phoneMessage } from '../../support/phone.js';
import { createRequestHandlers, type RequestHandlers } from '../../../src-main/core/api/request-handlers.js';
import { dispatchRequest } from '../../../src-main/core/api/dispatch-request.js';
import { createJsonSettingsRepository } from '../../../src-main/core/settings/settings-repository.js';
import { createMemorySecretBox } from '../../../src-main/core/settings/secret-box.js';
import { dataKeyPath } from '../../../src-main/core/employees/data-key.js';
import { createHash } from 'node:crypto';
import { SETTINGS_DEFAULTS } from '../../../src-main/core/settings/settings-defaults.js';
import type { CoreLogLine } from '../../../src-main/core/app-core-types.js';

const GATEWAY = '9102211824';
const EMPLOYEE = '989102211824';
const ROK = 0;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface MessageRow {
  source: string;
  outcome: string;
  reason_code: string | null;
  reason_params: string | null;
}

async function handlersFor(harness: Harness): Promise<RequestHandlers> {
  const settings = await createJsonSettingsRepository({
    filePath: join(dirname(harness.dbPath), 'settings.json'),
    secretBox: createMemorySecretBox(),
  });
  return createRequestHandlers(harness.core, {
    settings,
    exporter: { exportCsv: () => Promise.reject(new Error('not used here')), cancel: () => undefined },
  });
}

/** A valid message from a known sender, then: it is the only ack the gateway got, so nothing before it was answered. */
async function expectOnlyAckFrom(harness: Harness, source: string): Promise<void> {
  expect(
    (await harness.smsc.deliver({ source, destination: GATEWAY, ...phoneMessage('Exit 17:05') })).commandStatus,
  ).toBe(ROK);
  await harness.smsc.waitFor(
    () => harness.smsc.submits.some((s) => s.destination === source),
    5_000,
    `the ack to ${source}`,
  );
  expect(harness.smsc.submits.map((s) => s.destination)).toEqual([source]);
}

describe('senders that are not phone numbers', () => {
  it.each([
    ['letters (an alphanumeric sender)', 'BANK-IR', 'phone-not-a-number'],
    ['too short', '12', 'phone-too-short'],
    ['too long', '1234567890123456', 'phone-too-long'],
  ])('%s: recorded as rejected with the reason, answered ROK, never acknowledged', async (_label, source, cause) => {
    h = await startHarness();
    const resp = await h.smsc.deliver({ source, destination: GATEWAY, ...phoneMessage('Arrival 08:31') });
    expect(resp.commandStatus).toBe(ROK); // taken from the gateway: it must not redeliver it for ever
    const [row] = h.query<MessageRow>('SELECT source, outcome, reason_code, reason_params FROM messages');
    expect(row).toMatchObject({ source, outcome: 'rejected', reason_code: 'sender-not-a-phone' });
    expect(JSON.parse(row!.reason_params!)).toMatchObject({ cause: { code: cause } });
    expect(h.query('SELECT * FROM events')).toEqual([]);
    expect(h.query('SELECT * FROM acks')).toEqual([]);
    await expectOnlyAckFrom(h, EMPLOYEE);
  });
});

describe('unknown numbers', () => {
  it('are recorded and acknowledged by default', async () => {
    h = await startHarness();
    await h.smsc.deliver({ source: '989121234567', destination: GATEWAY, ...phoneMessage('Arrival 08:31') });
    await h.smsc.waitFor(() => h!.smsc.submits.length === 1, 5_000, 'the ack');
    expect(h.smsc.submits[0]!.destination).toBe('989121234567');
    expect(h.query<{ employee_id: number | null }>('SELECT employee_id FROM events')).toEqual([{ employee_id: null }]);
  });

  it('with the setting off: recorded, not acknowledged; employees still are; turning it on again applies at once', async () => {
    h = await startHarness({ ackUnknownSenders: false });
    h.core.store.addEmployee({ phone: '09102211824', name: 'Sara', department: '' });
    const stranger = '989121234567';
    expect(
      (await h.smsc.deliver({ source: stranger, destination: GATEWAY, ...phoneMessage('Arrival 08:31') }))
        .commandStatus,
    ).toBe(ROK);
    expect(h.query<{ phone: string; employee_id: number | null }>('SELECT phone, employee_id FROM events')).toEqual([
      { phone: stranger, employee_id: null },
    ]);
    expect(h.query<{ outcome: string }>('SELECT outcome FROM messages')).toEqual([{ outcome: 'recorded' }]);
    expect(h.query('SELECT * FROM acks')).toEqual([]);
    await expectOnlyAckFrom(h, EMPLOYEE);

    h.core.updateSettings({ ...h.core.settings(), ackUnknownSenders: true });
    await h.smsc.deliver({ source: stranger, destination: GATEWAY, ...phoneMessage('Exit 17:00') });
    await h.smsc.waitFor(
      () => h!.smsc.submits.some((s) => s.destination === stranger),
      5_000,
      'the ack to the stranger',
    );
  });
});

describe("an employee's own key", () => {
  it('set through the request handlers: the shared key is refused for that number, the own key accepted and used for the ack; sealed on disk', async () => {
    h = await startHarness();
    const logs: CoreLogLine[] = [];
    h.core.on('log', (line) => logs.push(line));
    const handlers = await handlersFor(h);
    const sara = h.core.store.addEmployee({ phone: '09102211824', name: 'Sara', department: '' });

    const refused = await dispatchRequest(handlers, 'setEmployeeKey', { id: sara.id, key: 'short' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });

    const generated = await dispatchRequest(handlers, 'generateEmployeeKey', { id: sara.id });
    expect(generated.ok).toBe(true);
    const { employee, key } = (generated as { value: { employee: { hasOwnKey: boolean }; key: string } }).value;
    expect(employee.hasOwnKey).toBe(true);
    expect(Buffer.byteLength(key, 'utf8')).toBe(32);
    const listed = await dispatchRequest(handlers, 'listEmployees', { search: undefined });
    expect(JSON.stringify(listed)).not.toContain(key); // the list says only whether a key is set
    expect(listed).toMatchObject({ ok: true, value: [{ name: 'Sara', hasOwnKey: true }] });

    // Under the shared key: refused (the envelope does not open with Sara's key), not acknowledged.
    await h.smsc.deliver({
      source: EMPLOYEE,
      destination: GATEWAY,
      ...phoneMessage('Arrival 08:31', { key: FIELD_KEY }),
    });
    const [shared] = h.query<MessageRow>('SELECT outcome, reason_code FROM messages');
    expect(shared!.outcome).toBe('rejected');
    expect(['wrong-key', 'invalid-utf8']).toContain(shared!.reason_code);
    expect(h.query('SELECT * FROM acks')).toEqual([]);

    // Under her own key: recorded, and the ack is encrypted with her key.
    await h.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, ...phoneMessage('Arrival 08:32', { key }) });
    await h.smsc.waitFor(() => h!.smsc.submits.length === 1, 5_000, 'the ack under her key');
    const digest = createHash('sha256').update('Arrival 08:32', 'utf8').digest('hex');
    expect(decryptAck(gsmOctetsToText(h.smsc.submits[0]!.shortMessage), key)).toBe(`${digest} | AFTSTC`);
    expect(h.query<{ status: string }>('SELECT status FROM events')).toEqual([{ status: 'arrival' }]);

    // Replaced by a key the user typed, then removed (the shared key works again).
    const typed = 'Typedc3d4e5f6g789abcdef012345XYZ';
    expect(await dispatchRequest(handlers, 'setEmployeeKey', { id: sara.id, key: typed })).toMatchObject({
      ok: true,
      value: { hasOwnKey: true },
    });
    await h.smsc.deliver({
      source: EMPLOYEE,
      destination: GATEWAY,
      shortMessage: Buffer.from(`$$${encryptForPhone('Exit 17:00', typed)}$$`, 'latin1'),
      dataCoding: 3,
    });
    await h.smsc.waitFor(() => h!.smsc.submits.length === 2, 5_000, 'the ack under the typed key');
    expect(await dispatchRequest(handlers, 'removeEmployeeKey', { id: sara.id })).toMatchObject({
      ok: true,
      value: { hasOwnKey: false },
    });
    await h.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, ...phoneMessage('Exit 17:30', { key: FIELD_KEY }) });
    await h.smsc.waitFor(() => h!.smsc.submits.length === 3, 5_000, 'the ack under the shared key again');

    // Every change logged, no key in any log line.
    const keyLines = logs.filter((l) => l.fields?.keyChange !== undefined);
    expect(keyLines.map((l) => l.fields?.keyChange)).toEqual(['generated', 'set', 'removed']);
    expect(JSON.stringify(logs)).not.toContain(key);
    expect(JSON.stringify(logs)).not.toContain(typed);
    expect(logs.some((l) => l.level === 'warn' && l.message.includes(dataKeyPath(h!.dbPath)))).toBe(true);

    // At rest: neither key in the database file or its WAL.
    await h.core.close();
    const disk = Buffer.concat([h.dbPath, `${h.dbPath}-wal`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
    expect(disk.length).toBeGreaterThan(0);
    expect(disk.includes(Buffer.from(key))).toBe(false);
    expect(disk.includes(Buffer.from(typed))).toBe(false);
    // The data key is beside the database, not in it.
    expect(existsSync(dataKeyPath(h.dbPath))).toBe(true);
    const restarted = await h.restartCore();
    restarted.setEmployeeKey(sara.id, typed);
    expect(restarted.store.employeeKey(EMPLOYEE)).toBe(typed);
  });
});

describe('an own key the data key cannot open (a database from another computer, a lost .datakey)', () => {
  it("that phone's messages are rejected with the reason, answered ROK, never read with the shared key; others go on", async () => {
    h = await startHarness();
    const sara = h.core.store.addEmployee({ phone: '09102211824', name: 'Sara', department: '' });
    h.core.setEmployeeKey(sara.id, FIELD_KEY); // her own key happens to equal the shared key: a fallback would accept it
    await h.core.close();
    rmSync(dataKeyPath(h.dbPath));
    await h.restartCore();
    await h.waitForState('disconnected');
    h.core.connect();
    await h.waitForState('bound');
    expect(
      (await h.smsc.deliver({ source: EMPLOYEE, destination: GATEWAY, ...phoneMessage('Arrival 08:31') }))
        .commandStatus,
    ).toBe(ROK);
    expect(h.query<MessageRow>('SELECT outcome, reason_code FROM messages')).toEqual([
      { outcome: 'rejected', reason_code: 'own-key-unreadable' },
    ]);
    await expectOnlyAckFrom(h, '989121234567');
  });
});

describe('the pace of acknowledgements', () => {
  it('40 messages from 40 phones: acks leave one per interval of the pace, and the queue says how many wait and until when', async () => {
    const ratePerMinute = 300; // 200 ms apart: the default pace, 300 times faster
    const spacing = 60_000 / ratePerMinute;
    h = await startHarness({ ackRatePerMinute: ratePerMinute });
    const phones = Array.from({ length: 40 }, (_, i) => `98912${String(1000000 + i).padStart(7, '0')}`);
    const started = Date.now();
    await Promise.all(
      phones.map((source) => h!.smsc.deliver({ source, destination: GATEWAY, ...phoneMessage('Arrival 08:31') })),
    );
    const queue = h.core.ackQueue();
    expect(queue.ratePerMinute).toBe(ratePerMinute);
    expect(queue.queued).toBeGreaterThan(30);
    expect(queue.lastAt).not.toBeNull();
    // The last of them goes (queued - 1) intervals after the next, which is at most one interval away.
    expect(queue.lastAt! - Date.now()).toBeGreaterThanOrEqual((queue.queued - 2) * spacing);
    expect(queue.lastAt! - Date.now()).toBeLessThanOrEqual(queue.queued * spacing + 50);

    await h.smsc.waitFor(() => h!.smsc.submits.length === 40, 25_000, 'all 40 acks');
    const times = h.smsc.submits.map((s) => s.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Sent one interval apart; seen by the gateway with the loopback's (and a busy machine's)
    // jitter on top, which shortens one gap and lengthens the next but never adds up: any 10
    // consecutive intervals span at least 10 of the pace.
    const jitter = 0.4 * spacing;
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(spacing - jitter);
    for (let i = 0; i + 10 < times.length; i += 1)
      expect(times[i + 10]! - times[i]!).toBeGreaterThanOrEqual(10 * spacing - jitter);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(39 * spacing - jitter);
    expect(times.at(-1)! - started).toBeLessThan(39 * spacing + 3_000);
    expect(new Set(h.smsc.submits.map((s) => s.destination)).size).toBe(40);
    await h.smsc.waitFor(() => h!.core.ackQueue().queued === 0, 5_000, 'an empty queue');
    expect(h.core.ackQueue().lastAt).toBeNull();
  });

  it('the default pace, one a minute: a burst is answered one ack a minute, and the queue says when the last goes', async () => {
    expect(SETTINGS_DEFAULTS.ackRatePerMinute).toBe(1);
    h = await startHarness({ ackRatePerMinute: SETTINGS_DEFAULTS.ackRatePerMinute });
    const phones = Array.from({ length: 3 }, (_, i) => `98912${String(2000000 + i).padStart(7, '0')}`);
    for (const source of phones)
      await h.smsc.deliver({ source, destination: GATEWAY, ...phoneMessage('Arrival 08:31') });
    await h.smsc.waitFor(() => h!.smsc.submits.length === 1, 5_000, 'the first ack');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.smsc.submits).toHaveLength(1); // the others wait their minute
    const queue = h.core.ackQueue();
    expect(queue.queued).toBe(2);
    const firstAt = h.smsc.submits[0]!.at;
    expect(Math.abs(queue.lastAt! - (firstAt + 2 * 60_000))).toBeLessThan(1_000);
  });
});
