/**
 * The Timesheet and Dashboard pages in Debian's Chromium against the browser preview (a real core
 * on a temporary SQLite file), in English and in Persian: last month's grid in the UI's calendar
 * (Gregorian in English, Jalali in Persian) with a code per day and totals per employee, one
 * employee's month, the department totals, the XLSX export read back with exceljs, closing the
 * month and reopening it with a reason, and the dashboard's counts and chart. Photographed under
 * test-results/screenshots/ (`<lang>-timesheet-*.png`, `<lang>-dashboard.png`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { fa } from '../../src-renderer/lib/i18n/fa.js';
import type { Dictionary } from '../../src-renderer/lib/i18n/dictionary.js';
import { daysOf, monthOf, monthRange, monthTitle, shiftMonth } from '../../src-renderer/lib/month.js';
import { isoDay } from '../../src-renderer/lib/i18n/format.js';
import { iranFixedHolidays } from '../../src-main/core/attendance/calendar.js';
import type { RecordMessageInput } from '../../src-main/core/store/attendance-store.js';
import { useChromium } from './support/chromium.js';
import { punchMessage } from './support/punch-message.js';
import { screenshotDir, startUiWorld, type UiWorld } from './support/ui-world.js';

const scripts = [
  { lang: 'en' as const, locale: 'en-US', t: en, why: 'A missing exit was found on paper' },
  { lang: 'fa' as const, locale: 'fa-IR', t: fa, why: 'خروج فراموش‌شده در دفتر پیدا شد' },
];

const people = [
  { phone: '09121000001', name: 'Sara Ahmadi', department: 'Sales' },
  { phone: '09121000002', name: 'Reza Karimi', department: 'Sales' },
  { phone: '09121000003', name: 'Omid Rahimi', department: 'Ops' },
];

/** Local wall-clock time of a YYYY-MM-DD day (the test runs with TZ=Asia/Tehran, like the page). */
function at(day: string, hh: number, mm: number): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hh, mm).getTime();
}

/** A punch as the pipeline hands it to the store, sent and received at `when` (a whole minute). */
const punch = (phone: string, status: 'arrival' | 'exit', when: number): RecordMessageInput =>
  punchMessage(`98${phone.slice(1)}`, status, when);

/** A cell as the grid's canvas drew it (its test hook, `drawnCells`). */
interface Drawn {
  name: string;
  kind: 'day' | 'total';
  date?: string;
  key?: string;
  code?: string | null;
  text: string;
  background: string;
  x: number;
  y: number;
  w: number;
}

async function drawn(page: Page): Promise<Drawn[]> {
  return page
    .getByTestId('timesheet-cells')
    .evaluate((el) => (el as HTMLCanvasElement & { drawnCells: () => Drawn[] }).drawnCells());
}

/** The colour of the canvas at (x, y) CSS pixels, as `rgb(r, g, b)`. */
async function pixel(page: Page, x: number, y: number): Promise<string> {
  return page.getByTestId('timesheet-cells').evaluate(
    (el, [px, py]) => {
      const canvas = el as HTMLCanvasElement;
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const [r, g, b] = canvas
        .getContext('2d')!
        .getImageData(Math.round(px! * ratio), Math.round(py! * ratio), 1, 1).data;
      return `rgb(${r}, ${g}, ${b})`;
    },
    [x, y],
  );
}

/** A CSS colour as the browser computes it (`rgb(r, g, b)`). */
async function cssColor(page: Page, color: string): Promise<string> {
  return page.evaluate((c) => {
    const probe = document.createElement('span');
    probe.style.color = c;
    document.body.append(probe);
    const out = getComputedStyle(probe).color;
    probe.remove();
    return out;
  }, color);
}

const browser = useChromium();

describe.each(scripts)('the Timesheet in $lang', (s) => {
  const t: Dictionary = s.t;
  const ts = t.timesheet;
  let world: UiWorld;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  // Last month in the UI's calendar, its workdays (Saturday to Wednesday, not a fixed holiday).
  const month = shiftMonth(monthOf(isoDay(new Date()), s.lang), -1);
  const range = monthRange(month);
  const holidays = new Set(iranFixedHolidays(range.from, range.to).map((h) => h.date));
  const workdays = daysOf(range.from, range.to).filter((d) => {
    const weekday = new Date(`${d}T12:00:00`).getDay();
    return weekday !== 4 && weekday !== 5 && !holidays.has(d);
  });
  const firstWorkday = workdays[0]!;
  const incompleteDay = workdays[1]!;

  const shot = async (view: string): Promise<void> => {
    await page.screenshot({ path: join(screenshotDir, `${s.lang}-${view}.png`), fullPage: true });
  };
  const nav = (name: keyof Dictionary['nav']): Locator =>
    page.getByRole('navigation').getByRole('link', { name: t.nav[name], exact: true });
  const row = (name: string): Locator => page.locator('[data-employee-id]').filter({ hasText: name });

  beforeAll(async () => {
    world = await startUiWorld();
    const store = world.core.store;
    for (const p of people) store.addEmployee(p);
    // The app was bound to the gateway all through last month: a workday without punches is an absence.
    const db = new Database(world.dbPath);
    try {
      const from = at(range.from, 0, 0) - 86_400_000;
      const to = at(range.to, 23, 59) + 86_400_000;
      db.prepare("INSERT INTO connection_history (state, from_at, to_at, alive_at) VALUES ('bound', ?, ?, ?)").run(
        from,
        to,
        to,
      );
    } finally {
      db.close();
    }
    for (const day of workdays) {
      store.recordMessage(punch(people[0]!.phone, 'arrival', at(day, 7, 58)));
      store.recordMessage(punch(people[0]!.phone, 'exit', at(day, 16, 30)));
      store.recordMessage(punch(people[1]!.phone, 'arrival', at(day, 8, 25)));
      store.recordMessage(punch(people[1]!.phone, 'exit', at(day, 16, 5)));
    }
    store.recordMessage(punch(people[2]!.phone, 'arrival', at(incompleteDay, 8, 0)));
    context = await browser().newContext({
      locale: s.locale,
      timezoneId: 'Asia/Tehran',
      viewport: { width: 1280, height: 820 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(world.server.url);
  });

  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('shows last month in the UI calendar with a code per day and totals per employee', async () => {
    await nav('timesheet').click();
    await page.getByRole('heading', { name: ts.heading, exact: true }).waitFor();
    await page.getByRole('button', { name: ts.previousMonth }).click();
    await expect.poll(() => page.getByTestId('month-title').textContent()).toBe(monthTitle(month, s.lang));
    await row(people[2]!.name).waitFor();
    expect(await page.locator('[data-employee-id]').count()).toBe(3);

    // The day and total cells are drawn on a canvas: read what it drew through its test hook, and
    // check a few of its pixels against it.
    const day = (name: string, date: string): Promise<Drawn | undefined> =>
      drawn(page).then((cells) => cells.find((c) => c.name === name && c.kind === 'day' && c.date === date));
    await expect.poll(async () => (await day(people[0]!.name, firstWorkday))?.code).toBe('present');
    expect((await day(people[0]!.name, firstWorkday))?.text).toBe(ts.code.present);
    expect((await day(people[1]!.name, firstWorkday))?.code).toBe('late');
    expect((await day(people[1]!.name, firstWorkday))?.text).toBe(ts.code.late);
    expect((await day(people[2]!.name, firstWorkday))?.code).toBe('absent');
    expect((await day(people[2]!.name, incompleteDay))?.code).toBe('incomplete');
    // Late is a colour too, not only a letter: its background is drawn, a present day's is not.
    const late = (await day(people[1]!.name, firstWorkday))!;
    const present = (await day(people[0]!.name, firstWorkday))!;
    expect(late.background).not.toBe(present.background);
    expect(await pixel(page, late.x + 2, late.y + 3)).toBe(await cssColor(page, late.background));
    expect(await pixel(page, present.x + 2, present.y + 3)).toBe(await cssColor(page, present.background));
    // Mirrored in Persian: the first day is next to the names, on their left.
    const grid = await page.getByTestId('timesheet-cells').boundingBox();
    const firstDayX = Math.min(...(await drawn(page)).filter((c) => c.date === range.from).map((c) => c.x));
    if (s.lang === 'fa') expect(firstDayX).toBeGreaterThan(grid!.width - 40);
    else expect(firstDayX).toBeLessThan(40);

    // For screen readers each row says its days and totals.
    expect(await row(people[1]!.name).getByRole('gridcell').getAttribute('aria-label')).toContain(ts.codeName.late);
    // The day's explanation on hover, and on the cell the keyboard is on.
    await page.mouse.move(grid!.x + late.x + late.w / 2, grid!.y + late.y + 15);
    const tip = page.getByTestId('timesheet-tip');
    await expect.poll(() => tip.textContent()).toContain(ts.codeName.late);
    expect(await tip.textContent()).toContain(people[1]!.name);
    await page.mouse.move(0, 0);
    await page.getByTestId('timesheet-grid').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => tip.textContent()).toContain(people[1]!.name);
    await page.keyboard.press('Escape');
    await expect.poll(() => tip.count()).toBe(0);

    await shot('timesheet-1-grid');

    // Virtualised sideways too: the totals after the days are not drawn until scrolled to.
    const columns = daysOf(range.from, range.to).length + 10;
    const ofRow = async (name: string): Promise<Drawn[]> => (await drawn(page)).filter((c) => c.name === name);
    const shown = (await ofRow(people[0]!.name)).length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(columns);
    expect((await ofRow(people[0]!.name)).filter((c) => c.kind === 'total')).toHaveLength(0);
    await page.getByTestId('timesheet-grid').evaluate((el) => {
      el.scrollLeft = getComputedStyle(el).direction === 'rtl' ? -el.scrollWidth : el.scrollWidth;
    });
    await expect.poll(async () => (await ofRow(people[0]!.name)).some((c) => c.key === 'shortfall')).toBe(true);
    const f = new Intl.NumberFormat(s.lang === 'fa' ? 'fa-IR' : 'en-GB');
    const total = async (name: string, key: string): Promise<string | undefined> =>
      (await ofRow(name)).find((c) => c.key === key)?.text;
    expect(await total(people[0]!.name, 'present')).toBe(f.format(workdays.length));
    expect(await total(people[1]!.name, 'lateCount')).toBe(f.format(workdays.length));
    expect(await total(people[1]!.name, 'lateMinutes')).toBe(f.format(workdays.length * 25));
    expect(await total(people[2]!.name, 'absent')).toBe(f.format(workdays.length - 1));
    expect(await total(people[2]!.name, 'incomplete')).toBe(f.format(1));
    await shot('timesheet-1-grid-totals');
  });

  it('opens one employee’s month day by day with the punches', async () => {
    await row(people[1]!.name).getByRole('button').click();
    const table = page.getByTestId('employee-month');
    await table.waitFor();
    const first = table.locator(`tr[data-date="${firstWorkday}"]`);
    expect(await first.getAttribute('data-code')).toBe('late');
    expect(await first.textContent()).toContain(ts.codeName.late);
    expect(await page.getByTestId('month-punches').locator('li').count()).toBe(workdays.length * 2);
    await shot('timesheet-2-employee-month');
    await page.getByRole('button', { name: ts.month.back }).click();
    await row(people[0]!.name).waitFor();
  });

  it('sums the month per department', async () => {
    await page.getByRole('tab', { name: ts.views.departments }).click();
    const sales = page.locator('[data-department="Sales"]');
    await sales.waitFor();
    const f = new Intl.NumberFormat(s.lang === 'fa' ? 'fa-IR' : 'en-GB');
    expect(await sales.locator('td').first().textContent()).toBe(f.format(2));
    expect(await page.locator('[data-department="Ops"] td').first().textContent()).toBe(f.format(1));
    await shot('timesheet-3-departments');
    await page.getByRole('tab', { name: ts.views.grid }).click();
    await row(people[0]!.name).waitFor();
  });

  it('exports the month as XLSX with real dates and numbers', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: ts.exportXlsx, exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`timesheet-${range.from}-to-${range.to}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    expect(book.worksheets.length).toBeGreaterThanOrEqual(3);
    const days = book.worksheets[0]!;
    if (s.lang === 'fa') expect(days.views[0]?.rightToLeft).toBe(true);
    // Every employee has a row per day of the month.
    const dayCount = daysOf(range.from, range.to).length;
    expect(days.actualRowCount).toBe(1 + 3 * dayCount);
    const dateCells: Date[] = [];
    const lateNumbers: number[] = [];
    days.eachRow((r, n) => {
      if (n === 1) return;
      r.eachCell((c) => {
        if (c.value instanceof Date) dateCells.push(c.value);
      });
      const phone = String(r.getCell(1).value);
      const late = r.getCell(14).value;
      if (phone.endsWith('1000002') && typeof late === 'number') lateNumbers.push(late);
    });
    expect(dateCells.length).toBeGreaterThanOrEqual(3 * dayCount);
    expect(lateNumbers.filter((v) => v === 25)).toHaveLength(workdays.length);
    await page.getByRole('status').filter({ hasText: download.suggestedFilename() }).waitFor();
  });

  it('prints the whole month through the browser’s print, with the print sheet in the page', async () => {
    // window.print() is the preview's way (the desktop app makes a PDF): record what it would print.
    await page.evaluate(() => {
      const w = window as unknown as { print: () => void; printed?: { rows: number; codes: number; shown: string } };
      w.print = () => {
        const sheet = document.querySelector('[data-testid="print-sheet"]');
        w.printed = {
          rows: sheet?.querySelectorAll('tbody tr').length ?? -1,
          codes: sheet?.querySelectorAll('td[data-code]').length ?? -1,
          shown: sheet ? getComputedStyle(sheet).display : 'none',
        };
      };
    });
    await page.getByRole('button', { name: ts.print, exact: true }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { printed?: unknown }).printed ?? null))
      .toEqual({ rows: 3, codes: 3 * daysOf(range.from, range.to).length, shown: 'none' });
    // On paper only the sheet is shown: the bars, the navigation and the grid are not.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByTestId('timesheet-grid').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByTestId('print-sheet').count()).toBe(0);
  });

  it('closes the month, refuses to reopen it without a reason, reopens it with one', async () => {
    const period = page.getByTestId('period');
    await period.getByRole('button', { name: ts.period.close }).click();
    await expect.poll(() => period.getAttribute('data-closed')).toBe('true');
    expect(await period.textContent()).toContain(world.core.operator());
    await shot('timesheet-4-closed');

    await period.getByRole('button', { name: ts.period.reopen }).click();
    await period.getByRole('alert').filter({ hasText: ts.period.whyMissing }).waitFor();
    await period.getByRole('textbox', { name: ts.period.why }).fill(s.why);
    await period.getByRole('button', { name: ts.period.reopen }).click();
    await expect.poll(() => period.getAttribute('data-closed')).toBe('false');
    expect(await period.textContent()).toContain(s.why);

    const db = new Database(world.dbPath, { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM closed_periods').all() as Record<string, unknown>[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ from_date: range.from, to_date: range.to });
    } finally {
      db.close();
    }
    expect(world.core.store.listPeriods()).toMatchObject([
      { from: range.from, to: range.to, closedBy: world.core.operator(), reopenWhy: s.why },
    ]);
    await shot('timesheet-5-reopened');
  });

  it('shows today and the month on the dashboard', async () => {
    await nav('dashboard').click();
    await page.getByRole('heading', { name: ts.dashboard.heading, exact: true }).waitFor();
    const f = new Intl.NumberFormat(s.lang === 'fa' ? 'fa-IR' : 'en-GB');
    const board = world.core.store.dashboard(Date.now(), monthRange(monthOf(isoDay(new Date()), s.lang)));
    for (const tile of ['present', 'late', 'absent', 'notYetIn', 'onLeave'] as const)
      expect(await page.locator(`[data-tile="${tile}"] .value`).textContent()).toBe(f.format(board.today[tile]));
    await page.waitForTimeout(300);
    await shot('dashboard');
    expect(pageErrors).toEqual([]);
  });
});
