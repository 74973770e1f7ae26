import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase, DatabaseTooNewError } from '../../../src-main/core/store/database.js';
import { latestSchemaVersion, migrate } from '../../../src-main/core/store/migrate.js';
import { migrations } from '../../../src-main/core/store/migrations/index.js';
import { openStore } from '../../../src-main/core/store/attendance-store.js';
import { storeFixture, type StoreFixture } from './store-fixture.js';

let f: StoreFixture;
afterEach(() => f?.cleanup());

describe('migrations', () => {
  it('creates the schema on a fresh file with the pragmas the commit promise needs', () => {
    f = storeFixture();
    const db = openDatabase(f.path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
      expect(latestSchemaVersion()).toBe(migrations.length);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(2000);
      const tables = db
        .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual([
        'acks',
        'audit_log',
        'closed_periods',
        'connection_history',
        'corrections',
        'employees',
        'events',
        'frozen_days',
        'holidays',
        'leave',
        'message_parts',
        'messages',
        'shift_assignments',
        'shifts',
      ]);
      const indexes = db
        .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'events_unlinked'")
        .pluck()
        .all();
      expect(indexes).toEqual(['events_unlinked']);
    } finally {
      db.close();
    }
  });

  it('re-opening applies nothing and keeps the data', () => {
    f = storeFixture();
    const first = openDatabase(f.path);
    first
      .prepare("INSERT INTO employees (phone, name, created_at, updated_at) VALUES ('989100000000', 'Sara', 1, 1)")
      .run();
    first.close();
    const again = openDatabase(f.path);
    try {
      expect(migrate(again)).toEqual([]);
      expect(again.prepare('SELECT name FROM employees').pluck().all()).toEqual(['Sara']);
    } finally {
      again.close();
    }
  });

  it('applies each migration in a transaction: a failing one leaves the previous version', () => {
    f = storeFixture();
    const db = new Database(f.path);
    try {
      const broken = [
        ...migrations,
        { version: migrations.length + 1, name: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM no_such_table;' },
      ];
      expect(() => migrate(db, broken)).toThrow(/no such table/);
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
      expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('refuses a database from a newer version and does not change a byte of it', () => {
    f = storeFixture();
    const newer = new Database(f.path);
    newer.exec('CREATE TABLE future (x); INSERT INTO future VALUES (1);');
    newer.pragma('user_version = 99');
    newer.close();
    const before = readFileSync(f.path);

    let error: unknown;
    try {
      openStore(f.path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect((error as Error).message).toBe(
      `This database was written by a newer version of SMPP Attendance (schema 99; this version knows up to ${latestSchemaVersion()}). Install the newer version or open another file.`,
    );
    expect(readFileSync(f.path).equals(before)).toBe(true);
    expect(existsSync(`${f.path}-wal`)).toBe(false);
  });

  it('migration 4 turns the reasons this app wrote in English into codes, and keeps any other text as it was', () => {
    f = storeFixture();
    const db = new Database(f.path);
    migrate(db, migrations.slice(0, 3));
    const texts = [
      'wrong key or bad padding',
      'the same message as #12, sent again within the repeat window',
      'unsupported data_coding 0xf4',
      'udh: part 3 out of 1..2',
      'multipart: conflicting data_coding 0x08 (the first part had 0x00)',
      'incomplete multipart message: 1 of 3 parts arrived',
      'a reason nobody wrote',
    ];
    const insertMessage = db.prepare(
      "INSERT INTO messages (received_at, source, destination, data_coding, raw, outcome, reason) VALUES (1, '989102211824', '9102211824', 0, x'00', 'rejected', ?)",
    );
    for (const text of texts) insertMessage.run(text);
    const insertAck = db.prepare(
      "INSERT INTO acks (message_id, destination, source, text, state, next_attempt_at, queued_at, error) VALUES (?, 'd', 's', 't', 'failed', 0, 0, ?)",
    );
    insertAck.run(
      1,
      'gave up after 50 attempts: the link closed before the submit_sm_resp arrived (the gateway closed the connection)',
    );
    insertAck.run(2, 'gateway refused: ESME_RINVDSTADR');
    insertAck.run(3, 'something else');
    db.close();

    const store = openStore(f.path);
    try {
      const reasons = store
        .listMessages({ limit: 10 })
        .rows.reverse()
        .map((m) => m.reason);
      expect(reasons).toEqual([
        { code: 'wrong-key' },
        { code: 'repeat-in-window', params: { of: 12 } },
        { code: 'unsupported-data-coding', params: { dataCoding: 0xf4 } },
        { code: 'part-number-invalid', params: { header: 'udh', seq: 3, total: 2 } },
        { code: 'parts-coding-conflict', params: { dataCoding: 0x08, firstDataCoding: 0x00 } },
        { code: 'multipart-incomplete', params: { received: 1, total: 3 } },
        { code: 'legacy-text', params: { text: 'a reason nobody wrote' } },
      ]);
      expect([1, 2, 3].map((id) => store.getMessage(id)?.ackError)).toEqual([
        {
          code: 'ack-gave-up',
          params: {
            attempts: 50,
            cause: { code: 'link-lost', params: { command: 'submit_sm', cause: { code: 'gateway-closed' } } },
          },
        },
        { code: 'ack-refused', params: { status: 'ESME_RINVDSTADR' } },
        { code: 'legacy-text', params: { text: 'something else' } },
      ]);
    } finally {
      store.close();
    }
    // Matched texts are cleared (the code is the one source); unmatched ones stay.
    const after = new Database(f.path, { readonly: true });
    expect(after.prepare<[], string | null>('SELECT reason FROM messages ORDER BY id').pluck().all()).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      'a reason nobody wrote',
    ]);
    after.close();
  });

  it('migration 5 gives existing events counted times and flags by the rules (no history: late, never held) and keeps what was recorded', () => {
    f = storeFixture();
    const db = new Database(f.path);
    migrate(db, migrations.slice(0, 4));
    db.prepare(
      "INSERT INTO employees (id, phone, name, created_at, updated_at) VALUES (1, '989102211824', 'Sara', 1, 1)",
    ).run();
    const t = (local: string): number => Date.parse(`${local}+03:30`);
    const insertMessage = db.prepare(
      "INSERT INTO messages (received_at, source, destination, data_coding, raw, outcome) VALUES (?, '989102211824', '9102211824', 0, x'00', 'recorded')",
    );
    const insertEvent = db.prepare(
      "INSERT INTO events (message_id, phone, employee_id, status, reported_time, occurred_at, received_at, at) VALUES (?, ?, ?, 'arrival', ?, ?, ?, ?)",
    );
    const add = (
      phone: string,
      employeeId: number | null,
      reported: string,
      occurredAt: number | null,
      receivedAt: number,
    ): void => {
      const message = insertMessage.run(receivedAt).lastInsertRowid;
      insertEvent.run(message, phone, employeeId, reported, occurredAt, receivedAt, occurredAt ?? receivedAt);
    };
    add('989102211824', 1, ' 08:00', t('2026-11-20T08:00:00'), t('2026-11-20T08:00:30')); // on time
    add('989102211824', 1, ' 08:00', t('2026-11-21T08:00:00'), t('2026-11-21T11:00:00')); // 3 h late
    add('989102211824', 1, ' 2026-11-22 11:00', t('2026-11-22T11:00:00'), t('2026-11-22T08:00:00')); // 3 h ahead
    add('989102211824', 1, ' 2020-01-01 08:00', t('2020-01-01T08:00:00'), t('2026-11-23T08:00:00')); // another date
    add('989102211824', 1, ' soon', null, t('2026-11-24T08:00:00')); // unparsed
    add('989121111111', null, ' 08:00', t('2026-11-25T08:00:00'), t('2026-11-25T08:00:00')); // nobody's number
    for (let i = 0; i < 9; i += 1)
      add('989102211824', 1, ` 09:0${i}`, t('2026-11-26T09:00:00') + i * 60_000, t('2026-11-26T09:00:00') + i * 60_000);
    // A correction row of migration 1's design: the event it pointed at is void from now on.
    db.prepare(
      "UPDATE events SET corrects_id = 1, corrected_by = 'manager', correction_why = 'old' WHERE id = 2",
    ).run();
    const before = db.prepare('SELECT id, reported_time, occurred_at, received_at FROM events ORDER BY id').all();
    migrate(db);
    const rows = db.prepare<[], { at: number; flags: string | null }>('SELECT at, flags FROM events ORDER BY id').all();
    expect(rows.slice(0, 6)).toEqual([
      { at: t('2026-11-20T08:00:00'), flags: null },
      { at: t('2026-11-21T11:00:00'), flags: 'late_report' },
      { at: t('2026-11-22T08:00:00'), flags: 'future_time' },
      { at: t('2026-11-23T08:00:00'), flags: 'date_mismatch' },
      { at: t('2026-11-24T08:00:00'), flags: 'unparsed_time' },
      { at: t('2026-11-25T08:00:00'), flags: 'unknown_sender' },
    ]);
    expect(rows.slice(6).map((r) => r.flags)).toEqual([null, null, null, null, null, null, null, null, 'too_many']);
    expect(db.prepare('SELECT id, reported_time, occurred_at, received_at FROM events ORDER BY id').all()).toEqual(
      before,
    );
    expect(db.prepare('SELECT kind, event_id, who, why FROM corrections').all()).toEqual([
      { kind: 'void', event_id: 1, who: 'manager', why: 'old' },
    ]);
    db.close();
  });

  it('migration 10 drops events_employee; lookups by employee go to events_employee_at, and no row changes', () => {
    f = storeFixture();
    const db = new Database(f.path);
    migrate(db, migrations.slice(0, 9));
    const eventIndexes = (): string[] =>
      db
        .prepare<[], string>(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY name",
        )
        .pluck()
        .all();
    expect(eventIndexes()).toContain('events_employee');
    db.prepare(
      "INSERT INTO employees (id, phone, name, created_at, updated_at) VALUES (1, '989102211824', 'Sara', 1, 1)",
    ).run();
    db.prepare(
      "INSERT INTO messages (id, received_at, source, destination, data_coding, raw, outcome) VALUES (1, 5, '989102211824', '9102211824', 0, x'00', 'recorded')",
    ).run();
    db.prepare(
      "INSERT INTO events (message_id, phone, employee_id, status, reported_time, occurred_at, received_at, at) VALUES (1, '989102211824', 1, 'arrival', ' 08:00', 5, 5, 5)",
    ).run();
    const before = db.prepare('SELECT * FROM events').all();
    const others = eventIndexes().filter((name) => name !== 'events_employee');

    migrate(db);
    expect(eventIndexes()).toEqual(others);
    expect(others).toContain('events_employee_at');
    expect(db.prepare('SELECT * FROM events').all()).toEqual(before);
    const plan = (sql: string, ...args: unknown[]): string =>
      db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...args)
        .map((r) => r.detail)
        .join('; ');
    // One employee's events of a range (the event list of one person), and a name search's ids.
    expect(plan('SELECT * FROM events e WHERE e.employee_id = ? AND e.at >= ? AND e.at < ?', 1, 0, 10)).toMatch(
      /USING INDEX events_employee_at \(employee_id=\? AND at>\? AND at<\?\)/,
    );
    expect(plan('SELECT * FROM events e WHERE e.employee_id IN (SELECT value FROM json_each(?))', '[1]')).toMatch(
      /USING INDEX events_employee_at \(employee_id=\?\)/,
    );
    db.close();
  });
});
