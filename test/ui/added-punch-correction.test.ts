/**
 * Correcting a punch that was added by hand or imported, in Debian's Chromium against the browser
 * preview (a real core on a temporary SQLite file), in English and in Persian: an imported arrival
 * moved to another time, a missing exit added by hand and then voided, each with a reason; who,
 * when and why show afterwards beside the punch as it was added; then the same arrival corrected again
 * from the Timesheet's month of the employee. Photographed under
 * test-results/screenshots/ (`<lang>-added-*.png`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { fa } from '../../src-renderer/lib/i18n/fa.js';
import type { Dictionary } from '../../src-renderer/lib/i18n/dictionary.js';
import { isoDay } from '../../src-renderer/lib/i18n/format.js';
import { monthOf } from '../../src-renderer/lib/month.js';
import { openPage, useChromium } from './support/chromium.js';
import { screenshotDir, startUiWorld, type UiWorld } from './support/ui-world.js';

const scripts = [
  {
    lang: 'en' as const,
    locale: 'en-US',
    t: en,
    name: 'Reza Karimi',
    operator: 'Maryam Ahmadi',
    moved: 'The sheet had the wrong hour',
    added: 'Forgot to send the exit',
    voided: 'He did not leave then',
    again: 'The guard’s book says 08:45',
  },
  {
    lang: 'fa' as const,
    locale: 'fa-IR',
    t: fa,
    name: 'رضا کریمی',
    operator: 'مریم احمدی',
    moved: 'ساعت در برگه اشتباه بود',
    added: 'خروج را فراموش کرد',
    voided: 'آن ساعت نرفته بود',
    again: 'دفتر نگهبانی ۰۸:۴۵ نوشته',
  },
];

const PHONE = '09121234567';

/** A local time of yesterday (the browser and this process are both in Asia/Tehran). */
function yesterdayAt(hours: number, minutes = 0): number {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  d.setHours(hours, minutes, 0, 0);
  return d.getTime();
}

const browser = useChromium();

describe.each(scripts)('correcting an added punch in $lang', (s) => {
  const t: Dictionary = s.t;
  const c = t.admin.correction;
  let world: UiWorld;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const shot = async (view: string): Promise<void> => {
    await page.screenshot({ path: join(screenshotDir, `${s.lang}-added-${view}.png`), fullPage: true });
  };

  beforeAll(async () => {
    world = await startUiWorld();
    const store = world.core.store;
    store.addEmployee({ phone: PHONE, name: s.name, department: 'Sales' });
    store.importPunches([{ line: 2, phone: PHONE, status: 'arrival', at: yesterdayAt(9, 0) }], {
      who: 'Importer',
      now: Date.now(),
      why: 'paper sheet',
    });
    ({ context, page } = await openPage(
      browser(),
      {
        locale: s.locale,
        viewport: { width: 1280, height: 1600 },
      },
      pageErrors,
    ));
    await page.goto(world.server.url);
    await page.waitForFunction((lang) => document.documentElement.lang === lang, s.lang);
  });

  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('moves an imported arrival, adds a missing exit by hand and voids it; who, when and why show', async () => {
    const store = world.core.store;
    await page.getByRole('navigation').getByRole('link', { name: t.nav.attendance, exact: true }).click();
    await page.getByLabel(t.attendance.search, { exact: true }).fill(s.name);
    await page
      .getByRole('button', { name: t.attendance.showHistory(s.name) })
      .first()
      .click();
    const history = page.locator('section.history');
    const added = history.getByTestId('added-punches');
    await added.waitFor();
    expect(await added.locator('li').count()).toBe(1);
    expect(await added.textContent()).toContain(c.source.import);

    // The imported arrival was at 08:30, not 09:00.
    await added.locator('li').first().getByRole('button', { name: c.correct }).click();
    const dialog = page.getByRole('dialog', { name: c.addedHeading });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(c.source.import);
    await dialog.getByLabel(c.time, { exact: true }).fill('08:30');
    await dialog.getByRole('button', { name: c.save }).click();
    await dialog.getByText(c.whyMissing).waitFor(); // no reason: refused in the form
    await dialog.getByLabel(c.why, { exact: true }).fill(s.moved);
    await dialog.getByLabel(t.admin.operator.name, { exact: true }).fill(s.operator);
    await dialog.getByRole('button', { name: t.admin.operator.use }).click();
    await dialog.getByText(t.admin.operator.recordedAs(s.operator)).waitFor();
    await shot('1-dialog');
    await dialog.getByRole('button', { name: c.save }).click();
    await dialog.waitFor({ state: 'detached' });
    const note = added.locator('li').first().getByTestId('added-note');
    await note.getByText(s.moved).waitFor();
    const text = (await note.textContent()) ?? '';
    expect(text).toContain(s.operator);
    expect(text).toContain('Importer');
    expect(text).toContain('paper sheet');
    expect(await note.locator('s').count()).toBe(1); // the time as imported, struck through
    const [moved] = store.addedPunches({ phone: PHONE, limit: 10 });
    expect(moved).toMatchObject({ source: 'import', status: 'arrival', added: { at: yesterdayAt(9, 0) } });
    expect(moved!.at).toBe(yesterdayAt(8, 30));
    expect(moved!.correction).toMatchObject({ kind: 'replace', who: s.operator, why: s.moved });

    // A missing exit added by hand, then voided: he had not left then.
    await history.getByRole('button', { name: c.addMissing }).click();
    const add = page.getByRole('dialog', { name: c.addHeading });
    await add.getByLabel(c.status, { exact: true }).selectOption('exit');
    await add.getByLabel(c.time, { exact: true }).fill('17:00');
    await add.getByLabel(c.why, { exact: true }).fill(s.added);
    await add.getByRole('button', { name: c.save }).click();
    await add.waitFor({ state: 'detached' });
    await expect.poll(() => added.locator('li').count()).toBe(2);
    const exit = added.locator('li').first(); // newest first
    expect(await exit.textContent()).toContain(c.source.manual);
    await exit.getByRole('button', { name: c.correct }).click();
    const voiding = page.getByRole('dialog', { name: c.addedHeading });
    await voiding.getByLabel(c.void).check();
    await voiding.getByLabel(c.why, { exact: true }).fill(s.voided);
    await voiding.getByRole('button', { name: c.save }).click();
    await voiding.waitFor({ state: 'detached' });
    await exit.getByText(s.voided).waitFor();
    expect(await exit.textContent()).toContain(t.attendance.voided);
    expect(await exit.locator('.when.voided').count()).toBe(1);
    const [voided] = store.addedPunches({ phone: PHONE, limit: 10 });
    expect(voided).toMatchObject({
      source: 'manual',
      status: 'exit',
      at: null,
      added: { why: s.added, who: s.operator },
      correction: { kind: 'void', who: s.operator, why: s.voided },
    });
    // The audit log has each: the import, the move, the add and the void.
    const log = store.listAudit({ offset: 0, limit: 10, entity: 'punch' }).rows.map((e) => [e.action, e.why]);
    expect(log).toEqual([
      ['void', s.voided],
      ['add', s.added],
      ['replace', s.moved],
      ['import', 'paper sheet'],
    ]);
    await shot('2-corrected');
    expect(pageErrors).toEqual([]);
  });

  it('corrects the imported arrival again from the Timesheet’s month of the employee', async () => {
    const store = world.core.store;
    await page.getByRole('navigation').getByRole('link', { name: t.nav.timesheet, exact: true }).click();
    await page.getByRole('heading', { name: t.timesheet.heading, exact: true }).waitFor();
    // Yesterday's month in the UI's calendar (the month before on the first day of a month).
    const yesterday = isoDay(new Date(yesterdayAt(12)));
    if (monthOf(yesterday, s.lang).month !== monthOf(isoDay(new Date()), s.lang).month)
      await page.getByRole('button', { name: t.timesheet.previousMonth }).click();
    await page.locator('[data-employee-id]').filter({ hasText: s.name }).getByRole('button').click();
    const punches = page.getByTestId('month-punches');
    await punches.waitFor();
    const arrival = punches.locator('li[data-source="import"]');
    expect(await arrival.textContent()).toContain(s.moved);
    await arrival.getByRole('button', { name: c.correct }).click();
    const dialog = page.getByRole('dialog', { name: c.addedHeading });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(c.source.import);
    await dialog.getByLabel(c.time, { exact: true }).fill('08:45');
    await dialog.getByLabel(c.why, { exact: true }).fill(s.again);
    await dialog.getByRole('button', { name: c.save }).click();
    await dialog.waitFor({ state: 'detached' });
    // The month is read again: the arrival counts at 08:45, with who and why of the new correction.
    await arrival.getByText(s.again).waitFor();
    expect(await arrival.textContent()).toContain(s.operator);
    await shot('3-timesheet-month');
    const [arrived] = store.addedPunches({ phone: PHONE, limit: 10 }).filter((p) => p.source === 'import');
    expect(arrived).toMatchObject({ at: yesterdayAt(8, 45), correction: { kind: 'replace', why: s.again } });
    expect(arrived!.added.at).toBe(yesterdayAt(9, 0));
    expect(pageErrors).toEqual([]);
  });
});
