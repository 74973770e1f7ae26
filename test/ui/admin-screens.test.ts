/**
 * The manager's timesheet screens in Debian's Chromium against the browser preview (a real core on
 * a temporary SQLite file), in English and in Persian: the date picker in both calendars, a shift
 * edited, a holiday and a leave added, a punch corrected and a missing one added (who, when and why
 * visible afterwards, the original kept), and the audit log showing all of it, filtered and
 * exported. Photographed under test-results/screenshots/ (`<lang>-admin-*.png`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { fa } from '../../src-renderer/lib/i18n/fa.js';
import type { Dictionary } from '../../src-renderer/lib/i18n/dictionary.js';
import { addDays, dateText, monthRangeOf, toParts } from '../../src-renderer/lib/calendar/calendar-month.js';
import { openPage, useChromium } from './support/chromium.js';
import { punchMessage } from './support/punch-message.js';
import { screenshotDir, startUiWorld, type UiWorld } from './support/ui-world.js';

const scripts = [
  {
    lang: 'en' as const,
    locale: 'en-US',
    t: en,
    name: 'Reza Karimi',
    operator: 'Maryam Ahmadi',
    holiday: 'Company anniversary',
    why: 'Forgot to send the exit',
    moved: 'Phone clock was wrong',
    kind: 'gregorian' as const,
  },
  {
    lang: 'fa' as const,
    locale: 'fa-IR',
    t: fa,
    name: 'رضا کریمی',
    operator: 'مریم احمدی',
    holiday: 'سالگرد شرکت',
    why: 'خروج را فراموش کرد',
    moved: 'ساعت گوشی اشتباه بود',
    kind: 'jalali' as const,
  },
];

const PHONE = '09121234567';
const persian = (text: string): string => text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));

/** Today as the browser (Asia/Tehran) and this process (TZ=Asia/Tehran) both see it. */
function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const browser = useChromium();

describe.each(scripts)('the manager’s screens in $lang', (s) => {
  const t: Dictionary = s.t;
  const a = t.admin;
  let world: UiWorld;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const today = todayIso();

  const shot = async (view: string): Promise<void> => {
    await page.screenshot({ path: join(screenshotDir, `${s.lang}-admin-${view}.png`), fullPage: true });
  };
  const nav = (name: keyof Dictionary['nav']): Locator =>
    page.getByRole('navigation').getByRole('link', { name: t.nav[name], exact: true });
  const digits = (text: string): string => (s.lang === 'fa' ? persian(text) : text);

  beforeAll(async () => {
    world = await startUiWorld();
    world.core.store.addEmployee({ phone: PHONE, name: s.name, department: 'Sales' });
    world.core.store.recordMessage(punchMessage('989121234567', 'arrival', Date.now() - 60_000));
    ({ context, page } = await openPage(
      browser(),
      {
        locale: s.locale,
        // Tall enough that each page fits the window (the app scrolls inside it): whole pages in the screenshots.
        viewport: { width: 1280, height: 2000 },
        acceptDownloads: true,
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

  it('picks dates in the UI’s calendar, by keyboard and by typing, and hands on Gregorian dates', async () => {
    await nav('export').click();
    const from = page.locator('#export-from');
    await page.getByRole('button', { name: a.datePicker.open }).first().click();
    const dialog = page.getByRole('dialog', { name: a.datePicker.dialog });
    await dialog.waitFor();
    const parts = toParts(today, s.kind);
    // The month's name and year in the UI's calendar: Jalali with Persian digits, or Gregorian.
    expect(await dialog.getByTestId('date-picker-title').textContent()).toBe(
      `${a.datePicker.months[parts.month - 1]} ${digits(String(parts.year))}`,
    );
    expect(await page.locator(`[data-calendar="${s.kind}"]`).count()).toBe(1);
    // Today has the focus; the first column is Saturday in the Jalali week, Monday in the Gregorian.
    const focused = page.locator(`button[data-date="${today}"]`);
    await expect.poll(() => focused.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await dialog.locator('th').first().textContent()).toBe(
      a.datePicker.weekdaysShort[s.kind === 'jalali' ? 6 : 1],
    );
    expect(await focused.textContent()).toBe(digits(String(parts.day)));
    await shot('1-date-picker');
    // ArrowLeft is the previous day left-to-right and the next day right-to-left; PageUp a month back.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const moved = addDays(today, s.lang === 'fa' ? 1 : -1);
    const picked = await from.getAttribute('data-value');
    const movedParts = toParts(moved, s.kind);
    expect(picked).not.toBeNull();
    const pickedParts = toParts(picked!, s.kind);
    // A month back in the UI's calendar, the same day of the month (or the month's last).
    expect(pickedParts.month).toBe(movedParts.month === 1 ? 12 : movedParts.month - 1);
    expect(pickedParts.day).toBe(Math.min(movedParts.day, pickedParts.day));
    expect(await from.inputValue()).toBe(digits(dateText(picked!, s.kind)));
    // Typed: a Jalali date in Persian digits (or a Gregorian one) becomes the same Gregorian date.
    const to = page.locator('#export-to');
    await to.fill(s.lang === 'fa' ? '۱۴۰۵/۰۱/۰۱' : '2026-03-21');
    await to.press('Tab');
    expect(await to.getAttribute('data-value')).toBe('2026-03-21');
    expect(await to.inputValue()).toBe(s.lang === 'fa' ? '۱۴۰۵/۰۱/۰۱' : '2026-03-21');
    await to.fill('1405/13/01');
    await to.press('Tab');
    await page.getByText(a.datePicker.invalid).waitFor();
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    await to.fill('');
    await from.fill('');
  });

  it('asks who is making changes once, then edits the default shift', async () => {
    await nav('calendar').click();
    await page.getByRole('heading', { name: a.calendar.heading, level: 1 }).waitFor();
    // Not given yet: the computer user's name is offered.
    const nameBox = page.getByLabel(a.operator.name, { exact: true });
    expect(await nameBox.inputValue()).toBe(world.core.operator());
    await nameBox.fill(s.operator);
    await page.getByRole('button', { name: a.operator.use }).click();
    await page.getByText(a.operator.recordedAs(s.operator)).waitFor();

    const office = page.locator('[data-shift-id]').first();
    await office.getByText(a.calendar.defaultShift).waitFor();
    await office.getByRole('button', { name: a.calendar.edit }).click();
    const form = page.locator('form.shift-form');
    await form.getByLabel(`${a.datePicker.weekdays[4]}: ${a.calendar.workday}`).check();
    await form.getByLabel(`${a.datePicker.weekdays[4]}: ${a.calendar.start}`).fill('08:00');
    await form.getByLabel(`${a.datePicker.weekdays[4]}: ${a.calendar.end}`).fill('12:00');
    await form.getByLabel(a.calendar.lateGrace, { exact: true }).fill('15');
    await shot('2-shift-form');
    await form.getByRole('button', { name: a.calendar.saveShift }).click();
    await page
      .getByRole('status')
      .filter({ hasText: a.calendar.shiftSaved(world.core.store.listShifts()[0]!.name) })
      .waitFor();
    const saved = world.core.store.listShifts().find((x) => x.isDefault)!;
    expect(saved.lateGraceMinutes).toBe(15);
    expect(saved.days[4]).toEqual({ start: 480, end: 720 });
    await office.getByText(a.calendar.graces(digits('15'), digits('10'))).waitFor();
    await office
      .getByText(a.calendar.hours(digits('08:00'), digits('12:00')))
      .first()
      .waitFor();
  });

  it('adds a holiday (picked with the date picker) beside the built-in ones', async () => {
    await page.getByRole('button', { name: a.datePicker.open }).nth(1).click(); // the holiday's date
    await page
      .getByRole('dialog', { name: a.datePicker.dialog })
      .getByRole('button', { name: a.datePicker.today })
      .click();
    expect(await page.locator('#holiday-date').getAttribute('data-value')).toBe(today);
    await page.getByLabel(a.calendar.holidayName, { exact: true }).fill(s.holiday);
    await page.getByRole('button', { name: a.calendar.addHoliday }).click();
    const row = page.locator(`.holidays li[data-date="${today}"]`);
    await row.getByText(s.holiday).waitFor();
    expect(world.core.store.listHolidays(today, today)).toEqual([{ date: today, name: s.holiday, builtIn: false }]);
    // Iran's fixed holidays are listed, translated and marked as built in (22 Bahman falls in every year shown).
    await page.getByText(a.calendar.builtInNames['bahman-22']!).first().waitFor();
    expect(await page.locator('.holidays li').filter({ hasText: a.calendar.builtIn }).count()).toBeGreaterThan(3);
  });

  it('adds an hourly leave', async () => {
    const month = monthRangeOf(today, s.kind);
    expect(await page.locator('#leave-from').getAttribute('data-value')).toBe(month.from);
    await page.getByLabel(a.calendar.employee, { exact: true }).last().selectOption({ label: s.name });
    await page.getByLabel(a.calendar.kind, { exact: true }).selectOption({ label: a.calendar.kinds.sick });
    await page.getByLabel(a.calendar.hourly, { exact: true }).check();
    await page.locator('#leave-start').fill('09:00');
    await page.locator('#leave-end').fill('11:30');
    await page.getByLabel(a.calendar.note, { exact: true }).fill('dentist');
    await page.getByRole('button', { name: a.calendar.addLeave }).click();
    const row = page.locator('.leave-table tr[data-leave-id]');
    await row.getByText(a.calendar.kinds.sick).waitFor();
    expect(await row.textContent()).toContain(a.calendar.leaveHours(digits('09:00'), digits('11:30')));
    expect(await row.textContent()).toContain(s.name);
    const employeeId = world.core.store.listEmployees()[0]!.id;
    expect(world.core.store.listLeave({ from: today, to: today })).toEqual([
      expect.objectContaining({ employeeId, date: today, kind: 'sick', from: 540, to: 690, note: 'dentist' }),
    ]);
    await shot('3-calendar');
  });

  it('corrects a punch and adds a missing exit; who, when and why show, and the original stays', async () => {
    await nav('attendance').click();
    await page
      .getByRole('button', { name: t.attendance.showHistory(s.name) })
      .first()
      .click();
    const history = page.locator('section.history');
    const punch = history.locator('.events li').first();
    await punch.getByRole('button', { name: a.correction.correct }).click();
    const dialog = page.getByRole('dialog', { name: a.correction.heading });
    await dialog.waitFor();
    await dialog.getByLabel(a.correction.time, { exact: true }).fill('08:05');
    await dialog.getByRole('button', { name: a.correction.save }).click();
    await dialog.getByText(a.correction.whyMissing).waitFor(); // no reason: refused in the form
    await dialog.getByLabel(a.correction.why, { exact: true }).fill(s.moved);
    await shot('4-correction-dialog');
    await dialog.getByRole('button', { name: a.correction.save }).click();
    await dialog.waitFor({ state: 'detached' });
    const note = punch.getByTestId('correction-note');
    await note.waitFor();
    const text = (await note.textContent()) ?? '';
    expect(text).toContain(s.operator);
    expect(text).toContain(s.moved);
    expect(text).toContain(a.correction.original);
    expect(await note.locator('s').count()).toBe(1); // the original time, struck through
    const counted = new Date(world.core.store.listEvents({ phone: PHONE, offset: 0, limit: 1 }).rows[0]!.countedAt);
    expect([counted.getHours(), counted.getMinutes()]).toEqual([8, 5]);
    // The page's other lists follow: the day's first arrival is the corrected time.
    await page.locator('section[aria-labelledby="day-heading"]').getByText(digits('08:05'), { exact: true }).waitFor();

    await history.getByRole('button', { name: a.correction.addMissing }).click();
    const add = page.getByRole('dialog', { name: a.correction.addHeading });
    await add.getByLabel(a.correction.status, { exact: true }).selectOption('exit');
    await add.getByLabel(a.correction.time, { exact: true }).fill('17:00');
    await add.getByLabel(a.correction.why, { exact: true }).fill(s.why);
    await add.getByRole('button', { name: a.correction.save }).click();
    await add.waitFor({ state: 'detached' });
    const list = history.getByTestId('person-corrections');
    await list.getByText(s.why).waitFor();
    expect(await list.locator('li').count()).toBe(2);
    expect(await list.textContent()).toContain(s.operator);
    const summary = world.core.store.daySummary({ date: today });
    expect(summary[0]).toMatchObject({ phone: expect.stringContaining('9121234567') });
    expect(new Date(summary[0]!.lastExit!).getHours()).toBe(17);
    await shot('5-corrected');
  });

  it('shows every change in the audit log, filters it and exports it', async () => {
    await nav('audit').click();
    await page.getByRole('heading', { name: a.audit.heading, level: 1 }).waitFor();
    const rows = page.locator('tr[data-audit-id]');
    for (const entity of ['shift', 'holiday', 'leave', 'punch'] as const)
      await page.locator(`tr[data-entity="${entity}"]`).first().waitFor();
    const punches = page.locator('tr[data-entity="punch"]');
    expect(await punches.count()).toBe(2);
    expect(await punches.first().textContent()).toContain(s.operator);
    expect(await page.locator('tr[data-entity="holiday"]').first().textContent()).toContain(s.holiday);
    await page.locator('tr[data-entity="shift"] details summary').first().click();
    expect(await page.locator('tr[data-entity="shift"] pre').first().textContent()).toContain('lateGraceMinutes');
    await shot('6-audit');

    await page.getByLabel(a.audit.entity, { exact: true }).selectOption('punch');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel(a.audit.search, { exact: true }).fill(s.moved);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(s.moved);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.getByRole('button', { name: a.audit.export }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync((await download.path())!, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('id,at,who,entity,action,subject,before,after,why');
    const total = world.core.store.listAudit({ offset: 0, limit: 1 }).total;
    expect(total).toBeGreaterThanOrEqual(6);
    expect(lines.filter((l) => /^\d+,/.test(l)).length).toBe(total);
    expect(lines.some((l) => l.includes(s.moved) && l.includes(s.operator))).toBe(true);
    await page.getByTestId('audit-exported').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
