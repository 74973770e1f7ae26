/**
 * The app as the office manager uses it, in Debian's Chromium against the browser preview (a real
 * core on a temporary SQLite file, bound to the test SMSC on 127.0.0.1), once in English and once
 * in Persian: connect, watch messages arrive and their acknowledgements change state, search an
 * employee, add one, export a CSV and read the download, disconnect. Every view is photographed
 * in both languages under test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { fa } from '../../src-renderer/lib/i18n/fa.js';
import type { Dictionary } from '../../src-renderer/lib/i18n/dictionary.js';
import { PASSWORD, SYSTEM_ID } from '../support/core-harness.js';
import { FIELD_KEY, OTHER_KEY, phoneMessage } from '../support/phone.js';
import { useChromium } from './support/chromium.js';
import { screenshotDir, startUiWorld, type UiWorld } from './support/ui-world.js';

const GATEWAY = '9102211824';
const ROK = 0;

interface Script {
  lang: 'en' | 'fa';
  locale: string;
  t: Dictionary;
  /** An employee known before the day starts, and one the manager adds from an unknown number. */
  known: { phone: string; national: string; shown: string; name: string; department: string; search: string };
  added: { phone: string; national: string; shown: string; name: string; department: string };
}

const scripts: Script[] = [
  {
    lang: 'en',
    locale: 'en-US',
    t: en,
    known: {
      phone: '989121234567',
      national: '09121234567',
      shown: '0912 123 4567',
      name: 'Reza Karimi',
      department: 'Workshop',
      search: 'rez',
    },
    added: {
      phone: '989351112233',
      national: '09351112233',
      shown: '0935 111 2233',
      name: 'Sara Ahmadi',
      department: 'Sales',
    },
  },
  {
    lang: 'fa',
    locale: 'fa-IR',
    t: fa,
    known: {
      phone: '989121234567',
      national: '09121234567',
      shown: '0912 123 4567',
      name: 'رضا کریمی',
      department: 'کارگاه',
      search: 'رضا',
    },
    added: {
      phone: '989351112233',
      national: '09351112233',
      shown: '0935 111 2233',
      name: 'سارا احمدی',
      department: 'فروش',
    },
  },
];

/**
 * HH:MM in the office's zone, `minutesAgo` before now but never before today's midnight (the phones
 * send bare times like `08:31`; one from before midnight would count for yesterday).
 */
function clock(minutesAgo: number): string {
  const now = new Date();
  const sinceMidnight = now.getHours() * 60 + now.getMinutes();
  const d = new Date(now.getTime() - Math.min(minutesAgo, sinceMidnight) * 60_000);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
const isoDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

const browser = useChromium();

describe.each(scripts)('the app in $lang', (s) => {
  const { t } = s;
  let world: UiWorld;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  const shot = async (view: string): Promise<void> => {
    await page.screenshot({ path: join(screenshotDir, `${s.lang}-${view}.png`), fullPage: false });
  };
  const nav = (name: keyof Dictionary['nav']): Locator =>
    page.getByRole('navigation').getByRole('link', { name: t.nav[name], exact: true });
  const go = async (name: Exclude<keyof Dictionary['nav'], 'label'>): Promise<void> => {
    await nav(name).click();
    await expect.poll(() => nav(name).getAttribute('aria-current')).toBe('page');
  };
  const row = (text: string, phone: string): Locator =>
    page.locator('[data-message-id]', { hasText: text }).filter({ hasText: phone });

  beforeAll(async () => {
    world = await startUiWorld();
    world.core.store.addEmployee({ phone: s.known.national, name: s.known.name, department: s.known.department });
    context = await browser().newContext({
      locale: s.locale,
      timezoneId: 'Asia/Tehran',
      viewport: { width: 1280, height: 820 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await page.goto(world.server.url);
  });

  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('opens in the language of the locale, right to left for Persian', async () => {
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(s.lang);
    expect(await page.locator('html').getAttribute('dir')).toBe(s.lang === 'fa' ? 'rtl' : 'ltr');
    await page.getByRole('button', { name: t.connection.connect, exact: true }).waitFor();
    expect(await page.getByText(t.connection.disconnected, { exact: true }).count()).toBeGreaterThan(0);
    await shot('1-connection-disconnected');
  });

  it('takes the token out of the address bar after load; a reload still works, by the cookie', async () => {
    expect(world.server.url).toContain('?token=');
    const origin = new URL(world.server.url).origin;
    await expect.poll(() => page.url()).toBe(`${origin}/`);
    await page.reload();
    expect(page.url()).toBe(`${origin}/`);
    await page.getByRole('button', { name: t.connection.connect, exact: true }).waitFor();
    await expect.poll(() => page.getByText(t.connection.disconnected, { exact: true }).count()).toBeGreaterThan(0); // the socket answered
  });

  it('saves the settings and connects: the state turns to bound', async () => {
    await page.getByLabel(t.settings.fields.host, { exact: true }).fill('127.0.0.1');
    await page.getByLabel(t.settings.fields.port, { exact: true }).fill(String(world.smsc.port));
    await page.getByLabel(t.settings.fields.systemId, { exact: true }).fill(SYSTEM_ID);
    await page.getByLabel(t.settings.fields.password, { exact: true }).fill(PASSWORD);
    await page.getByLabel(t.settings.fields.key, { exact: true }).fill(FIELD_KEY);
    // Unpaced, so the acks below go at once (the default pace is one a minute, for Android's SMS limit).
    await page.getByLabel(t.settings.fields.ackRatePerMinute, { exact: true }).fill('0');
    // The phone app's public key: refused until the risk is acknowledged.
    await page.getByTestId('public-key-acknowledgement').waitFor();
    await page.getByRole('button', { name: t.settings.save, exact: true }).click();
    await page.getByText(t.settings.invalid.publicKeyAcknowledged).waitFor();
    expect(world.settings.view().hasKey).toBe(false);
    await shot('2a-settings-public-key-acknowledgement');
    await page.getByLabel(t.settings.fields.publicKeyAcknowledged, { exact: true }).check();
    await page.getByRole('button', { name: t.settings.save, exact: true }).click();
    await page.getByText(t.settings.savedNote).waitFor();
    // The field key is the public one: the form warns.
    await page.getByTestId('public-key-warning').waitFor();
    expect(world.settings.view()).toMatchObject({
      host: '127.0.0.1',
      port: world.smsc.port,
      systemId: SYSTEM_ID,
      hasKey: true,
      keyIsPublicDefault: true,
      publicKeyAcknowledged: true,
    });

    await page.getByRole('button', { name: t.connection.connect, exact: true }).click();
    await world.smsc.waitFor(() => world.smsc.boundSessions() === 1, 10_000, 'bind');
    await page.getByText(t.connection.bound, { exact: true }).first().waitFor({ timeout: 10_000 });
    await page.evaluate("document.querySelector('main').scrollTo(0, 0)");
    await shot('2-connection-bound');
  });

  it('shows messages as they arrive, with outcome and acknowledgement state changing to delivered', async () => {
    await go('messages');
    const arrival = `Arrival ${clock(20)}`;
    const other = `Arrival ${clock(10)}`;
    const deliver = async (source: string, shortMessage: Buffer, dataCoding = 0): Promise<void> => {
      expect((await world.smsc.deliver({ source, destination: GATEWAY, shortMessage, dataCoding })).commandStatus).toBe(
        ROK,
      );
    };
    await deliver(s.known.phone, phoneMessage(arrival).shortMessage);
    await deliver(s.added.phone, phoneMessage(other).shortMessage);
    await deliver(s.known.phone, phoneMessage('Exit 17:00', { key: OTHER_KEY }).shortMessage); // wrong key
    await deliver('11111', Buffer.from('Your balance is 10 000 IRR'));

    await expect.poll(() => page.locator('[data-message-id]').count(), { timeout: 10_000 }).toBe(4);
    await expect
      .poll(() => row(arrival, s.known.shown).locator('[data-outcome]').getAttribute('data-outcome'))
      .toBe('recorded');
    expect(await row(arrival, s.known.shown).textContent()).toContain(s.known.name);
    expect(await page.locator('[data-outcome="rejected"]').count()).toBe(1);
    expect(await page.locator('[data-outcome="ignored"]').count()).toBe(1);

    // The SMSC answered both acks' submit_sm: submitted. Its delivery receipt for the first: delivered.
    await world.smsc.waitFor(() => world.smsc.submits.length === 2, 10_000, 'two acks');
    await expect
      .poll(() => row(arrival, s.known.shown).locator('[data-ack]').getAttribute('data-ack'), { timeout: 10_000 })
      .toBe('submitted');
    const ackForKnown = world.smsc.submits.find((x) => x.destination === s.known.phone);
    expect(ackForKnown).toBeDefined();
    await world.smsc.sendReceipt({ smscMessageId: ackForKnown!.messageId, stat: 'DELIVRD' });
    await expect
      .poll(() => row(arrival, s.known.shown).locator('[data-ack]').getAttribute('data-ack'), { timeout: 10_000 })
      .toBe('delivered');
    expect(await row(arrival, s.known.shown).locator('[data-ack]').textContent()).toBe(t.messages.ack.delivered);
    expect(await row(other, s.added.shown).locator('[data-ack]').getAttribute('data-ack')).toBe('submitted');

    await row(arrival, s.known.shown).click();
    await page.getByText(t.messages.details.rawBytes).first().waitFor();
    await shot('3-messages');
  });

  it('finds an employee by name as you type in Search employees', async () => {
    await go('attendance');
    const inNow = page.locator('section[aria-labelledby="in-now-heading"]');
    await expect.poll(() => inNow.locator('tbody tr').count(), { timeout: 10_000 }).toBe(2);
    await shot('4-attendance');
    await page.getByLabel(t.attendance.search, { exact: true }).fill(s.known.search);
    await expect.poll(() => inNow.locator('tbody tr').count(), { timeout: 5_000 }).toBe(1);
    expect(await inNow.locator('tbody tr').first().textContent()).toContain(s.known.name);
    await shot('5-attendance-search');
    // By number too, in the national spelling, and as the app shows it (0935 111 2233).
    await page.getByLabel(t.attendance.search, { exact: true }).fill(s.added.national);
    await expect
      .poll(() => inNow.locator('tbody tr').first().textContent(), { timeout: 5_000 })
      .toContain(s.added.shown);
    await page.getByLabel(t.attendance.search, { exact: true }).fill(s.added.shown);
    await expect.poll(() => inNow.locator('tbody tr').count(), { timeout: 5_000 }).toBe(1);
    expect(await inNow.locator('tbody tr').first().textContent()).toContain(s.added.shown);
  });

  it('adds the unknown number as an employee', async () => {
    await go('employees');
    await page.getByText(t.employees.unknown).first().waitFor();
    await shot('6-employees-before');
    await page.getByLabel(t.employees.phone, { exact: true }).fill(s.added.national);
    await page.getByLabel(t.employees.name, { exact: true }).fill(s.added.name);
    await page.getByLabel(t.employees.department, { exact: true }).fill(s.added.department);
    await page.getByRole('button', { name: t.employees.add, exact: true }).click();
    await page.getByText(t.employees.added(s.added.name)).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: s.added.name, exact: true }).count()).toBe(1);
    expect(world.core.store.listEmployees({ search: s.added.phone })[0]).toMatchObject({
      name: s.added.name,
      department: s.added.department,
    });
    await shot('7-employees');
    // Found by the number as the list shows it.
    await page.getByLabel(t.employees.filter, { exact: true }).fill(s.added.shown);
    await expect
      .poll(() => page.getByRole('cell', { name: s.known.name, exact: true }).count(), { timeout: 5_000 })
      .toBe(0);
    expect(await page.getByRole('cell', { name: s.added.name, exact: true }).count()).toBe(1);
    expect(await page.getByText(s.added.shown, { exact: true }).count()).toBeGreaterThan(0);
    await page.getByLabel(t.employees.filter, { exact: true }).fill('');
  });

  it('exports a CSV that downloads and holds the day’s events with names', async () => {
    await go('export');
    const today = new Date();
    const yesterday = new Date(Date.now() - 24 * 3600_000);
    await page.getByLabel(t.export.from, { exact: true }).fill(isoDay(yesterday));
    await page.getByLabel(t.export.to, { exact: true }).fill(isoDay(today));
    await shot('8-export');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByRole('button', { name: t.export.export, exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`attendance-${isoDay(yesterday)}-to-${isoDay(today)}.csv`);
    // The browser keeps this URL in its downloads list: no token in it, the page's cookie authorised it.
    expect(download.url()).toMatch(/\/download\?id=[0-9a-f]{32}$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('phone,name,status,reported_time,occurred_at,received_at,counted_at,flags');
    expect(lines).toHaveLength(3);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',').slice(0, 3).join(','))
        .sort(),
    ).toEqual([`${s.known.phone},${s.known.name},Arrival`, `${s.added.phone},${s.added.name},Arrival`].sort());
    await page
      .getByText(t.export.downloaded(download.suggestedFilename(), s.lang === 'fa' ? '۲' : '2'))
      .waitFor({ timeout: 10_000 });
    await shot('9-export-done');
  });

  it('disconnects politely', async () => {
    await go('connection');
    await page.getByRole('button', { name: t.connection.disconnect, exact: true }).click();
    await world.smsc.waitFor(() => world.smsc.unbinds === 1, 10_000, 'unbind');
    await page.getByText(t.connection.disconnected, { exact: true }).first().waitFor({ timeout: 10_000 });
    await shot('10-connection-disconnected-after');
  });

  it('switches language in the app, and back', async () => {
    const other = s.lang === 'fa' ? en : fa;
    await page.getByRole('button', { name: t.switchLanguage.label, exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe(s.lang === 'fa' ? 'ltr' : 'rtl');
    await nav('messages')
      .page()
      .getByRole('navigation')
      .getByRole('link', { name: other.nav.messages, exact: true })
      .waitFor();
    await page.getByRole('button', { name: other.switchLanguage.label, exact: true }).click();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe(s.lang === 'fa' ? 'rtl' : 'ltr');
  });

  it('raised no page errors and no Content-Security-Policy violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
