/**
 * The Review page in Debian's Chromium against the browser preview (a real core on a temporary
 * SQLite file), in English and in Persian: flagged punches wait for a decision, a decision needs a
 * reason, and once made it shows with who, when and why, and the punch's counted time changes.
 * Flags show as translated chips in the Messages view too. Photographed under
 * test-results/screenshots/ (`<lang>-review-*.png`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { fa } from '../../src-renderer/lib/i18n/fa.js';
import type { Dictionary } from '../../src-renderer/lib/i18n/dictionary.js';
import { openPage, useChromium } from './support/chromium.js';
import { clockText, punchMessage } from './support/punch-message.js';
import { screenshotDir, startUiWorld, type UiWorld } from './support/ui-world.js';

const H = 3_600_000;

const scripts = [
  {
    lang: 'en' as const,
    locale: 'en-US',
    t: en,
    name: 'Reza Karimi',
    why: 'No signal in the basement',
    operator: 'Maryam Ahmadi',
  },
  {
    lang: 'fa' as const,
    locale: 'fa-IR',
    t: fa,
    name: 'رضا کریمی',
    why: 'گوشی در زیرزمین آنتن نداشت',
    operator: 'مریم احمدی',
  },
];

const browser = useChromium();

describe.each(scripts)('the Review page in $lang', (s) => {
  const t: Dictionary = s.t;
  let world: UiWorld;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let lateId = 0;
  let unparsedId = 0;
  let lateReported = 0;

  const shot = async (view: string): Promise<void> => {
    await page.screenshot({ path: join(screenshotDir, `${s.lang}-${view}.png`), fullPage: true });
  };
  const nav = (name: keyof Dictionary['nav']): Locator =>
    page.getByRole('navigation').getByRole('link', { name: t.nav[name], exact: true });
  const punchItem = (id: number, section: 'pending-heading' | 'decided-heading'): Locator =>
    page.locator(`section[aria-labelledby="${section}"] [data-event-id="${id}"]`);

  beforeAll(async () => {
    world = await startUiWorld();
    const store = world.core.store;
    store.addEmployee({ phone: '09121234567', name: s.name, department: '' });
    const now = Date.now();
    // Reported 3 h before it arrived while the app was running: late_report, counted at receipt.
    lateReported = now - 3 * H;
    lateId = store.recordMessage(
      punchMessage(
        '989121234567',
        'arrival',
        now - 60_000,
        clockText(lateReported),
        Math.floor(lateReported / 60_000) * 60_000,
      ),
    ).eventId!;
    // From nobody's number, with a time that does not read.
    unparsedId = store.recordMessage(punchMessage('989351112233', 'exit', now - 30_000, ' soon', null)).eventId!;
    ({ context, page } = await openPage(
      browser(),
      {
        locale: s.locale,
        viewport: { width: 1280, height: 820 },
      },
      pageErrors,
    ));
    await page.goto(world.server.url);
  });

  afterAll(async () => {
    await context?.close();
    await world?.close();
  });

  it('lists the flagged punches with translated flag chips', async () => {
    await nav('review').click();
    await page.getByRole('heading', { name: t.review.heading, exact: true }).waitFor();
    await punchItem(lateId, 'pending-heading').waitFor();
    await punchItem(unparsedId, 'pending-heading').waitFor();
    expect(await punchItem(lateId, 'pending-heading').locator('[data-flag]').allTextContents()).toEqual([
      t.flags.chip.late_report,
    ]);
    expect(await punchItem(unparsedId, 'pending-heading').locator('[data-flag]').allTextContents()).toEqual([
      t.flags.chip.unparsed_time,
      t.flags.chip.unknown_sender,
    ]);
    // No reported time to accept for the unparsed one.
    expect(
      await punchItem(unparsedId, 'pending-heading')
        .getByRole('button', { name: t.review.decision.accept_reported })
        .isDisabled(),
    ).toBe(true);
    await page.getByText(t.review.decidedEmpty).waitFor();
    // Decisions are corrections: the page asks who is making them, as the calendar page does.
    await page.getByTestId('operator').getByText(t.admin.operator.ask).waitFor();
    await shot('review-1-pending');
  });

  it('asks for a reason, then records the decision as a correction with who, when and why', async () => {
    const item = punchItem(lateId, 'pending-heading');
    await item.getByRole('button', { name: t.review.decision.accept_reported }).click();
    await item.getByRole('alert').filter({ hasText: t.review.whyMissing }).waitFor();
    await shot('review-2-reason-missing');
    await item.getByRole('textbox', { name: t.review.why }).fill(s.why);
    await item.getByRole('button', { name: t.review.decision.accept_reported }).click();
    const decided = punchItem(lateId, 'decided-heading');
    await decided.waitFor();
    expect(await punchItem(lateId, 'pending-heading').count()).toBe(0);
    const decision = decided.locator('[data-decision="accept_reported"]');
    await expect.poll(() => decision.textContent()).toContain(t.review.decisionDone.accept_reported);
    expect(await decision.textContent()).toContain(world.core.operator());
    expect(await decision.textContent()).toContain(s.why);

    const db = new Database(world.core.store.path, { readonly: true });
    try {
      expect(db.prepare('SELECT kind, event_id AS eventId, at, decision, who, why FROM corrections').all()).toEqual([
        {
          kind: 'replace',
          eventId: lateId,
          at: Math.floor(lateReported / 60_000) * 60_000,
          decision: 'accept_reported',
          who: world.core.operator(),
          why: s.why,
        },
      ]);
    } finally {
      db.close();
    }
    // The counted time is the reported one now, in every view.
    const history = world.core.store.listEvents({ phone: '09121234567', offset: 0, limit: 5 }).rows;
    expect(history[0]).toMatchObject({ id: lateId, countedAt: Math.floor(lateReported / 60_000) * 60_000 });

    // Named at the prompt, the next decision is recorded as that person.
    const prompt = page.getByTestId('operator');
    await prompt.getByLabel(t.admin.operator.name, { exact: true }).fill(s.operator);
    await prompt.getByRole('button', { name: t.admin.operator.use }).click();
    await prompt.getByText(t.admin.operator.recordedAs(s.operator)).waitFor();
    await punchItem(unparsedId, 'pending-heading').getByRole('textbox', { name: t.review.why }).fill(s.why);
    await punchItem(unparsedId, 'pending-heading').getByRole('button', { name: t.review.decision.void }).click();
    const voided = punchItem(unparsedId, 'decided-heading').locator('[data-decision="void"]');
    await voided.waitFor();
    expect(await voided.textContent()).toContain(s.operator);
    expect(world.core.store.correctionFor(unparsedId)).toMatchObject({ decision: 'void', who: s.operator });
    await page.getByText(t.review.pendingEmpty).waitFor();
    await shot('review-3-decided');
  });

  it('shows the flags as chips in the Messages view', async () => {
    await nav('messages').click();
    const row = page.locator('[data-message-id]').filter({ hasText: 'Exit soon' });
    await row.locator('[data-flag="unparsed_time"]').waitFor(); // the row's chips are one line, cut at its end
    expect(await row.locator('[data-flag]').allTextContents()).toEqual([
      t.flags.chip.unparsed_time,
      t.flags.chip.unknown_sender,
    ]);
    await row.click();
    await page.getByText(t.flags.explain.unparsed_time).waitFor();
    await page.getByText(t.flags.explain.unknown_sender).waitFor();
    await shot('review-4-messages-flags');
    expect(pageErrors).toEqual([]);
  });
});
