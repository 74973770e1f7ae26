/**
 * The office's safety features in Debian's Chromium: Connect with settings typed but not saved,
 * an alert raised and cleared by a test gateway that goes silent, the backup panel (back up now,
 * restore with a confirmation, in a real preview process), and `npm run demo` bound and showing
 * messages within seconds with its demo banner. Photographed in English and Persian under
 * test-results/screenshots/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { fa } from '../../src-renderer/lib/i18n/fa.js';
import type { Dictionary } from '../../src-renderer/lib/i18n/dictionary.js';
import { createFormatter } from '../../src-renderer/lib/i18n/format.js';
import { invalidText } from '../../src-renderer/lib/settings/settings-form.js';
import { PASSWORD, SYSTEM_ID, tempDir } from '../support/core-harness.js';
import { FIELD_KEY } from '../support/phone.js';
import { useChromium } from './support/chromium.js';
import { projectDir, screenshotDir, startUiWorld, type UiWorld } from './support/ui-world.js';

const entry = join(projectDir, 'dist', 'preview', 'preview-main.js');
const ESME_RSYSERR = 0x08;

const languages: { lang: 'en' | 'fa'; locale: string; t: Dictionary }[] = [
  { lang: 'en', locale: 'en-US', t: en },
  { lang: 'fa', locale: 'fa-IR', t: fa },
];

const browser = useChromium();

async function openPage(
  locale: string,
  url: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser().newContext({
    locale,
    timezoneId: 'Asia/Tehran',
    viewport: { width: 1280, height: 820 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { context, page, errors };
}

/** Starts dist/preview/preview-main.js with `args`; resolves with the printed URL. */
async function startPreview(
  args: string[],
): Promise<{ child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  while (!/Preview: (\S+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const url = /Preview: (\S+)/.exec(out)?.[1];
  if (!url) throw new Error(`no URL printed; output: ${out}`);
  return { child, url, output: () => out, exited };
}

describe.each(languages)('Connect with settings typed but not saved ($lang)', ({ lang, locale, t }) => {
  let world: UiWorld;
  let page: Page;
  let context: BrowserContext;
  let errors: string[];
  beforeAll(async () => {
    world = await startUiWorld();
    ({ page, context, errors } = await openPage(locale, world.server.url));
  });
  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('marks the field that is wrong next to it and does not connect; then saves what is on the form and connects', async () => {
    const field = (name: keyof Dictionary['settings']['fields']) =>
      page.getByLabel(t.settings.fields[name], { exact: true });
    await field('host').fill('127.0.0.1');
    await field('port').fill('not a port');
    await field('systemId').fill(SYSTEM_ID);
    await field('password').fill(PASSWORD);
    await page.getByRole('button', { name: t.connection.connect, exact: true }).click();
    await page.getByTestId('connect-form-errors').waitFor();
    /** The error text the field points to (aria-describedby). */
    const errorOf = async (name: keyof Dictionary['settings']['fields']): Promise<string | null> => {
      const id = ((await field(name).getAttribute('aria-describedby')) ?? '')
        .split(' ')
        .find((x) => x.endsWith('-error'));
      return id ? page.locator(`[id="${id}"]`).textContent() : null;
    };
    expect(await field('port').getAttribute('aria-invalid')).toBe('true');
    expect(await errorOf('port')).toBe(invalidText('port', t, createFormatter(lang)));
    // No key typed and none saved: said under the key field.
    expect(await field('key').getAttribute('aria-invalid')).toBe('true');
    expect(await errorOf('key')).toBe(t.settings.neededToConnect);
    await page.screenshot({ path: join(screenshotDir, `${lang}-office-1-connect-form-errors.png`) });
    expect(world.smsc.bindRequests).toBe(0);
    expect(world.settings.view().host).toBe(''); // nothing was saved

    await field('port').fill(String(world.smsc.port));
    await field('key').fill(FIELD_KEY);
    // The phone app's public key is saved only with the risk acknowledged.
    await field('publicKeyAcknowledged').check();
    await page.getByRole('button', { name: t.connection.connect, exact: true }).click();
    await world.smsc.waitFor(() => world.smsc.boundSessions() === 1, 10_000, 'bind');
    await page.getByText(t.connection.bound, { exact: true }).first().waitFor({ timeout: 10_000 });
    expect(world.settings.view()).toMatchObject({
      host: '127.0.0.1',
      port: world.smsc.port,
      systemId: SYSTEM_ID,
      hasKey: true,
      hasPassword: true,
    });
    expect(await page.getByTestId('connect-form-errors').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe.each(languages)('an alert raised and cleared by a gateway that goes silent ($lang)', ({ lang, locale, t }) => {
  let world: UiWorld;
  let page: Page;
  let context: BrowserContext;
  beforeAll(async () => {
    // Minutes made seconds: down for more than 1.5 s during working hours (all day, every day).
    world = await startUiWorld({
      alertConfig: {
        gatewayDownMinutes: 1.5 / 60,
        workingHours: { days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' },
      },
      alertIntervalMs: 200,
    });
    await world.settings.save({
      ...world.settings.current(),
      host: '127.0.0.1',
      port: world.smsc.port,
      systemId: SYSTEM_ID,
      password: PASSWORD,
      key: FIELD_KEY,
      publicKeyAcknowledged: true,
    });
    ({ page, context } = await openPage(locale, world.server.url));
  });
  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('shows the banner with what to do while the phone does not answer, and clears it when it binds again', async () => {
    await page.getByRole('button', { name: t.connection.connect, exact: true }).click();
    await world.smsc.waitFor(() => world.smsc.boundSessions() === 1, 10_000, 'bind');
    expect(await page.getByTestId('alerts').count()).toBe(0);

    // The phone goes away: the link drops and every bind is refused (the gateway app is down).
    world.smsc.refuseBinds(ESME_RSYSERR);
    world.smsc.dropConnections();
    const banner = page.locator('[data-alert="gatewayDown"]');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain(t.office.alerts.todo.gatewayDown);
    expect(world.alerts.alerts().map((a) => a.code)).toEqual(['gatewayDown']);
    await page.screenshot({ path: join(screenshotDir, `${lang}-office-2-alert-gateway-down.png`) });

    world.smsc.refuseBinds(null);
    await world.smsc.waitFor(() => world.smsc.boundSessions() === 1, 20_000, 'bind again');
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    expect(world.alerts.alerts()).toEqual([]);
  });
});

describe.each(languages)('the backup panel ($lang)', ({ lang, locale, t }) => {
  const b = t.office.backups;
  let world: UiWorld;
  let page: Page;
  let context: BrowserContext;
  beforeAll(async () => {
    world = await startUiWorld();
    world.core.store.addEmployee({ phone: '09121234567', name: 'Reza Karimi', department: 'Workshop' });
    ({ page, context } = await openPage(locale, `${world.server.url}#/backups`));
  });
  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('warns while there is no good backup, takes one on "Back up now", lists it, and asks before restoring with what will be replaced', async () => {
    await page.getByTestId('backup-stale').waitFor();
    expect(await page.getByTestId('backup-stale').textContent()).toBe(b.staleNone);
    expect(await page.getByText(b.none).count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, `${lang}-office-3a-backups-none.png`) });
    await page.getByRole('button', { name: b.backupNow, exact: true }).click();
    await page.getByText(b.done).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('backup-stale').count()).toBe(0);
    expect(await page.locator('[data-backup-file]').count()).toBe(1);
    const good = world.backups.status().lastGood!;
    expect(good.ok).toBe(true);
    await page.screenshot({ path: join(screenshotDir, `${lang}-office-3b-backups.png`), fullPage: true });

    await page.locator('[data-backup-file]').getByRole('button').click();
    const confirm = page.getByTestId('restore-confirm');
    await confirm.waitFor();
    const text = (await confirm.textContent()) ?? '';
    expect(text).toContain(world.dbPath);
    expect(text).toContain(b.confirmHeading);
    await page.screenshot({ path: join(screenshotDir, `${lang}-office-4-restore-confirm.png`), fullPage: true });
    await confirm.getByRole('button', { name: b.cancel, exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
  });

  it('sets the backup folder and the daily time, which the backup service uses and the settings keep', async () => {
    const other = join(world.dbPath, '..', 'usb-backups');
    await page.getByLabel(b.folder, { exact: true }).fill(other);
    await page.getByLabel(b.time, { exact: true }).fill('25:00');
    await page.getByRole('button', { name: b.save, exact: true }).click();
    await page.getByText(b.invalidTime).waitFor();
    await page.getByLabel(b.time, { exact: true }).fill('18:30');
    await page.getByRole('button', { name: b.save, exact: true }).click();
    await page.getByText(b.saved).waitFor();
    expect(world.backups.status()).toMatchObject({ dir: other, time: '18:30' });
    expect(world.settings.view()).toMatchObject({ backupDir: other, backupTime: '18:30' });
    await page.getByRole('button', { name: b.backupNow, exact: true }).click();
    await expect.poll(() => world.backups.list().length, { timeout: 15_000 }).toBe(1);
    expect(world.backups.list()[0]!.file.startsWith(other)).toBe(true);
  });
});

describe('restore from the backup panel in a real preview process', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('puts the backup in place after the confirmation, keeps the replaced database as a safety copy, and the preview ends', async () => {
    const { dir, cleanup } = tempDir('office-restore-');
    try {
      const preview = await startPreview(['--data', dir]);
      children.push(preview.child);
      const { page, context } = await openPage('en-US', `${preview.url}#/backups`);
      const b = en.office.backups;
      await page.getByRole('button', { name: b.backupNow, exact: true }).click();
      await page.getByText(b.done).waitFor({ timeout: 15_000 });

      // Recorded after the backup: gone once it is restored.
      await page.goto(`${preview.url}#/employees`);
      await page.getByLabel(en.employees.phone, { exact: true }).fill('09351112233');
      await page.getByLabel(en.employees.name, { exact: true }).fill('Sara Ahmadi');
      await page.getByLabel(en.employees.department, { exact: true }).fill('Sales');
      await page.getByRole('button', { name: en.employees.add, exact: true }).click();
      await page.getByText(en.employees.added('Sara Ahmadi')).waitFor();

      await page.goto(`${preview.url}#/backups`);
      await page.locator('[data-backup-file]').first().getByRole('button').click();
      const confirm = page.getByTestId('restore-confirm');
      expect(await confirm.textContent()).toContain(b.counts('0', '0', '1')); // what the database holds now
      await confirm.getByRole('button', { name: b.confirm, exact: true }).click();
      await page.getByTestId('restored').waitFor({ timeout: 10_000 });
      expect(await preview.exited).toBe(0);
      await context.close();
      expect(preview.output()).toMatch(/restored .*attendance-.*-manual\.db/);

      const db = new Database(join(dir, 'attendance.db'), { readonly: true });
      expect(db.prepare('SELECT COUNT(*) FROM employees').pluck().get()).toBe(0);
      db.close();
      const safety = readdirSync(dir).filter(
        (n) => n.startsWith('attendance.db.before-restore-') && !/-(wal|shm|journal)$/.test(n),
      );
      expect(safety).toHaveLength(1);
      const kept = new Database(join(dir, safety[0]!), { readonly: true });
      expect(kept.prepare('SELECT name FROM employees').pluck().all()).toEqual(['Sara Ahmadi']);
      kept.close();
    } finally {
      cleanup();
    }
  });
});

describe.each(languages)('npm run demo ($lang)', ({ lang, locale, t }) => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  });

  it('is bound and shows demo messages within seconds, under a banner that says it is a demo', async () => {
    expect(existsSync(entry)).toBe(true);
    const started = Date.now();
    const preview = await startPreview(['--demo']);
    children.push(preview.child);
    const { page, context, errors } = await openPage(locale, `${preview.url}#/messages`);
    const banner = page.getByTestId('demo-banner');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toBe(t.office.demo.banner);
    await page.getByText(t.connection.bound, { exact: true }).first().waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('[data-message-id]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    await page.screenshot({ path: join(screenshotDir, `${lang}-office-5-demo.png`) });
    // The demo keeps no backups and offers no demo of itself.
    await page.goto(`${preview.url}#/backups`);
    await page.getByText(t.office.backups.notAvailable).waitFor();
    await page.goto(`${preview.url}#/connection`);
    await page.getByText(t.connection.bound, { exact: true }).first().waitFor();
    expect(await page.getByTestId('try-demo').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
