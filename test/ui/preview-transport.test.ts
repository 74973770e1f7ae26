/**
 * The preview's transport in real Chromium, with a minimal page instead of the Svelte renderer:
 * the token reaches the page's own assets (cookie), the CSP lets the page open its socket but runs
 * no inline style, and an export arrives as a real browser download (Content-Disposition).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createAppCore } from '../../src-main/core/app-core.js';
import type { AppCore } from '../../src-main/core/app-core-types.js';
import { createMemorySecretBox } from '../../src-main/core/settings/secret-box.js';
import { createJsonSettingsRepository, toCoreSettings } from '../../src-main/core/settings/settings-repository.js';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/preview-server.js';
import { tempDir } from '../support/core-harness.js';
import { launchChromium } from './support/chromium.js';

describe('preview transport in Chromium', () => {
  let browser: Browser;
  let core: AppCore;
  let server: PreviewServer;
  let cleanup: () => void;

  beforeAll(async () => {
    const dir = tempDir('ui-transport-');
    cleanup = dir.cleanup;
    const settings = await createJsonSettingsRepository({
      filePath: join(dir.dir, 'settings.json'),
      secretBox: createMemorySecretBox(),
    });
    core = createAppCore({ dbPath: join(dir.dir, 'attendance.db'), settings: toCoreSettings(settings.current()) });
    server = await startPreviewServer({
      core,
      settings,
      rendererDir: join(import.meta.dirname, 'fixtures', 'transport-page'),
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await core?.close();
    cleanup?.();
  });

  it('loads the page and its assets with the token, talks over the socket, downloads the CSV', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(server.url);
    await page.locator('#state', { hasText: 'exported' }).waitFor({ timeout: 10_000 });
    // The stylesheet came through (the cookie carried the token); the inline style attribute did not (CSP).
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(0, 128, 0)');
    expect(await page.evaluate("getComputedStyle(document.getElementById('inline-style')).color")).not.toBe(
      'rgb(255, 0, 0)',
    );
    expect(violations.join('\n')).toMatch(/style/);

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('attendance-all.csv');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toBe('\ufeffphone,name,status,reported_time,occurred_at,received_at,counted_at,flags\n');
    await context.close();
  });

  it('without the token the page is refused (403) and says why', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(server.url.replace(/token=.*/, 'token=wrong'));
    expect(response?.status()).toBe(403);
    expect(await page.textContent('body')).toMatch(/access token/);
    await context.close();
  });
});
