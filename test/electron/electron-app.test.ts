/**
 * The real Electron app end to end (Playwright's Electron support): what only the shell does, which
 * no test of the core can reach — the window's isolation (context isolation, sandbox, no Node in
 * the page, only the contract API), navigation and new windows refused, the window hidden to the
 * tray while bound (the bind and the acks go on), unbind on quit. Runs the built app
 * (npm run build) with a fresh user-data folder against the test SMSC on 127.0.0.1.
 *
 * Where there is no Electron binary (or no display) the suite is skipped and says why. With
 * ELECTRON_E2E=1 it is required instead: a missing binary or display fails the run, so a machine
 * that has Electron runs these tests on purpose and cannot skip them by accident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElectronApplication, Page } from 'playwright-core';
import type { PreloadApi } from '../../src-main/contract/app-api.js';
import type { ConnectionState } from '../../src-main/core/model.js';
import { startTestSmsc, type TestSmsc } from '../support/test-smsc.js';
import { FIELD_KEY, phoneMessage } from '../support/phone.js';
import { electronExecutable, projectDir } from './electron-binary.js';

const electron = electronExecutable();
const required = process.env.ELECTRON_E2E === '1';
if ('skip' in electron && !required)
  console.log(`Electron end-to-end tests skipped: ${electron.skip} (set ELECTRON_E2E=1 to require them)`);

/**
 * The page's globals as the tests use them (the test's TypeScript has no DOM library). The preload's
 * verbs resolve with the request's outcome (`{ ok, value }` or `{ ok: false, error }`): the renderer's
 * IPC client (src-renderer/lib/api/ipc-client.ts) unwraps them.
 */
interface PageGlobals {
  attendance: PreloadApi;
  open(url: string): unknown;
  location: { href: string };
}

/** What the main process's test hooks (installed below through app.evaluate) record. */
interface MainGlobals {
  navigationAttempts: string[];
}

describe.skipIf('skip' in electron && !required)('Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let smsc: TestSmsc;
  let userData: string;

  beforeAll(async () => {
    if ('skip' in electron) throw new Error(`ELECTRON_E2E=1 but Electron cannot run here: ${electron.skip}`);
    if (
      !existsSync(join(projectDir, 'dist', 'electron', 'main.js')) ||
      !existsSync(join(projectDir, 'dist', 'renderer', 'index.html'))
    ) {
      throw new Error('the app is not built: run `npm run build` first');
    }
    // The Electron-ABI copy of better-sqlite3 (what `npm start` builds; needs the network once).
    execFileSync(
      process.execPath,
      [join(projectDir, 'src-main', 'electron', 'packaging', 'build-electron-native.mjs')],
      { stdio: 'inherit' },
    );
    smsc = await startTestSmsc({ systemId: 'office', password: 'secret1' });
    userData = mkdtempSync(join(tmpdir(), 'attendance-electron-'));
    const { _electron } = await import('playwright-core');
    app = await _electron.launch({
      executablePath: electron.path,
      args: [projectDir, `--user-data-dir=${userData}`],
      cwd: projectDir,
      timeout: 30_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 180_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await smsc?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it.runIf(process.platform === 'linux')(
    'runs the page in a sandboxed renderer process (seccomp filter on, as Chromium sandboxes renderers on Linux)',
    async () => {
      // A renderer with `sandbox: false` is started without the OS sandbox; a sandboxed one has a
      // seccomp-bpf filter (mode 2 in /proc/<pid>/status).
      const pid = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId(),
      );
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      expect(/^Seccomp:\s+(\d+)/m.exec(status)?.[1], `renderer ${pid}`).toBe('2');
    },
  );

  it('runs the page isolated and without Node: no require, process or ipcRenderer, only the contract API', async () => {
    // `attendance` exists at all only with context isolation: contextBridge refuses to expose
    // anything without it.
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      module: typeof (globalThis as Record<string, unknown>).module,
      ipcRenderer: typeof (globalThis as Record<string, unknown>).ipcRenderer,
      api: Object.keys((globalThis as unknown as PageGlobals).attendance).sort(),
    }));
    expect(globals).toMatchObject({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
    });
    expect(globals.api).toContain('connect');
    expect(globals.api).toContain('onConnectionState');
    // The API object is the contract's verbs only: functions, nothing else reachable through it.
    const kinds = await page.evaluate(() => [
      ...new Set(Object.values((globalThis as unknown as PageGlobals).attendance).map((v) => typeof v)),
    ]);
    expect(kinds).toEqual(['function']);
  });

  it('refuses new windows and navigation away from the app', async () => {
    const before = page.url();
    expect(before).toBe('app://renderer/index.html');
    // window.open returns null when the main process's handler denies it.
    expect(
      await page.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/') === null),
    ).toBe(true);
    expect(app.windows()).toHaveLength(1);

    // Record navigation attempts in the main process, so the check below waits for the attempt to
    // have reached it (and been refused) instead of sleeping.
    await app.evaluate(({ BrowserWindow }) => {
      const g = globalThis as unknown as MainGlobals;
      g.navigationAttempts = [];
      BrowserWindow.getAllWindows()[0]!.webContents.on('will-navigate', (_event, url) =>
        g.navigationAttempts.push(url),
      );
    });
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    await expect
      .poll(() => app.evaluate(() => (globalThis as unknown as MainGlobals).navigationAttempts), { timeout: 5_000 })
      .toEqual(['https://example.com/']);
    expect(page.url()).toBe(before);
    // The page is still ours and alive: the contract still answers.
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).attendance
          .getConnectionState()
          .then((o) => (o.ok ? (o.value as ConnectionState).kind : `failed: ${o.error.message}`)),
      ),
    ).toBe('disconnected');
  });

  it('binds, records a message, keeps the bind (and acks) with the window hidden to the tray, unbinds on quit', async () => {
    const saved = await page.evaluate((s) => (globalThis as unknown as PageGlobals).attendance.saveSettings(s), {
      host: '127.0.0.1',
      port: smsc.port,
      systemId: 'office',
      password: 'secret1',
      key: FIELD_KEY,
      ignoreNumbers: ['11111'],
      repeatWindowMinutes: 10,
      ackRatePerMinute: 0,
      language: 'en' as const,
      defaultCountry: 'IR',
      publicKeyAcknowledged: true,
    });
    expect(saved).toMatchObject({ ok: true });
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).attendance.connect())).toMatchObject({
      ok: true,
    });
    await smsc.waitFor(() => smsc.boundSessions() === 1, 10_000, 'bind');
    await expect
      .poll(() =>
        page.evaluate(() =>
          (globalThis as unknown as PageGlobals).attendance
            .getConnectionState()
            .then((o) => (o.ok ? (o.value as ConnectionState).kind : `failed: ${o.error.message}`)),
        ),
      )
      .toBe('bound');

    const arrival = phoneMessage('Arrival 08:31');
    expect(
      (
        await smsc.deliver({
          source: '989102211824',
          destination: '9102211824',
          shortMessage: arrival.shortMessage,
          dataCoding: arrival.dataCoding,
        })
      ).commandStatus,
    ).toBe(0);
    await smsc.waitFor(() => smsc.submits.length === 1, 10_000, 'the ack');
    const page1 = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).attendance.listMessages({ limit: 10 }),
    );
    expect(page1).toMatchObject({ ok: true, value: { rows: [{ plaintext: 'Arrival 08:31', outcome: 'recorded' }] } });

    // Closing the window while bound hides it: the process, the bind and the acks go on.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible())), {
        timeout: 5_000,
      })
      .toEqual([false]);
    expect(smsc.boundSessions()).toBe(1);
    expect(smsc.unbinds).toBe(0);
    const exit = phoneMessage('Exit 17:05');
    expect(
      (
        await smsc.deliver({
          source: '989102211824',
          destination: '9102211824',
          shortMessage: exit.shortMessage,
          dataCoding: exit.dataCoding,
        })
      ).commandStatus,
    ).toBe(0);
    await smsc.waitFor(() => smsc.submits.length === 2, 10_000, 'the ack sent while the window is hidden');

    // Quit (what the tray's Quit does): unbind first, then the process ends.
    const exited = new Promise<void>((resolve) => app.process().once('exit', () => resolve()));
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    await smsc.waitFor(() => smsc.unbinds === 1, 10_000, 'unbind on quit');
    await exited;
    expect(smsc.boundSessions()).toBe(0);
  });
});
