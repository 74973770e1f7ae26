/**
 * A burst at 08:00 reaches the page as a few batched pushes, not one frame per message, and every
 * message still arrives: 1000 arrivals from 1000 phones delivered back to back by the test SMSC,
 * watched on the Messages view in Chromium through the preview's WebSocket.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { toCoreSettings } from '../../src-main/core/settings/settings-repository.js';
import { PASSWORD, SYSTEM_ID } from '../support/core-harness.js';
import { FIELD_KEY, phoneMessage } from '../support/phone.js';
import { launchChromium } from './support/chromium.js';
import { assertRendererBuilt, startUiWorld, type UiWorld } from './support/ui-world.js';

const BURST = 1000;

describe('a burst of messages in the preview', () => {
  let browser: Browser;
  let world: UiWorld;
  let page: Page;
  const pushFrames: { name: string; size: number }[] = [];

  beforeAll(async () => {
    assertRendererBuilt();
    world = await startUiWorld();
    await world.settings.save({
      host: '127.0.0.1',
      port: world.smsc.port,
      systemId: SYSTEM_ID,
      password: PASSWORD,
      key: FIELD_KEY,
      ignoreNumbers: ['11111'],
      repeatWindowMinutes: 10,
      ackRatePerMinute: 0,
      language: 'en',
      defaultCountry: 'IR',
      publicKeyAcknowledged: true,
    });
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Tehran' })).newPage();
    page.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { type: string; name?: string; payload?: unknown };
        if (frame.type === 'push' && frame.name)
          pushFrames.push({ name: frame.name, size: Array.isArray(frame.payload) ? frame.payload.length : 1 });
      }),
    );
    await page.goto(`${world.server.url}#/messages`);
    await page.getByText(en.messages.empty).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it(`delivers ${BURST} messages in a handful of push frames, all of them shown`, async () => {
    world.core.updateSettings(toCoreSettings(world.settings.current()));
    world.core.connect();
    await world.smsc.waitFor(() => world.smsc.boundSessions() === 1, 10_000, 'bind');
    const started = Date.now();
    for (let i = 0; i < BURST; i++) {
      const msg = phoneMessage('Arrival 08:00');
      world.smsc.deliverNoWait({
        source: `98912${String(1_000_000 + i)}`,
        destination: '9102211824',
        shortMessage: msg.shortMessage,
        dataCoding: msg.dataCoding,
      });
    }
    // The renderer writes counts the English way (1,000): the same formatter it uses.
    const count = new Intl.NumberFormat('en-GB').format(BURST);
    await page.getByText(en.messages.shownCount(count, count)).waitFor({ timeout: 30_000 });
    const elapsedMs = Date.now() - started;

    const messageFrames = pushFrames.filter((f) => f.name === 'messages');
    const delivered = messageFrames.reduce((n, f) => n + f.size, 0);
    console.log(
      `burst: ${BURST} messages shown in ${elapsedMs} ms; ${messageFrames.length} 'messages' push frames (largest ${Math.max(...messageFrames.map((f) => f.size))}), ${pushFrames.filter((f) => f.name === 'ackUpdates').length} 'ackUpdates' frames`,
    );
    expect(delivered).toBeGreaterThanOrEqual(BURST);
    expect(messageFrames.length).toBeLessThan(BURST / 10);
    expect(Math.max(...messageFrames.map((f) => f.size))).toBeLessThanOrEqual(500);
    expect(await page.locator('[data-message-id]').count()).toBeGreaterThan(0);
  });
});
