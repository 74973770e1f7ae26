/**
 * Backups and restore on real SQLite files: the online backup while the database is being written,
 * verification, the backup log, restore from a good and from a damaged backup, the lock that keeps
 * a restore away from a running owner, and a wrecked database file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { attendance, storeFixture, tehran, type StoreFixture } from '../store/store-fixture.js';
import type { AttendanceStore } from '../../../src-main/core/store/attendance-store.js';
import { openStore } from '../../../src-main/core/store/attendance-store.js';
import { takeBackup } from '../../../src-main/core/backup/take-backup.js';
import { verifyDatabaseFile } from '../../../src-main/core/backup/verify-database.js';
import { lastGoodBackup, readBackupLog } from '../../../src-main/core/backup/backup-log.js';
import { restoreDatabase, RestoreRefusedError } from '../../../src-main/core/backup/restore.js';
import { acquireDatabaseLock, DatabaseInUseError, lockFilePath } from '../../../src-main/core/backup/database-lock.js';
import {
  damageReport,
  damagedDatabaseMessage,
  isDamagedDatabaseError,
} from '../../../src-main/core/backup/damaged-database.js';
import { listBackupFiles } from '../../../src-main/core/backup/backup-files.js';
import { countEvents } from '../../support/db-counts.js';

function fill(store: AttendanceStore, from: number, count: number): void {
  store.batch(() => {
    for (let i = 0; i < count; i++) {
      const at = tehran('2026-11-25T08:00:00') + (from + i) * 1000;
      store.recordMessage(
        attendance(at, i % 2 ? 'exit' : 'arrival', {
          source: `98912${String(1_000_000 + ((from + i) % 500)).slice(1)}1`,
          envelope: `env-${from + i}`,
        }),
      );
    }
  });
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('backup and restore', () => {
  let fx: StoreFixture;
  let store: AttendanceStore;
  beforeEach(() => {
    fx = storeFixture();
    store = fx.open();
    store.addEmployee({ phone: '09121234567', name: 'Sara Ahmadi', department: 'IT' });
    fill(store, 0, 2000);
  });
  afterEach(() => fx.cleanup());

  it('writes a verified standalone file of mode 0600 and records it', async () => {
    const dir = join(fx.dir, 'backups');
    const record = await takeBackup(fx.path, dir, 'manual');
    expect(record.ok, record.error).toBe(true);
    expect(record.counts).toEqual({ employees: 1, messages: 2000, events: 2000, acks: 2000 });
    expect(statSync(record.file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const header = readFileSync(record.file).subarray(18, 20);
    expect([...header]).toEqual([1, 1]); // rollback journal: the file stands alone, no WAL needed
    expect(existsSync(`${record.file}-wal`)).toBe(false);
    expect(readBackupLog(fx.path)).toEqual([record]);
    expect(lastGoodBackup(fx.path)?.file).toBe(record.file);
    expect(listBackupFiles(dir).map((f) => f.file)).toEqual([record.file]);
    expect(statSync(`${fx.path}.backups.jsonl`).mode & 0o777).toBe(0o600);
  });

  it('copies on a worker thread', async () => {
    const { copyAndInspectOffThread } = await import('../../../src-main/core/backup/backup-worker.js');
    const dest = join(fx.dir, 'copy.db');
    writeFileSync(dest, '');
    const outcome = await copyAndInspectOffThread({
      source: fx.path,
      dest,
      pagesPerStep: 16,
      syncEveryPages: 64,
      pauseMs: 1,
      busyTimeoutMs: 2000,
      tables: ['events', 'employees'],
    });
    expect(outcome.ranOn).toBe('worker');
    expect(outcome.snapshot.counts).toEqual({ events: 2000, employees: 1 });
    expect(outcome.copy).toMatchObject({ integrity: ['ok'], counts: { events: 2000, employees: 1 } });
  });

  it.each([
    ['a worker thread', false],
    ['this thread', true],
  ])('is one consistent snapshot while the process keeps committing (copy on %s)', async (_where, inline) => {
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        fill(store, 10_000 + written, 5);
        written += 5;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const record = await takeBackup(fx.path, join(fx.dir, 'backups'), 'daily', { pagesPerStep: 4, inline });
    writing = false;
    await writer;
    expect(record.ok, record.error).toBe(true);
    expect(written).toBeGreaterThan(0); // the writes really interleaved with the copy
    const c = record.counts!;
    expect(c.messages).toBeGreaterThanOrEqual(2000);
    expect(c.messages).toBeLessThan(2000 + written); // the copy is the moment it began, not the end
    // Every message in the copy has its event and its ack: no torn transaction.
    const copy = new BetterSqlite3(record.file, { readonly: true });
    try {
      expect(
        copy
          .prepare(
            'SELECT COUNT(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.message_id = m.id)',
          )
          .pluck()
          .get(),
      ).toBe(0);
      expect(
        copy
          .prepare('SELECT COUNT(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM acks a WHERE a.message_id = m.id)')
          .pluck()
          .get(),
      ).toBe(0);
    } finally {
      copy.close();
    }
  });

  it('restores a good backup and keeps the replaced database beside it', async () => {
    const record = await takeBackup(fx.path, join(fx.dir, 'backups'), 'manual');
    fill(store, 50_000, 300); // written after the backup: gone after the restore, kept in the safety copy
    store.close();
    const result = restoreDatabase(fx.path, record.file);
    expect(result.counts.messages).toBe(2000);
    expect(result.safetyCopy).not.toBeNull();
    expect(statSync(fx.path).mode & 0o777).toBe(0o600);
    const restored = openStore(fx.path);
    try {
      expect(countEvents(restored)).toBe(2000);
    } finally {
      restored.close();
    }
    const safety = new BetterSqlite3(result.safetyCopy!, { readonly: true });
    try {
      expect(safety.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(2300);
    } finally {
      safety.close();
    }
  });

  it('refuses a truncated backup, a wrong file and an empty one without touching the database', async () => {
    const record = await takeBackup(fx.path, join(fx.dir, 'backups'), 'manual');
    store.close();
    const before = sha(fx.path);
    const truncated = join(fx.dir, 'truncated.db');
    writeFileSync(truncated, readFileSync(record.file).subarray(0, Math.floor(statSync(record.file).size / 2)));
    const text = join(fx.dir, 'notes.db');
    writeFileSync(text, 'phone,name\n0912,Sara\n'.repeat(300));
    const empty = join(fx.dir, 'empty.db');
    writeFileSync(empty, '');
    const other = join(fx.dir, 'other.db');
    new BetterSqlite3(other).exec('CREATE TABLE t(x)').close();

    expect(() => restoreDatabase(fx.path, truncated)).toThrow(/cannot be restored: .*The database was not changed/);
    expect(() => restoreDatabase(fx.path, text)).toThrow(/header is wrong/);
    expect(() => restoreDatabase(fx.path, empty)).toThrow(/empty/);
    expect(() => restoreDatabase(fx.path, other)).toThrow(/not an SMPP Attendance one/);
    expect(() => restoreDatabase(fx.path, join(fx.dir, 'missing.db'))).toThrow(RestoreRefusedError);
    expect(sha(fx.path)).toBe(before);
    expect(existsSync(`${fx.path}.restoring`)).toBe(false);
    expect(readdirSync(fx.dir).filter((n) => n.includes('before-restore'))).toEqual([]);
  });

  it('refuses while a live process holds the lock, and ignores a stale lock', async () => {
    const record = await takeBackup(fx.path, join(fx.dir, 'backups'), 'manual');
    store.close();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(
        lockFilePath(fx.path),
        JSON.stringify({
          pid: child.pid,
          owner: 'serve',
          since: Date.now(),
          host: (await import('node:os')).hostname(),
        }),
      );
      const before = sha(fx.path);
      expect(() => restoreDatabase(fx.path, record.file)).toThrow(DatabaseInUseError);
      expect(() => restoreDatabase(fx.path, record.file)).toThrow(
        new RegExp(`in use by serve \\(process ${child.pid}`),
      );
      expect(sha(fx.path)).toBe(before);
      expect(() => acquireDatabaseLock(fx.path, 'preview')).toThrow(DatabaseInUseError);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
    }
    // Its process is gone: the lock is stale.
    expect(restoreDatabase(fx.path, record.file).counts.events).toBe(2000);
    const release = acquireDatabaseLock(fx.path, 'serve');
    expect(JSON.parse(readFileSync(lockFilePath(fx.path), 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(lockFilePath(fx.path))).toBe(false);
  });

  it('a lock from before a restart, or a leftover of the single-instance app itself, does not keep the database locked', async () => {
    store.close();
    const { hostname, uptime } = await import('node:os');
    const boot = Math.round((Date.now() - uptime() * 1000) / 60_000) * 60_000;
    const alive = process.ppid; // a live process that is not this one
    writeFileSync(
      lockFilePath(fx.path),
      JSON.stringify({ pid: alive, owner: 'the desktop app', since: 0, host: hostname(), boot: boot - 3600_000 }),
    );
    acquireDatabaseLock(fx.path, 'serve')(); // written before this machine's restart: stale
    writeFileSync(
      lockFilePath(fx.path),
      JSON.stringify({ pid: alive, owner: 'the desktop app', since: 0, host: hostname(), boot }),
    );
    expect(() => acquireDatabaseLock(fx.path, 'serve')).toThrow(DatabaseInUseError);
    expect(() => acquireDatabaseLock(fx.path, 'the desktop app')).toThrow(DatabaseInUseError);
    acquireDatabaseLock(fx.path, 'the desktop app', { onlyInstance: true })();
    expect(existsSync(lockFilePath(fx.path))).toBe(false);
  });

  it('a wrecked database: a clear damage error naming the newest good backup, and restore brings it back', async () => {
    await takeBackup(fx.path, join(fx.dir, 'backups'), 'daily', { now: () => tehran('2026-11-27T13:00:00') });
    const newest = await takeBackup(fx.path, join(fx.dir, 'backups'), 'daily', {
      now: () => tehran('2026-11-28T13:00:00'),
    });
    store.close();

    // Garbage over the header: SQLITE_NOTADB.
    const fd = openSync(fx.path, 'r+');
    writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
    closeSync(fd);
    let error: unknown;
    try {
      openStore(fx.path).close();
    } catch (e) {
      error = e;
    }
    expect(isDamagedDatabaseError(error), `${String(error)} ${(error as { code?: string })?.code}`).toBe(true);
    const message = damagedDatabaseMessage(damageReport(fx.path, error));
    expect(message).toMatch(/is not a readable database/);
    expect(message).toContain(`The newest good backup is '${newest.file}'`);
    expect(message).toContain(`restore --db ${fx.path} --from ${newest.file}`);

    expect(verifyDatabaseFile(fx.path).ok).toBe(false);
    const result = restoreDatabase(fx.path, newest.file);
    expect(result.counts.events).toBe(2000);
    expect(verifyDatabaseFile(result.safetyCopy!).ok).toBe(false); // the wreck is kept as it was
  });

  it('a database cut short: SQLITE_CORRUPT when read, reported as damaged', () => {
    store.close();
    truncateSync(fx.path, Math.floor(statSync(fx.path).size / 3));
    let error: unknown;
    try {
      const s = openStore(fx.path);
      try {
        s.listEvents({ offset: 0, limit: 10_000 });
        countEvents(s);
      } finally {
        s.close();
      }
    } catch (e) {
      error = e;
    }
    expect(isDamagedDatabaseError(error), `${String(error)} ${(error as { code?: string })?.code}`).toBe(true);
    expect(damagedDatabaseMessage(damageReport(fx.path, error))).toMatch(
      /is damaged \(SQLITE_CORRUPT.*\)\.\nNo good backup of this database is recorded/,
    );
  });
});

describe('before a migration', () => {
  it('backs up a database of an older schema into backups/ beside it, verified, before upgrading it', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { migrate } = await import('../../../src-main/core/store/migrate.js');
    const { migrations } = await import('../../../src-main/core/store/migrations/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'smpp-premig-'));
    try {
      const path = join(dir, 'attendance.db');
      const old = new BetterSqlite3(path);
      old.pragma('journal_mode = WAL');
      migrate(old, migrations.slice(0, 2));
      old
        .prepare(
          "INSERT INTO employees (phone, name, department, active, created_at, updated_at) VALUES ('989121234567', 'Sara', 'IT', 1, 0, 0)",
        )
        .run();
      old.close();

      const store = openStore(path);
      store.close();
      const records = readBackupLog(path);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        ok: true,
        trigger: 'pre-migration',
        schemaVersion: 2,
        counts: { employees: 1 },
      });
      expect(records[0]!.file.startsWith(join(dir, 'backups'))).toBe(true);
      expect(statSync(records[0]!.file).mode & 0o777).toBe(0o600);
      const copy = new BetterSqlite3(records[0]!.file, { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(2);
      copy.close();

      openStore(path).close(); // up to date now: no second backup
      expect(readBackupLog(path)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the backup service (what the app and serve run)', () => {
  let fx: StoreFixture;
  beforeEach(() => {
    fx = storeFixture();
    const store = fx.open();
    fill(store, 0, 50);
  });
  afterEach(() => fx.cleanup());

  it('takes the missed daily backup at start, then waits for the next slot; status says when the last good one is too old', async () => {
    const { createBackupService, BACKUP_STALE_MS } = await import('../../../src-main/core/backup/backup-service.js');
    let now = tehran('2026-11-29T15:00:00');
    const taken: string[] = [];
    const service = createBackupService({
      dbPath: fx.path,
      dir: join(fx.dir, 'daily'),
      time: '13:00',
      now: () => now,
      onBackup: (r) => taken.push(r.file),
    });
    expect(service.status()).toMatchObject({ lastGood: null, stale: true, nextDailyAt: now });
    service.start();
    try {
      const deadline = Date.now() + 20_000;
      while (taken.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(taken).toHaveLength(1);
      expect(taken[0]).toMatch(/attendance-2026-11-29_150000-daily\.db$/);
      const status = service.status();
      expect(status.lastGood?.file).toBe(taken[0]);
      expect(status.stale).toBe(false);
      expect(status.nextDailyAt).toBe(tehran('2026-11-30T13:00:00'));
      expect(service.list().map((f) => f.file)).toEqual(taken);
      await new Promise((r) => setTimeout(r, 300));
      expect(taken).toHaveLength(1); // not again the same day

      now += BACKUP_STALE_MS + 60_000;
      expect(service.status().stale).toBe(true);
    } finally {
      service.stop();
    }
  });

  it('back up now applies the retention rule to the folder, and never touches other files there', async () => {
    const { createBackupService } = await import('../../../src-main/core/backup/backup-service.js');
    const dir = join(fx.dir, 'kept');
    let now = tehran('2026-11-01T13:00:00');
    const service = createBackupService({
      dbPath: fx.path,
      dir,
      now: () => now,
      retention: { daily: 2, weekly: 0, monthly: 0, preMigration: 0 },
    });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const files: string[] = [];
    for (let day = 0; day < 4; day++) {
      now = tehran('2026-11-01T13:00:00') + day * 24 * 3600_000;
      const r = await service.backupNow();
      expect(r.ok, r.error).toBe(true);
      files.push(r.file);
    }
    expect(service.list().map((f) => f.file)).toEqual([files[3], files[2]]);
    expect(readdirSync(dir).sort()).toEqual(
      [...files.slice(2).map((f) => f.slice(dir.length + 1)), 'notes.txt'].sort(),
    );
    expect(readBackupLog(fx.path).filter((r) => r.ok)).toHaveLength(4); // the log keeps every backup taken
    expect(lastGoodBackup(fx.path)?.file).toBe(files[3]);
  });
});
