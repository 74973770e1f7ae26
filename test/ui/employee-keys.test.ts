/**
 * An employee's own key in the Employees view, in Debian's Chromium against the browser preview
 * (a real core on a temporary SQLite file), once in English and once in Persian: generate a key
 * (shown once, as text and as a QR code), the list shows only that a key is set, the key works
 * for that phone's messages, remove it after a confirmation. The status bar shows the ack queue
 * at the default pace. Screenshots under test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { fa } from '../../src-renderer/lib/i18n/fa.js';
import type { Dictionary } from '../../src-renderer/lib/i18n/dictionary.js';
import { qrCodeDataUrl } from '../../src-renderer/lib/qr-code.js';
import { settingsFor } from '../support/core-harness.js';
import { phoneMessage } from '../support/phone.js';
import { SETTINGS_DEFAULTS } from '../../src-main/core/settings/settings-defaults.js';
import { openPage, useChromium } from './support/chromium.js';
import { screenshotDir, startUiWorld, type UiWorld } from './support/ui-world.js';

const GATEWAY = '9102211824';

const scripts = [
  { lang: 'en' as const, locale: 'en-US', t: en, name: 'Sara Ahmadi', other: 'Reza Karimi' },
  { lang: 'fa' as const, locale: 'fa-IR', t: fa, name: 'سارا احمدی', other: 'رضا کریمی' },
];

const browser = useChromium();

describe.each(scripts)('own keys in $lang', (s) => {
  const t: Dictionary = s.t;
  let world: UiWorld;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  const shot = (view: string): Promise<Buffer> =>
    page.screenshot({ path: join(screenshotDir, `${s.lang}-keys-${view}.png`) });
  const row = (name: string): Locator => page.getByRole('row').filter({ hasText: name });

  beforeAll(async () => {
    world = await startUiWorld();
    world.core.store.addEmployee({ phone: '09102211824', name: s.name, department: '' });
    world.core.store.addEmployee({ phone: '09121234567', name: s.other, department: '' });
    ({ context, page } = await openPage(
      browser(),
      {
        locale: s.locale,
        viewport: { width: 1280, height: 900 },
      },
      pageErrors,
    ));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(`${world.server.url}#/employees`);
  });

  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('generates a key: shown once as text and QR code; the list then shows only that a key is set', async () => {
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(s.lang);
    await row(s.name)
      .getByRole('button', { name: t.employees.keys.open(s.name), exact: true })
      .click();
    const panel = page.getByTestId('key-panel');
    await panel.getByText(t.employees.keys.none).waitFor();
    await panel.getByRole('button', { name: t.employees.keys.generate, exact: true }).click();

    const text = panel.getByTestId('new-key-text');
    await text.waitFor();
    const key = (await text.textContent())!;
    expect(key).toMatch(/^[A-Za-z0-9]{32}$/);
    // The key shown is the one stored for her phone (sealed; the core opens it for her messages).
    expect(world.core.store.employeeKey('989102211824')).toBe(key);
    const qr = panel.getByTestId('new-key-qr');
    expect(await qr.getAttribute('src')).toBe(await qrCodeDataUrl(key));
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await panel.getByText(t.employees.keys.shownOnce).waitFor();
    await row(s.name).getByText(t.employees.ownKey, { exact: true }).waitFor();
    await shot('1-generated');

    await panel.getByRole('button', { name: t.employees.keys.done, exact: true }).click();
    await expect.poll(() => page.getByTestId('key-panel').count()).toBe(0);
    // Nowhere on the page any more, and the list says only "own key".
    expect(await page.locator('body').textContent()).not.toContain(key);
    await row(s.name).getByText(t.employees.ownKey, { exact: true }).waitFor();
    expect(await row(s.other).getByText(t.employees.ownKey, { exact: true }).count()).toBe(0);
    await shot('2-list');
  });

  it('opened again it says a key is set without showing it; an entered key must be 32 characters; removal asks first', async () => {
    await row(s.name)
      .getByRole('button', { name: t.employees.keys.open(s.name), exact: true })
      .click();
    const panel = page.getByTestId('key-panel');
    await panel.getByText(t.employees.keys.isSet).waitFor();
    expect(await panel.getByTestId('new-key').count()).toBe(0);

    await panel.getByLabel(t.employees.keys.typeLabel, { exact: true }).fill('too short');
    await panel.getByRole('button', { name: t.employees.keys.saveTyped, exact: true }).click();
    await panel.getByText(t.employees.keys.typeInvalid(i18nDigits(s.lang, 32))).waitFor();
    const typed = 'Typedc3d4e5f6g789abcdef012345XYZ';
    await panel.getByLabel(t.employees.keys.typeLabel, { exact: true }).fill(typed);
    await panel.getByRole('button', { name: t.employees.keys.saveTyped, exact: true }).click();
    await panel.getByText(t.employees.keys.saved).waitFor();
    expect(world.core.store.employeeKey('989102211824')).toBe(typed);

    await panel.getByRole('button', { name: t.employees.keys.remove, exact: true }).click();
    await panel.getByText(t.employees.keys.removeConfirm(s.name)).waitFor();
    await shot('3-remove-confirm');
    expect(world.core.store.employeeKey('989102211824')).toBe(typed); // nothing happened yet
    await panel.getByRole('button', { name: t.employees.keys.removeYes, exact: true }).click();
    await panel.getByText(t.employees.keys.removed).waitFor();
    expect(world.core.store.employeeKey('989102211824')).toBeNull();
    await expect.poll(() => row(s.name).getByText(t.employees.ownKey, { exact: true }).count()).toBe(0);
  });

  it('the status bar shows the acks waiting at the default pace and when the last one goes', async () => {
    world.core.updateSettings(settingsFor(world.smsc, { ackRatePerMinute: SETTINGS_DEFAULTS.ackRatePerMinute }));
    world.core.connect();
    await world.smsc.waitFor(() => world.smsc.boundSessions() === 1, 10_000, 'bind');
    for (let i = 0; i < 4; i += 1) {
      await world.smsc.deliver({
        source: `9891200000${10 + i}`,
        destination: GATEWAY,
        ...phoneMessage('Arrival 08:31'),
      });
    }
    const queue = page.getByTestId('ack-queue');
    await queue.waitFor({ timeout: 10_000 });
    const status = world.core.ackQueue();
    expect(status.queued).toBe(3);
    const expected = t.status.ackQueue(
      i18nDigits(s.lang, 3),
      new Intl.DateTimeFormat(s.locale, {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone: 'Asia/Tehran',
      }).format(status.lastAt!),
    );
    await expect.poll(() => queue.textContent().then((x) => x?.trim())).toBe(expected);
    await shot('4-ack-queue');
  });

  it('had no page errors and no CSP violations (the QR code is a data: image)', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});

function i18nDigits(lang: 'en' | 'fa', n: number): string {
  return lang === 'fa' ? String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!) : String(n);
}
