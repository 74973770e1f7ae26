/**
 * Employees' own keys at rest: sealed with the data key, never in clear in the database file or
 * its WAL; plaintext keys of an older database sealed at the first open with the data key, none lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { migrate } from '../../../src-main/core/store/migrate.js';
import { migrations } from '../../../src-main/core/store/migrations/index.js';
import {
  createOwnKeyCipher,
  generateOwnKey,
  OWN_KEY_ALPHABET,
} from '../../../src-main/core/employees/own-key-cipher.js';
import {
  dataKeyPath,
  DataKeyUnavailableError,
  loadDataKeyFromFile,
} from '../../../src-main/core/employees/data-key.js';
import { storeFixture, type StoreFixture } from './store-fixture.js';

let f: StoreFixture;
afterEach(() => f?.cleanup());

const KEY_A = 'AAAAc3d4e5f6g789abcdef012345XXXX';
const KEY_B = 'BBBBc3d4e5f6g789abcdef012345YYYY';

/** Every byte the database keeps on disk: the file, and its WAL and shared-memory files if present. */
function bytesOnDisk(path: string): Buffer {
  return Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));
}

describe('own keys at rest', () => {
  it('a key set through the store is sealed: not in the file or the WAL, opens again, differs per seal', () => {
    f = storeFixture();
    const cipher = createOwnKeyCipher(randomBytes(32));
    const store = f.open({ ownKeys: () => cipher });
    const sara = store.addEmployee({ phone: '09102211824', name: 'Sara', department: '' });
    const reza = store.addEmployee({ phone: '09121234567', name: 'Reza', department: '' });
    store.setEmployeeKey(sara.id, KEY_A);
    store.setEmployeeKey(reza.id, KEY_A);
    expect(bytesOnDisk(f.path).includes(Buffer.from(KEY_A))).toBe(false);
    expect(store.employeeKey('09102211824')).toBe(KEY_A);
    const rows = new Database(f.path, { readonly: true })
      .prepare<[], { own_key: string | null; own_key_sealed: Buffer }>(
        'SELECT own_key, own_key_sealed FROM employees ORDER BY id',
      )
      .all();
    expect(rows.map((r) => r.own_key)).toEqual([null, null]);
    expect(rows[0]!.own_key_sealed.equals(rows[1]!.own_key_sealed)).toBe(false); // a fresh nonce each time
    store.close();
    expect(bytesOnDisk(f.path).includes(Buffer.from(KEY_A))).toBe(false);
  });

  it('another data key cannot open them, and a changed row is refused, not misread', () => {
    f = storeFixture();
    const store = f.open({ ownKeys: () => createOwnKeyCipher(randomBytes(32)) });
    const sara = store.addEmployee({ phone: '09102211824', name: 'Sara', department: '' });
    store.setEmployeeKey(sara.id, KEY_A);
    expect(() => store.employeeKey('09102211824')).toThrow(/does not open with this data key/);
    const cipher = createOwnKeyCipher(randomBytes(32));
    const sealed = cipher.seal(KEY_A);
    sealed[sealed.length - 1]! ^= 1;
    expect(() => cipher.open(sealed)).toThrow();
  });

  it('without the data key, keys can be neither set nor read', () => {
    f = storeFixture();
    const cipher = createOwnKeyCipher(randomBytes(32));
    const keyed = f.open({ ownKeys: () => cipher });
    const sara = keyed.addEmployee({ phone: '09102211824', name: 'Sara', department: '' });
    keyed.setEmployeeKey(sara.id, KEY_A);
    keyed.close();
    const bare = f.open();
    expect(() => bare.setEmployeeKey(sara.id, KEY_B)).toThrow(/data key/);
    expect(() => bare.employeeKey('09102211824')).toThrow(/data key/);
    expect(bare.listEmployees()[0]!.hasOwnKey).toBe(true);
  });

  it('plaintext keys of an older database are sealed at the first open with the data key, none lost, and gone from the disk', () => {
    f = storeFixture();
    // A database as version 4 left it: own keys in clear.
    const old = new Database(f.path);
    old.pragma('journal_mode = WAL');
    migrate(old, migrations.slice(0, 4));
    const insert = old.prepare(
      'INSERT INTO employees (phone, name, own_key, created_at, updated_at) VALUES (?, ?, ?, 1, 1)',
    );
    insert.run('989102211824', 'Sara', KEY_A);
    insert.run('989121234567', 'Reza', KEY_B);
    insert.run('989121112233', 'Mina', null);
    old.close();
    expect(bytesOnDisk(f.path).includes(Buffer.from(KEY_A))).toBe(true); // the test sees plaintext where it is

    // Opened without the data key (e.g. an export): migrated, keys still readable in clear, not lost.
    const bare = f.open();
    expect(bare.sealedAtOpen).toBe(0);
    expect(bare.employeeKey('09102211824')).toBe(KEY_A);
    bare.close();

    const cipher = createOwnKeyCipher(randomBytes(32));
    const store = f.open({ ownKeys: () => cipher });
    expect(store.sealedAtOpen).toBe(2);
    expect(store.employeeKey('09102211824')).toBe(KEY_A);
    expect(store.employeeKey('09121234567')).toBe(KEY_B);
    expect(store.employeeKey('09121112233')).toBeNull();
    expect(store.listEmployees().map((e) => [e.name, e.hasOwnKey])).toEqual([
      ['Mina', false],
      ['Reza', true],
      ['Sara', true],
    ]);
    store.close();
    const onDisk = bytesOnDisk(f.path);
    expect(onDisk.includes(Buffer.from(KEY_A))).toBe(false);
    expect(onDisk.includes(Buffer.from(KEY_B))).toBe(false);
    // Opening again seals nothing more.
    const again = f.open({ ownKeys: () => cipher });
    expect(again.sealedAtOpen).toBe(0);
    expect(again.employeeKey('989121234567')).toBe(KEY_B);
  });

  it('the CLI data key file: created once with mode 0600 beside the database, read back the same', () => {
    f = storeFixture();
    expect(loadDataKeyFromFile(f.path, { create: false })).toBeNull();
    expect(existsSync(dataKeyPath(f.path))).toBe(false);
    const created = loadDataKeyFromFile(f.path, { create: true })!;
    expect(created.protection).toBe('file');
    if (process.platform !== 'win32') expect(statSync(dataKeyPath(f.path)).mode & 0o777).toBe(0o600);
    expect(loadDataKeyFromFile(f.path, { create: true })!.key.equals(created.key)).toBe(true);
  });

  it('a data key file sealed by the desktop keychain is not taken for a plain one', async () => {
    f = storeFixture();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(dataKeyPath(f.path), JSON.stringify({ version: 1, sealedBy: 'keychain', key: 'opaque' }));
    expect(() => loadDataKeyFromFile(f.path, { create: true })).toThrow(DataKeyUnavailableError);
  });

  it('generated keys: 32 characters of the unambiguous alphabet, each different', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateOwnKey()));
    expect(keys.size).toBe(200);
    for (const key of keys) {
      expect(Buffer.byteLength(key, 'utf8')).toBe(32);
      for (const c of key) expect(OWN_KEY_ALPHABET).toContain(c);
    }
    // Every symbol turns up: the draw covers the whole alphabet.
    expect(new Set([...keys].join('')).size).toBe(OWN_KEY_ALPHABET.length);
  });
});
