import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { StorageError } from '../../../src-main/core/store/attendance-store.js';
import { toStorageError } from '../../../src-main/core/store/storage-error.js';
import { attendance, storeFixture, type StoreFixture } from './store-fixture.js';
import { countEvents, countAcks } from '../../support/db-counts.js';

let f: StoreFixture;
let other: Database.Database | undefined;
afterEach(() => {
  other?.close();
  other = undefined;
  f?.cleanup();
});

describe('storage errors', () => {
  it('SQLITE_BUSY while another program holds the write lock: StorageError, nothing half-written', () => {
    f = storeFixture();
    const store = f.open();
    store.recordMessage(attendance(f.clock.now, 'arrival'));
    other = new Database(f.path);
    other.exec('BEGIN EXCLUSIVE');

    const started = Date.now();
    let error: unknown;
    try {
      store.recordMessage(attendance(f.clock.now + 1000, 'exit'));
    } catch (e) {
      error = e;
    }
    const waited = Date.now() - started;
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toMatch(/^SQLITE_BUSY/);
    expect((error as StorageError).message).toMatch(/^The database is locked by another program/);
    expect(waited).toBeGreaterThanOrEqual(1_500); // the busy timeout was honoured
    expect(() => store.addEmployee({ phone: '09121234567', name: 'Reza', department: '' })).toThrow(StorageError);

    other.exec('ROLLBACK');
    expect(store.listMessages({ limit: 10 }).total).toBe(1);
    expect(countEvents(store)).toBe(1);
    expect(countAcks(store)).toBe(1);
    // Once released, the same message goes in whole.
    const retried = store.recordMessage(attendance(f.clock.now + 1000, 'exit'));
    expect(retried.message.outcome).toBe('recorded');
    expect([store.listMessages({ limit: 10 }).total, countEvents(store), countAcks(store)]).toEqual([2, 2, 2]);
  });

  it('maps real SQLite failures to messages a user can act on', () => {
    f = storeFixture();
    f.open().close();
    const capture = (fn: () => unknown): StorageError => {
      try {
        fn();
      } catch (error) {
        const wrapped = toStorageError(error);
        if (wrapped instanceof StorageError) return wrapped;
        throw error;
      }
      throw new Error('expected a SQLite error');
    };
    other = new Database(f.path);
    // A database that may not grow plays a full disk: SQLite reports SQLITE_FULL the same way.
    other.pragma(`max_page_count = ${other.pragma('page_count', { simple: true }) as number}`);
    const full = capture(() =>
      other!
        .prepare('INSERT INTO employees (phone, name, created_at, updated_at) VALUES (?, ?, 1, 1)')
        .run('1'.repeat(10), 'x'.repeat(50_000)),
    );
    expect(full.code).toBe('SQLITE_FULL');
    expect(full.message).toMatch(/^The disk is full \(SQLITE_FULL: /);
    other.close();

    other = new Database(f.path, { readonly: true });
    const readOnly = capture(() =>
      other!.exec("INSERT INTO employees (phone, name, created_at, updated_at) VALUES ('1', 'x', 1, 1)"),
    );
    expect(readOnly.code).toMatch(/^SQLITE_READONLY/);
    expect(readOnly.message).toMatch(/^The database file is read-only/);

    const plain = new Error('not from SQLite');
    expect(toStorageError(plain)).toBe(plain);
  });
});
