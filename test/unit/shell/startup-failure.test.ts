/**
 * What the desktop app tells the user when it cannot start (electron/startup-failure.ts), fed with
 * the errors the real core raises on real files: a newer database, a locked one, a damaged one, a
 * folder that cannot be created, and a native addon that cannot be loaded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createAppCore } from '../../../src-main/core/app-core.js';
import { openDatabase } from '../../../src-main/core/store/database.js';
import { latestSchemaVersion } from '../../../src-main/core/store/migrate.js';
import { StorageError } from '../../../src-main/core/store/storage-error.js';
import {
  classifyStartupError,
  describeStartupFailure,
  startupFailureButtons,
  type StartupFailureCode,
} from '../../../src-main/electron/startup-failure.js';
import { settingsFor, tempDir } from '../../support/core-harness.js';

/** The error the real core raises when it is opened on `dbPath`; fails the test if it opens. */
function startupError(dbPath: string): unknown {
  try {
    const core = createAppCore({ dbPath, settings: settingsFor({ port: 2775 }) });
    void core.close();
  } catch (error) {
    return error;
  }
  throw new Error(`the core opened ${dbPath}`);
}

describe('start-up failures', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir('startup-'));
  });
  afterEach(() => cleanup());

  const expectAdvice = (error: unknown, dbPath: string, code: StartupFailureCode, advice: RegExp): void => {
    expect(classifyStartupError(error)).toBe(code);
    const en = describeStartupFailure(error, { dbPath, isPackaged: true, language: 'en' });
    expect(en.code).toBe(code);
    expect(en.message).toMatch(advice);
    expect(en.message).toContain(dbPath);
    expect(en.detail).toContain((error as Error).message);
    const fa = describeStartupFailure(error, { dbPath, isPackaged: true, language: 'fa' });
    expect(fa.title).toMatch(/[\u0600-\u06FF]/);
    expect(fa.message).toContain(dbPath);
    expect(fa.title).not.toBe(en.title);
  };

  it('a database from a newer version: install that version; the file was not changed', () => {
    const dbPath = join(dir, 'attendance.db');
    const db = new Database(dbPath);
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    db.close();
    expectAdvice(
      startupError(dbPath),
      dbPath,
      'database-too-new',
      /Install the newer version.*has not changed it|has not changed it.*Install/s,
    );
  });

  it('a database another program holds locked: close it and open the app again', () => {
    const dbPath = join(dir, 'attendance.db');
    openDatabase(dbPath).close();
    const holder = new Database(dbPath);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      let error: unknown;
      try {
        openDatabase(dbPath, { busyTimeoutMs: 50 }).close();
      } catch (e) {
        error = e;
      }
      // The read-only probe for a newer schema is the first to wait, and gives up after its own timeout.
      expect(error).toMatchObject({ code: 'SQLITE_BUSY' });
      expectAdvice(error, dbPath, 'database-locked', /Close it.*open SMPP Attendance again/s);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('a file that is not a database: keep it aside, do not delete it', () => {
    const dbPath = join(dir, 'attendance.db');
    writeFileSync(
      dbPath,
      'these are not the bytes of an SQLite database, but they are long enough to look like one '.repeat(20),
    );
    expectAdvice(startupError(dbPath), dbPath, 'database-damaged', /Do not delete it/);
  });

  it('a folder that cannot be opened: check the disk and the folder', () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const dbPath = join(blocker, 'attendance.db');
    expectAdvice(startupError(dbPath), dbPath, 'database-unreadable', /disk is connected/);
  });

  it('a folder that does not exist (better-sqlite3 refuses before SQLite is asked)', () => {
    const dbPath = join(dir, 'gone', 'attendance.db');
    const error = startupError(dbPath);
    expect(error).toBeInstanceOf(TypeError);
    expectAdvice(error, dbPath, 'database-unreadable', /disk is connected/);
  });

  it('a full disk, from SQLite or from the file system', () => {
    const dbPath = join(dir, 'attendance.db');
    expectAdvice(
      new StorageError('The disk is full (SQLITE_FULL: database or disk is full)', 'SQLITE_FULL', {
        code: 'disk-full',
        params: { sqlite: 'SQLITE_FULL' },
      }),
      dbPath,
      'disk-full',
      /Free some space/,
    );
    expectAdvice(
      Object.assign(new Error("ENOSPC: no space left on device, mkdir '/x'"), { code: 'ENOSPC' }),
      dbPath,
      'disk-full',
      /Free some space/,
    );
  });

  it('a native addon that does not load: reinstall the packaged app, or rebuild from source', () => {
    const fake = join(dir, 'better_sqlite3.node');
    mkdirSync(dir, { recursive: true });
    writeFileSync(fake, 'not a shared library');
    let dlopen: unknown;
    try {
      process.dlopen({ exports: {} }, fake);
    } catch (error) {
      dlopen = error;
    }
    expect(dlopen).toMatchObject({ code: 'ERR_DLOPEN_FAILED' });
    const dbPath = join(dir, 'attendance.db');
    expect(classifyStartupError(dlopen)).toBe('native-module');
    // Node's own words for an addon built for another ABI (there is no such build here to load).
    const abi = new Error(
      `The module '${fake}'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 127. This version of Node.js requires\nNODE_MODULE_VERSION 140. Please try re-compiling or re-installing\nthe module (for instance, using \`npm rebuild\` or \`npm install\`).`,
    );
    for (const error of [dlopen, abi]) {
      const packaged = describeStartupFailure(error, { dbPath, isPackaged: true, language: 'en' });
      expect(packaged).toMatchObject({ code: 'native-module', showDatabase: false });
      expect(packaged.message).toMatch(/Reinstall SMPP Attendance/);
      expect(describeStartupFailure(error, { dbPath, isPackaged: false, language: 'en' }).message).toMatch(/npm start/);
    }
  });

  it('anything else still says what to do, and the buttons offer the database file only when it helps', () => {
    const failure = describeStartupFailure(new TypeError('boom'), {
      dbPath: '/data/attendance.db',
      isPackaged: true,
      language: 'en',
    });
    expect(failure).toMatchObject({ code: 'unexpected', showDatabase: true, detail: 'TypeError: boom' });
    expect(failure.message).toMatch(/Open it again/);
    expect(describeStartupFailure('a string', { dbPath: '/d', isPackaged: true, language: 'en' }).code).toBe(
      'unexpected',
    );
    expect(startupFailureButtons('en', true)).toEqual(['Show the database file', 'Quit']);
    expect(startupFailureButtons('en', false)).toEqual(['Quit']);
    expect(startupFailureButtons('fa', true)).toHaveLength(2);
  });
});
