/**
 * Background checkpoints (store/wal-checkpointer.ts) on real SQLite files: a worker thread with its
 * own connection copies committed pages from the write-ahead log into the main file, the writer's
 * own auto-checkpoint waits for the hard limit meanwhile, and gets SQLite's default back when the
 * worker stops or cannot start.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../src-main/core/store/database.js';
import {
  DEFAULT_AUTOCHECKPOINT_PAGES,
  HARD_LIMIT_PAGES,
  startWalCheckpointer,
  type WalCheckpointer,
} from '../../../src-main/core/store/wal-checkpointer.js';
import { attendance, storeFixture, type StoreFixture } from './store-fixture.js';

let f: StoreFixture | undefined;
let checkpointer: WalCheckpointer | undefined;
afterEach(() => {
  checkpointer?.stop();
  checkpointer = undefined;
  f?.cleanup();
  f = undefined;
});

async function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Events in the main file alone, as a copy without its -wal would show them (null: caught mid-write). */
function eventsInMainFile(fixture: StoreFixture): number | null {
  const copy = join(fixture.dir, 'main-only.db');
  rmSync(copy, { force: true });
  rmSync(`${copy}-wal`, { force: true });
  rmSync(`${copy}-shm`, { force: true });
  copyFileSync(fixture.path, copy);
  try {
    const db = new Database(copy, { fileMustExist: true });
    try {
      return db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

const autocheckpoint = (db: Database.Database): number => db.pragma('wal_autocheckpoint', { simple: true }) as number;

describe('background WAL checkpoints', () => {
  it('start with the first group commit; the worker, not the writer, copies the committed pages into the main file', async () => {
    f = storeFixture();
    const store = f.open();
    expect(store.checkpoints().mode).toBe('none'); // a store that only reads starts no worker
    const phones = ['989102211824', '989121111111', '989122222222', '989123333333', '989124444444'];
    for (let batch = 0; batch < 5; batch++) {
      store.batch(() => {
        for (let i = 0; i < 10; i++)
          store.recordMessage(
            attendance(f!.clock.now + batch * 60_000 + i * 1_000, i % 2 === 0 ? 'arrival' : 'exit', {
              source: phones[i % phones.length],
              envelope: `cipher-${batch}-${i}`,
            }),
          );
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until('the worker', () => store.checkpoints().mode === 'worker');
    // 50 messages write a few hundred pages to the log: under SQLite's default of 1,000, so the
    // writer would not have checkpointed them by itself; only the worker puts them in the main file.
    expect(statSync(`${f.path}-wal`).size / 4_120).toBeLessThan(DEFAULT_AUTOCHECKPOINT_PAGES);
    await until('all 50 events in the main file alone', () => eventsInMainFile(f!) === 50);
    expect(store.checkpoints().checkpoints).toBeGreaterThan(0);
    expect(store.checkpoints().pages).toBeGreaterThan(0);

    store.close();
    expect(store.checkpoints().mode).toBe('writer');
    // The worker closed its connection first, so closing still folds the whole log into the file.
    expect(!existsSync(`${f.path}-wal`) || statSync(`${f.path}-wal`).size === 0).toBe(true);
    expect(eventsInMainFile(f)).toBe(50);
  });

  it('raise the writer’s own limit while the worker runs, and give the default back when it stops', async () => {
    f = storeFixture();
    const writer = openDatabase(f.path);
    try {
      expect(autocheckpoint(writer)).toBe(DEFAULT_AUTOCHECKPOINT_PAGES);
      checkpointer = startWalCheckpointer(f.path, writer);
      await until('the worker', () => checkpointer!.mode() === 'worker');
      expect(autocheckpoint(writer)).toBe(HARD_LIMIT_PAGES);
      checkpointer.stop();
      expect(checkpointer.mode()).toBe('writer');
      expect(autocheckpoint(writer)).toBe(DEFAULT_AUTOCHECKPOINT_PAGES);
    } finally {
      writer.close();
    }
  });

  it('a worker that cannot open the file leaves the checkpoints to the writer', async () => {
    f = storeFixture();
    const writer = openDatabase(f.path);
    try {
      checkpointer = startWalCheckpointer(join(f.dir, 'no-such-folder', 'attendance.db'), writer);
      await until('the fallback', () => checkpointer!.mode() === 'writer');
      expect(autocheckpoint(writer)).toBe(DEFAULT_AUTOCHECKPOINT_PAGES);
    } finally {
      writer.close();
    }
  });

  it('can be turned off: the writer checkpoints as SQLite does by default', () => {
    f = storeFixture();
    const store = f.open({ backgroundCheckpoints: false });
    store.batch(() => store.recordMessage(attendance(f!.clock.now, 'arrival')));
    expect(store.checkpoints().mode).toBe('none');
    store.close();
  });
});
