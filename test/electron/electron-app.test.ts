/**
 * The real Electron app end to end (Playwright's Electron support), where the Electron binary
 * exists; elsewhere the suite is skipped and says why. Runs the built app (npm run build) with
 * a fresh user-data folder against the test SMSC on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElectronApplication, Page } from 'playwright-core';
import type { AppApi } from '../../src-main/contract/app-api.js';
import type { ConnectionState } from '../../src-main/core/model.js';
import { startTestSmsc, type TestSmsc } from '../support/test-smsc.js';
import { FIELD_KEY, phoneMessage } from '../support/phone.js';
import { electronExecutable, projectDir } from './electron-binary.js';

const electron = electronExecutable();
if ('skip' in electron) console.log(`Electron end-to-end tests skipped: ${electron.skip}`);

/** The page's globals as the tests use them (the test's TypeScript has no DOM library). */
interface PageGlobals {
  attendance: AppApi;
  open(url: string): unknown;
  location: { href: string };
}

describe.skipIf('skip' in electron)('Electron app', () => {
  let app: ElectronApplication;
  let page: Page;
  let smsc: TestSmsc;
  let userData: string;

  beforeAll(async () => {
    if (!existsSync(join(projectDir, 'dist', 'electron', 'main.js')) || !existsSync(join(projectDir, 'dist', 'renderer', 'index.html'))) {
      throw new Error('the app is not built: run `npm run build` first');
    }
    // The Electron-ABI copy of better-sqlite3 (what `npm start` builds; needs the network once).
    execFileSync(process.execPath, [join(projectDir, 'src-main', 'electron', 'packaging', 'build-electron-native.mjs')], { stdio: 'inherit' });
    smsc = await startTestSmsc({ systemId: 'office', password: 'secret1' });
    userData = mkdtempSync(join(tmpdir(), 'attendance-electron-'));
    const { _electron } = await import('playwright-core');
    app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
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

  it('runs the page isolated: no Node, no ipcRenderer, only the contract API', async () => {
    const globals = await page.evaluate(() => ({
      require: typeof (globalThis as Record<string, unknown>).require,
      process: typeof (globalThis as Record<string, unknown>).process,
      ipcRenderer: typeof (globalThis as Record<string, unknown>).ipcRenderer,
      api: Object.keys((globalThis as unknown as PageGlobals).attendance).sort(),
    }));
    expect(globals).toMatchObject({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });
    expect(globals.api).toContain('connect');
    expect(globals.api).toContain('onConnectionState');
  });

  it('blocks navigation and new windows', async () => {
    const before = page.url();
    await page.evaluate(() => {
      const page = globalThis as unknown as PageGlobals;
      page.open('https://example.com/');
      page.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(app.windows()).toHaveLength(1);
  });

  it('binds, records a message, keeps the bind when the window closes, unbinds on quit', async () => {
    await page.evaluate(
      (s) => (globalThis as unknown as PageGlobals).attendance.saveSettings(s),
      { host: '127.0.0.1', port: smsc.port, systemId: 'office', password: 'secret1', key: FIELD_KEY, ignoreNumbers: ['11111'], repeatWindowMinutes: 10, ackRatePerMinute: 0, language: 'en' as const, defaultCountry: 'IR' },
    );
    await page.evaluate(() => (globalThis as unknown as PageGlobals).attendance.connect());
    await smsc.waitFor(() => smsc.boundSessions() === 1, 10_000, 'bind');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).attendance.getConnectionState().then((s: ConnectionState) => s.kind))).toBe('bound');

    const msg = phoneMessage('Arrival 08:31');
    await smsc.deliver({ source: '989102211824', destination: '9102211824', shortMessage: msg.shortMessage, dataCoding: msg.dataCoding });
    await smsc.waitFor(() => smsc.submits.length === 1, 10_000, 'the ack');
    const page1 = await page.evaluate(() => (globalThis as unknown as PageGlobals).attendance.listMessages({ limit: 10 }));
    expect(page1.rows[0]).toMatchObject({ plaintext: 'Arrival 08:31', outcome: 'recorded' });

    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    await new Promise((r) => setTimeout(r, 500));
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([false]);
    expect(smsc.boundSessions()).toBe(1);

    await app.close();
    await smsc.waitFor(() => smsc.unbinds === 1, 10_000, 'unbind on quit');
  });
});
