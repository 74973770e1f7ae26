/**
 * The built Electron main bundle (dist/electron/main.js) run for real under plain Node, with the
 * `electron` module replaced by a stand-in (fixtures/electron-stand-in) that reports what the app
 * asks of Electron. Checks the wiring that otherwise only a real Electron would exercise: the
 * development user-data folder, the database and settings opened there, the window's preload and
 * page, the per-platform tray icons, the IPC sender check by identity, the CSP header on our page
 * only, the clean quit, and the start-up failure dialog.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { contentSecurityPolicy } from '../../src-main/contract/content-security-policy.js';
import { requestNames } from '../../src-main/contract/channels.js';
import { latestSchemaVersion } from '../../src-main/core/store/migrate.js';
import { createAppCore } from '../../src-main/core/app-core.js';
import { takeBackup } from '../../src-main/core/backup/take-backup.js';
import { settingsFor } from '../support/core-harness.js';
import { PRODUCT_NAME, userDataFolderName } from '../../src-main/electron/app-identity.js';
import { projectDir } from './electron-binary.js';

type Line = { event: string } & Record<string, unknown>;

describe('the Electron main bundle under an electron stand-in', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** An app folder like the project's (the built dist/, resources/, package.json) with the stand-in as `electron`. */
  function appFolder(): { app: string; appData: string } {
    for (const built of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
      if (!existsSync(join(projectDir, built))) throw new Error(`${built} is not built: run \`npm run build\` first`);
    }
    const root = mkdtempSync(join(tmpdir(), 'attendance-main-'));
    dirs.push(root);
    const app = join(root, 'app');
    mkdirSync(join(app, 'dist'), { recursive: true });
    cpSync(join(projectDir, 'dist', 'electron'), join(app, 'dist', 'electron'), {
      recursive: true,
      filter: (p) => !p.includes('node_modules'),
    });
    symlinkSync(join(projectDir, 'dist', 'renderer'), join(app, 'dist', 'renderer'));
    symlinkSync(join(projectDir, 'resources'), join(app, 'resources'));
    cpSync(join(projectDir, 'package.json'), join(app, 'package.json'));
    mkdirSync(join(app, 'node_modules'));
    cpSync(join(import.meta.dirname, 'fixtures', 'electron-stand-in'), join(app, 'node_modules', 'electron'), {
      recursive: true,
    });
    for (const name of ['better-sqlite3', 'smpp'])
      symlinkSync(join(projectDir, 'node_modules', name), join(app, 'node_modules', name));
    const appData = join(root, 'appData');
    mkdirSync(appData);
    return { app, appData };
  }

  function run(
    app: string,
    scenario: Record<string, unknown>,
  ): { status: number | null; lines: Line[]; stderr: string } {
    const child = spawnSync(process.execPath, [join(app, 'dist', 'electron', 'main.js')], {
      cwd: app,
      env: { ...process.env, ELECTRON_STAND_IN: JSON.stringify(scenario) },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const lines = child.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Line);
    return { status: child.status, lines, stderr: child.stderr };
  }
  const find = (lines: Line[], event: string): Line[] => lines.filter((l) => l.event === event);

  it('starts in its own development folder, serves only its own page, and quits cleanly', () => {
    const { app, appData } = appFolder();
    const { status, lines, stderr } = run(app, { appData, quitAfterLoad: true });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const userData = join(appData, userDataFolderName(false));
    expect(userData).not.toBe(join(appData, PRODUCT_NAME));
    expect(find(lines, 'setPath')).toEqual([{ event: 'setPath', name: 'userData', value: userData }]);
    expect(find(lines, 'requestSingleInstanceLock')).toEqual([{ event: 'requestSingleInstanceLock', userData }]);
    expect(existsSync(join(userData, 'attendance.db'))).toBe(true);

    expect(find(lines, 'BrowserWindow')).toEqual([
      {
        event: 'BrowserWindow',
        preload: join(app, 'dist', 'electron', 'preload.cjs'),
        preloadExists: true,
        sandbox: true,
        contextIsolation: true,
        devTools: true,
        disableBlinkFeatures: 'Auxclick',
      },
    ]);
    // The page comes from app://renderer/, registered as a standard, secure scheme before the app is ready, with the CSP as a header.
    expect(find(lines, 'registerSchemesAsPrivileged')).toEqual([
      {
        event: 'registerSchemesAsPrivileged',
        schemes: [{ scheme: 'app', privileges: { standard: true, secure: true } }],
        ready: false,
      },
    ]);
    const csp = contentSecurityPolicy({ kind: 'desktop' });
    const indexBytes = statSync(join(app, 'dist', 'renderer', 'index.html')).size;
    expect(find(lines, 'loadURL')).toEqual([
      {
        event: 'loadURL',
        url: 'app://renderer/index.html',
        status: 200,
        type: 'text/html; charset=utf-8',
        csp,
        bytes: indexBytes,
      },
    ]);
    // Nothing outside dist/renderer, however the path is spelt; another host of the scheme neither; `/` is the page.
    expect(find(lines, 'probe').map((l) => [l.url, l.status])).toEqual([
      ['app://renderer/assets/../../package.json', 404],
      ['app://renderer/%2e%2e/%2e%2e/package.json', 404],
      ['app://renderer/..%2f..%2fpackage.json', 404],
      ['app://renderer/..%5c..%5cpackage.json', 404],
      ['app://renderer/', 200],
      ['app://elsewhere/index.html', 404],
    ]);
    expect(find(lines, 'setApplicationMenu')).toEqual([]); // from source the default menu (and DevTools) stay
    const icons = find(lines, 'icon');
    expect(icons.map((l) => l.path)).toEqual(
      ['bound', 'trouble', 'disconnected'].map((n) => join(app, 'resources', 'tray', 'linux', `${n}.png`)),
    );
    expect(icons.every((l) => l.exists)).toBe(true);

    const [ipc] = find(lines, 'ipc');
    expect(ipc).toMatchObject({
      channels: requestNames.length,
      own: { ok: true, value: { kind: 'disconnected' } },
      stranger: { ok: false, error: { code: 'refused' } },
    });
    expect(find(lines, 'csp')).toEqual([
      { event: 'csp', own: [contentSecurityPolicy({ kind: 'desktop' })], devtools: null },
    ]);

    // Disconnected: closing for the quit is not turned into hiding; the core closes before the exit.
    expect(find(lines, 'window-close')).toEqual([{ event: 'window-close', prevented: false }]);
    // will-quit is delayed until the core has closed: the database was closed (its WAL folded in and removed) before the exit.
    const order = lines.map((l) => l.event).filter((e) => ['will-quit', 'tray-destroyed', 'exit'].includes(e));
    expect(order).toEqual(['tray-destroyed', 'will-quit', 'will-quit', 'exit']);
    expect(find(lines, 'will-quit').map((l) => l.prevented)).toEqual([true, false]);
    expect(existsSync(join(userData, 'attendance.db-wal'))).toBe(false);
  });

  it('packaged: no DevTools and no default menu, and the page still comes from app://', () => {
    const { app, appData } = appFolder();
    const { status, lines, stderr } = run(app, {
      appData,
      quitAfterLoad: true,
      isPackaged: true,
      resourcesPath: join(app, 'resources'),
    });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(find(lines, 'BrowserWindow')).toMatchObject([{ devTools: false, disableBlinkFeatures: 'Auxclick' }]);
    expect(find(lines, 'setApplicationMenu')).toEqual([{ event: 'setApplicationMenu', menu: null }]);
    expect(find(lines, 'loadURL')).toMatchObject([{ url: 'app://renderer/index.html', status: 200 }]);
  });

  it('reloads a crashed window and says so; closes it after repeated crashes, and then quits when nothing runs', () => {
    const { app, appData } = appFolder();
    const { status, lines } = run(app, { appData, afterLoad: ['clean-exit', 'crash', 'crash', 'crash'] });
    expect(status).toBe(0);
    expect(find(lines, 'reload')).toHaveLength(2);
    const boxes = find(lines, 'showMessageBox').map(
      (l) => l.options as { type: string; message: string; detail: string },
    );
    expect(boxes.map((b) => [b.type, b.message])).toEqual([
      ['warning', 'The window was reloaded'],
      ['warning', 'The window was reloaded'],
      ['error', 'The window was closed'],
    ]);
    expect(boxes[0]!.detail).toMatch(/\(crashed\)/);
    // Disconnected, so with the window gone the app quits cleanly.
    expect(find(lines, 'will-quit').map((l) => l.prevented)).toEqual([true, false]);
    expect(find(lines, 'exit')).toEqual([{ event: 'exit', code: 0 }]);
  });

  it('reloads a crash of a window hidden in the tray without a dialog', () => {
    const { app, appData } = appFolder();
    const { status, lines } = run(app, { appData, afterLoad: ['hide', 'crash'], quitAfterLoad: true });
    expect(status).toBe(0);
    expect(find(lines, 'reload')).toHaveLength(1);
    expect(find(lines, 'showMessageBox')).toEqual([]);
  });

  it('Windows session end: closes the core and quits without delaying the session', () => {
    const { app, appData } = appFolder();
    const { status, lines } = run(app, { appData, afterLoad: ['query-session-end', 'session-end'] });
    expect(status).toBe(0);
    expect(find(lines, 'session-end-prevented')).toEqual([]);
    expect(find(lines, 'window-close')).toEqual([{ event: 'window-close', prevented: false }]);
    expect(find(lines, 'exit')).toEqual([{ event: 'exit', code: 0 }]);
    expect(existsSync(join(appData, userDataFolderName(false), 'attendance.db-wal'))).toBe(false);
  });

  it('names the folder given with --user-data-dir (the end-to-end tests use it)', () => {
    const { app, appData } = appFolder();
    const own = join(appData, 'chosen');
    const { status, lines } = run(app, { appData, quitAfterLoad: true, switches: { 'user-data-dir': own } });
    expect(status).toBe(0);
    expect(find(lines, 'setPath')).toEqual([{ event: 'setPath', name: 'userData', value: own }]);
    expect(existsSync(join(own, 'attendance.db'))).toBe(true);
  });

  it('a database from a newer version: a dialog says so and where the file is, offers to show it, and the app exits 1', () => {
    const { app, appData } = appFolder();
    const userData = join(appData, userDataFolderName(false));
    mkdirSync(userData);
    const dbPath = join(userData, 'attendance.db');
    const db = new Database(dbPath);
    db.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    db.close();
    const { status, lines, stderr } = run(app, { appData, dialogResponse: 0 });
    expect(status).toBe(1);
    expect(stderr).toMatch(/could not start: DatabaseTooNewError/);
    const [box] = find(lines, 'showMessageBox');
    const options = box!.options as { type: string; message: string; detail: string; buttons: string[] };
    expect(options.type).toBe('error');
    expect(options.message).toMatch(/newer version of SMPP Attendance/);
    expect(options.detail).toContain(dbPath);
    expect(options.buttons).toEqual(['Show the database file', 'Quit']);
    expect(find(lines, 'showItemInFolder')).toEqual([{ event: 'showItemInFolder', path: dbPath }]);
    expect(find(lines, 'BrowserWindow')).toEqual([]);
    expect(find(lines, 'exit')).toEqual([{ event: 'exit', code: 1 }]);
  });

  it('an alert at start (the last good backup is three days old): a desktop notification, the tray says so, the window is told', async () => {
    const { app, appData } = appFolder();
    const userData = join(appData, userDataFolderName(false));
    mkdirSync(userData);
    const dbPath = join(userData, 'attendance.db');
    const core = createAppCore({ dbPath, settings: settingsFor({ port: 2775 }) });
    await core.close();
    const threeDaysAgo = Date.now() - 3 * 24 * 60 * 60_000;
    expect((await takeBackup(dbPath, join(userData, 'backups'), 'daily', { now: () => threeDaysAgo })).ok).toBe(true);
    const { status, lines } = run(app, { appData, quitAfterLoad: true });
    expect(status).toBe(0);
    expect(find(lines, 'notification')).toEqual([
      {
        event: 'notification',
        title: 'SMPP Attendance needs attention',
        body: 'The last good backup is old. Open the Backups view and take one now.',
      },
    ]);
    expect(find(lines, 'tooltip').map((l) => l.text)).toContain('SMPP Attendance — not connected — 1 alert');
    expect(find(lines, 'push').map((l) => l.channel)).toContain('attendance:push:alerts');
  });

  it('Try it without a phone: the demo gateway starts in this process with a database of its own, binds, and the window says it is a demo', () => {
    const { app, appData } = appFolder();
    const { status, lines } = run(app, {
      appData,
      afterLoad: [
        'request:appInfo',
        'request:startDemo',
        'until-bound:10000',
        'request:appInfo',
        'request:listMessages',
      ],
      quitAfterLoad: true,
    });
    expect(status).toBe(0);
    const requests = find(lines, 'request') as ({ name: string; outcome: { ok: boolean; value: unknown } } & Line)[];
    expect(requests[0]!.outcome).toEqual({
      ok: true,
      value: { demo: false, canStartDemo: true, backups: true, loginItem: true },
    });
    expect(requests[1]!.outcome.ok).toBe(true);
    expect(find(lines, 'bound')).toHaveLength(1);
    expect(find(lines, 'reload')).toHaveLength(1);
    expect(find(lines, 'BrowserWindow')).toHaveLength(1); // the same window, reloaded
    expect(requests[2]!.outcome).toEqual({
      ok: true,
      value: { demo: true, canStartDemo: false, backups: false, loginItem: false },
    });
    const userData = join(appData, userDataFolderName(false));
    expect(existsSync(join(userData, 'demo', 'attendance.db'))).toBe(true);
    // The office's settings were not touched by the demo's.
    expect(existsSync(join(userData, 'settings.json'))).toBe(false);
  });

  it('a damaged database: the dialog names the newest good backup and the restore command, and its button puts the backup back and relaunches', async () => {
    const { app, appData } = appFolder();
    const userData = join(appData, userDataFolderName(false));
    mkdirSync(userData);
    const dbPath = join(userData, 'attendance.db');
    const core = createAppCore({ dbPath, settings: settingsFor({ port: 2775 }) });
    core.store.addEmployee({ phone: '09121234567', name: 'Reza Karimi', department: 'Workshop' });
    await core.close();
    const backup = await takeBackup(dbPath, join(userData, 'backups'), 'manual');
    expect(backup.ok).toBe(true);
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
    writeFileSync(
      dbPath,
      'these are not the bytes of an SQLite database, but they are long enough to look like one '.repeat(20),
    );

    const { status, lines } = run(app, { appData, dialogResponse: 0 });
    const [box] = find(lines, 'showMessageBox');
    const options = box!.options as { message: string; detail: string; buttons: string[] };
    expect(options.message).toMatch(/damaged/);
    expect(options.detail).toContain(`The newest good backup is ${backup.file}`);
    expect(options.detail).toContain(`smpp-attendance restore --db "${dbPath}" --from "${backup.file}"`);
    expect(options.buttons).toEqual(['Restore this backup', 'Show the database file', 'Quit']);
    expect(find(lines, 'relaunch')).toHaveLength(1);
    expect(status).toBe(0);
    const restored = new Database(dbPath, { readonly: true });
    expect(restored.prepare('SELECT name FROM employees').pluck().all()).toEqual(['Reza Karimi']);
    restored.close();
  });
});
