/** Debian's Chromium through playwright-core (never `npx playwright install`). */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { assertRendererBuilt } from './ui-world.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    timeout: 30_000,
  });
}

/**
 * A new browser context in Tehran's time zone (as the office's PC) and its page, with every uncaught
 * page error pushed to `pageErrors`; `options` give the locale, the viewport and anything else.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions,
  pageErrors: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ timezoneId: 'Asia/Tehran', ...options });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page };
}

/**
 * Chromium for the tests of one file that drive the built renderer: checks the renderer is built and
 * launches the browser before the file's tests, closes it after them. Returns the running browser.
 */
export function useChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    assertRendererBuilt();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running (useChromium is for use inside a test or hook)');
    return browser;
  };
}
