/**
 * The Attendance view's virtual tables in Debian's Chromium against the browser preview (a real
 * core on a temporary SQLite file), in English and in Persian: with more people in than the view
 * reads at once, the table scrolled to its middle and to its end shows the people the core lists at
 * those places (read a page at a time), keeps the same few row elements while it scrolls (they are
 * recycled, not made anew), a focused row keeps its element while it stays in view, and a recycled
 * row's name opens that person's history from the keyboard.
 * Photographed under test-results/screenshots/ (`<lang>-attendance-tables-*.png`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { fa } from '../../src-renderer/lib/i18n/fa.js';
import type { PresenceRow } from '../../src-main/contract/domain.js';
import { displayPhone } from '../../src-main/contract/phone-display.js';
import { openPage, useChromium } from './support/chromium.js';
import { punchMessage } from './support/punch-message.js';
import { screenshotDir, startUiWorld, type UiWorld } from './support/ui-world.js';

/** More than six pages of the view's 200 rows: the middle and the end are read only when shown. */
const PEOPLE = 1_300;
const ROW_HEIGHT = 40; // the "in now" table's rows (AttendanceView)

const scripts = [
  { lang: 'en' as const, locale: 'en-US', t: en },
  { lang: 'fa' as const, locale: 'fa-IR', t: fa },
];

const browser = useChromium();

describe.each(scripts)('the Attendance view’s long tables in $lang', (s) => {
  const t = s.t;
  let world: UiWorld;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  /** Who is in, in the core's order: what the table must show at each row. */
  let expected: PresenceRow[];

  const table = (): Locator => page.locator('section[aria-labelledby="in-now-heading"] .virtual-table');
  const shot = async (view: string): Promise<void> => {
    await page.screenshot({ path: join(screenshotDir, `${s.lang}-attendance-tables-${view}.png`) });
  };

  /** Scrolls the table to `top` and waits until the rows at that place are in and read (none stands empty). */
  async function scrollTo(top: number): Promise<void> {
    await table().evaluate((el, y) => (el.scrollTop = y), top);
    await page.waitForFunction(
      (rowHeight) => {
        const el = document.querySelector('section[aria-labelledby="in-now-heading"] .virtual-table')!;
        const rows = el.querySelectorAll('tbody tr[aria-rowindex]');
        const at = Math.floor(el.scrollTop / rowHeight);
        const index = (row: Element | undefined): number => Number(row?.getAttribute('aria-rowindex')) - 2;
        return (
          rows.length > 0 &&
          el.querySelector('tbody tr[aria-busy="true"]') === null &&
          index(rows[0]) <= at &&
          at <= index(rows[rows.length - 1])
        );
      },
      ROW_HEIGHT,
      { timeout: 10_000 },
    );
  }

  /** The rows in the DOM: their row index (0-based, the header excluded), name and number as shown. */
  async function shownRows(): Promise<{ index: number; name: string; phone: string }[]> {
    return table()
      .locator('tbody tr[aria-rowindex]')
      .evaluateAll((rows) =>
        rows.map((row) => ({
          index: Number(row.getAttribute('aria-rowindex')) - 2,
          name: row.querySelector('button')?.textContent?.trim() ?? '',
          phone: row.querySelector('td:nth-child(2)')?.textContent?.trim() ?? '',
        })),
      );
  }

  beforeAll(async () => {
    world = await startUiWorld();
    const base = Date.now() - 60_000;
    for (let k = 0; k < PEOPLE; k++) {
      world.core.store.addEmployee({
        phone: `0912${String(1_000_000 + k)}`,
        name: `Person ${String(k).padStart(4, '0')}`,
        department: `Dept ${k % 7}`,
      });
      world.core.store.recordMessage(punchMessage(`98912${String(1_000_000 + k)}`, 'arrival', base - k * 1_000));
    }
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    expected = world.core.store.whoIsIn({ since: midnight.getTime() });
    ({ context, page } = await openPage(
      browser(),
      { locale: s.locale, viewport: { width: 1280, height: 900 } },
      pageErrors,
    ));
    await page.goto(`${world.server.url}#/attendance`);
    await page.waitForFunction((lang) => document.documentElement.lang === lang, s.lang);
  });

  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('shows the people the core lists at each place while scrolled, with the same row elements', async () => {
    expect(expected).toHaveLength(PEOPLE);
    const total = new Intl.NumberFormat(s.lang === 'fa' ? 'fa-IR' : 'en-GB').format(PEOPLE);
    await page.locator('#in-now-heading .count').getByText(total, { exact: true }).waitFor();
    await scrollTo(0);
    await shot('top');
    // Mark the row elements away from both ends (where the rows beyond each edge are there too):
    // scrolling on must reuse them, not make new ones.
    await scrollTo(Math.floor(PEOPLE / 4) * ROW_HEIGHT);
    const marked = await table()
      .locator('tbody tr[aria-rowindex]')
      .evaluateAll((rows) => rows.map((row, i) => ((row as HTMLElement).dataset.testMark = String(i))).length);
    expect(marked).toBeGreaterThan(5);
    expect(marked).toBeLessThan(60);

    for (const top of [Math.floor(PEOPLE / 2) * ROW_HEIGHT, PEOPLE * ROW_HEIGHT]) {
      await scrollTo(top);
      const rows = await shownRows();
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.length).toBeLessThan(60);
      for (const [i, row] of rows.entries()) {
        if (i > 0) expect(row.index).toBe(rows[i - 1]!.index + 1);
        const person = expected[row.index]!;
        expect(row.name).toBe(person.name);
        expect(row.phone).toBe(displayPhone(person.phone, 'IR'));
      }
      // Every row element is one of those marked (at the end, fewer of them are in use).
      const marks = await table()
        .locator('tbody tr[aria-rowindex]')
        .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.testMark ?? null));
      expect(marks.filter((m) => m === null)).toEqual([]);
    }
    await shot('end');
    expect(pageErrors).toEqual([]);
  });

  it('keeps a focused row’s element while it scrolls, and opens its person’s history from the keyboard', async () => {
    await scrollTo(Math.floor(PEOPLE / 3) * ROW_HEIGHT);
    const rows = await shownRows();
    const pick = rows[Math.floor(rows.length / 2)]!;
    expect(pick.index).toBeGreaterThan(200); // beyond the first page: a row read later into a reused element
    await table()
      .getByRole('button', { name: t.attendance.showHistory(pick.name), exact: true })
      .focus();
    // Two rows on: the window moves (other rows take the elements of those scrolled out) and the
    // focused element still shows the same person.
    const firstBefore = rows[0]!.index;
    await table().evaluate((el, by) => (el.scrollTop += by), 2 * ROW_HEIGHT);
    await page.waitForFunction(
      (before) =>
        Number(
          document
            .querySelector('section[aria-labelledby="in-now-heading"] tbody tr[aria-rowindex]')
            ?.getAttribute('aria-rowindex'),
        ) -
          2 >
        before,
      firstBefore,
    );
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(pick.name);
    await page.keyboard.press('Enter');
    await page.locator('#history-heading').getByText(t.attendance.historyOf(pick.name)).waitFor();
    await shot('history');
    expect(pageErrors).toEqual([]);
  });
});
