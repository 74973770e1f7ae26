/**
 * UI: the built renderer in Debian's Chromium through the real preview server (a child process,
 * `node dist/preview/preview-main.js`, with its own core), measured from inside the page:
 * - the Messages view while the load SMSC delivers 500 messages/s for 30 s to the preview's core;
 * - the Attendance view on a database where 100,000 people have arrived today, scrolled from top
 *   to bottom.
 * Frame times are the gaps between requestAnimationFrame callbacks; long tasks come from a
 * PerformanceObserver; the JS heap and the DOM size from the DevTools protocol (after a forced
 * garbage collection where the figure is "memory at rest").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { openStore } from '../../src-main/core/store/attendance-store.js';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { FIELD_KEY } from '../support/phone.js';
import { LoadSmsc } from './load-smsc.js';
import { GATEWAY_NUMBER, buildCorpus, employeePhone } from './message-corpus.js';
import { employeeName, localMidnight } from './scale-db.js';
import { BENCH_CREDENTIALS, REPO_ROOT } from './serve-process.js';
import { MB, max, percentile } from './stats.js';
import type { BenchContext } from './bench-context.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const PREVIEW_MAIN = join(REPO_ROOT, 'dist', 'preview', 'preview-main.js');
const RENDERER_INDEX = join(REPO_ROOT, 'dist', 'renderer', 'index.html');
const FRAME_TARGET_MS = 50;

const BURST_RATE = 500;
const BURST_SECONDS = 30;
const ATTENDANCE_PEOPLE = 100_000;
const TIMESHEET_PEOPLE = 5_000;

export async function benchUi(ctx: BenchContext): Promise<void> {
  const notes: string[] = [];
  for (const [what, path] of [
    ['the built renderer', RENDERER_INDEX],
    ['the preview server', PREVIEW_MAIN],
    ['Chromium', CHROMIUM],
  ] as const) {
    if (!existsSync(path)) {
      ctx.report.section({
        name: 'ui',
        notes: [`not measured: ${what} is missing (${path}); npm run build builds the first two`],
      });
      return;
    }
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  const details: Record<string, unknown> = {};
  try {
    if (ctx.filter === null || 'messages'.includes(ctx.filter)) details.messages = await messagesBurst(ctx, browser);
    if (ctx.filter === null || 'attendance'.includes(ctx.filter))
      details.attendance = await attendanceScroll(ctx, browser, notes);
    if (ctx.filter === null || 'timesheet'.includes(ctx.filter))
      details.timesheet = await timesheetScroll(ctx, browser, notes);
  } finally {
    await browser.close();
  }
  ctx.report.section({ name: 'ui', details, notes });
}

/** The Messages view while 15,000 messages arrive at 500/s. */
async function messagesBurst(ctx: BenchContext, browser: Browser): Promise<Record<string, unknown>> {
  const section = 'ui';
  const smsc = await LoadSmsc.start(BENCH_CREDENTIALS);
  const dataDir = join(ctx.scratch, 'ui-messages');
  writeSettings(dataDir, smsc.port);
  const preview = await startPreview(dataDir);
  try {
    const page = await newPage(browser, preview.url);
    await page.goto(`${preview.url}#/connection`);
    await page.getByRole('button', { name: en.connection.connect, exact: true }).click();
    await smsc.waitForBind(15_000);
    await page.goto(`${preview.url}#/messages`);
    await page.getByText(en.messages.empty).waitFor({ timeout: 15_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const atRest = await heapAtRest(cdp);

    const count = BURST_RATE * BURST_SECONDS;
    ctx.progress(`ui: Messages view, ${count} messages at ${BURST_RATE}/s through the preview`);
    const corpus = buildCorpus({ count, senders: 5_000, firstSequence: 1, baseMs: Date.now() - 3_600_000 });
    await startFrameRecorder(page);
    const samples: { heap: number; nodes: number }[] = [];
    const sampler = setInterval(
      () =>
        void metrics(cdp).then(
          (m) => samples.push(m),
          () => undefined,
        ),
      1000,
    );
    const started = performance.now();
    await smsc.push(corpus, { window: 50, ratePerSecond: BURST_RATE, timeoutMs: (BURST_SECONDS + 60) * 1000 });
    const pushedInMs = performance.now() - started;
    // Until the page shows them all (the count line), bounded.
    const total = new Intl.NumberFormat('en-GB').format(count);
    await page
      .getByText(new RegExp(`of ${total} shown`))
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
    clearInterval(sampler);
    const frames = await stopFrameRecorder(page);
    const after = await heapAtRest(cdp);

    const deltas = frames.deltas;
    ctx.report.add({
      section,
      name: 'Messages view, 500 msg/s for 30 s: longest frame',
      value: max(deltas),
      unit: 'ms',
      target: { kind: 'max', value: FRAME_TARGET_MS },
      note: `${deltas.length} frames; ${frames.longTasks} long tasks (> 50 ms)`,
    });
    ctx.report.add({ section, name: 'Messages view, burst: frame p99', value: percentile(deltas, 99), unit: 'ms' });
    ctx.report.add({
      section,
      name: 'Messages view, burst: JS heap at rest, before -> after',
      value: after.heap / MB,
      unit: 'MiB',
      note: `before ${(atRest.heap / MB).toFixed(1)} MiB; peak while arriving ${(max(samples.map((s) => s.heap)) / MB).toFixed(1)} MiB; DOM nodes ${atRest.nodes} -> ${after.nodes}`,
    });
    return { count, pushedInMs, frames: summary(deltas), longTasks: frames.longTasks, atRest, after, samples };
  } finally {
    await preview.stop();
    await smsc.close();
  }
}

/** The Attendance view on a day when 100,000 people are in, scrolled top to bottom. */
async function attendanceScroll(
  ctx: BenchContext,
  browser: Browser,
  notes: string[],
): Promise<Record<string, unknown>> {
  const section = 'ui';
  const dataDir = join(ctx.scratch, 'ui-attendance');
  ctx.progress(`ui: Attendance view with ${ATTENDANCE_PEOPLE} people in today`);
  fillPresence(join(dataDir, 'attendance.db'), ATTENDANCE_PEOPLE);
  writeSettings(dataDir, 9);
  const preview = await startPreview(dataDir);
  try {
    const page = await newPage(browser, preview.url);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${preview.url}#/connection`);
    const before = await heapAtRest(cdp);
    // BENCH_TRACE_LOADING=file.json: a Chromium trace of the view's opening, until its rows are shown.
    const loadingTrace = process.env.BENCH_TRACE_LOADING;
    if (loadingTrace) await browser.startTracing(page, { path: loadingTrace, categories: TRACE_CATEGORIES });
    await startFrameRecorder(page);
    const t0 = performance.now();
    await page.evaluate(() => (location.hash = '#/attendance'));
    // The tables are virtual lists: the view is shown when the "in now" count says everyone and rows are on the page.
    const rendered = await page
      .waitForFunction(
        (n) =>
          (document.querySelector('#in-now-heading .count')?.textContent ?? '').replace(/\D/g, '') === String(n) &&
          document.querySelectorAll('tbody tr').length > 0,
        ATTENDANCE_PEOPLE,
        { timeout: 180_000, polling: 100 },
      )
      .then(
        () => true,
        () => false,
      );
    const renderMs = performance.now() - t0;
    const loading = await stopFrameRecorder(page);
    if (loadingTrace) await browser.stopTracing();
    if (!rendered) notes.push(`the Attendance view did not show its ${ATTENDANCE_PEOPLE} people within 180 s`);
    const rows = await page.evaluate(() => document.querySelectorAll('tbody tr').length);

    const probe = await startStepProbe(browser, page);
    await startFrameRecorder(page);
    const scroll = await page.evaluate(
      ({ stepPx, limitMs }) =>
        new Promise<{ frames: number; reachedEnd: boolean; ms: number; scroller: string }>((resolve) => {
          // The element that scrolls the table: the nearest ancestor of a row that can scroll.
          let el: Element = document.scrollingElement ?? document.documentElement;
          for (let node = document.querySelector('tbody tr')?.parentElement ?? null; node; node = node.parentElement) {
            const overflow = getComputedStyle(node).overflowY;
            if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight + 10) {
              el = node;
              break;
            }
          }
          const scroller =
            el === document.scrollingElement
              ? 'document'
              : `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`;
          const start = performance.now();
          let frames = 0;
          const step = (): void => {
            frames += 1;
            el.scrollTop += stepPx;
            const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
            if (end || performance.now() - start > limitMs)
              resolve({ frames, reachedEnd: end, ms: performance.now() - start, scroller });
            else requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        }),
      { stepPx: 2_000, limitMs: 120_000 },
    );
    const scrolling = await stopFrameRecorder(page);
    const steps = await probe.stop(scroll.frames);
    const after = await heapAtRest(cdp);

    ctx.report.add({
      section,
      name: `Attendance view, ${ATTENDANCE_PEOPLE} people in: time to show`,
      value: renderMs,
      unit: 'ms',
      note: `${rows} table rows in the DOM; longest frame while loading ${max(loading.deltas).toFixed(0)} ms`,
    });
    ctx.report.add({
      section,
      name: 'Attendance view, scrolling through: longest frame',
      value: max(scrolling.deltas),
      unit: 'ms',
      target: { kind: 'max', value: FRAME_TARGET_MS },
      note: `${scroll.frames} steps of 2,000 px (${scroll.scroller}) in ${(scroll.ms / 1000).toFixed(1)} s${scroll.reachedEnd ? '' : ' (stopped at the time limit)'}; ${scrolling.deltas.filter((d) => d > FRAME_TARGET_MS).length} frames over ${FRAME_TARGET_MS} ms; ${scrolling.longTasks} long tasks`,
    });
    ctx.report.add({
      section,
      name: 'Attendance view, scrolling: frame p99',
      value: percentile(scrolling.deltas, 99),
      unit: 'ms',
      note: `p50 ${percentile(scrolling.deltas, 50).toFixed(0)} ms`,
    });
    reportSteps(ctx, 'Attendance view, scrolling', steps);
    ctx.report.add({
      section,
      name: 'Attendance view: JS heap at rest after scrolling',
      value: after.heap / MB,
      unit: 'MiB',
      note: `before ${(before.heap / MB).toFixed(1)} MiB; DOM nodes ${before.nodes} -> ${after.nodes}`,
    });
    return {
      rows,
      renderMs,
      loading: summary(loading.deltas),
      scroll,
      scrolling: summary(scrolling.deltas),
      longTasks: scrolling.longTasks,
      ...steps,
      before,
      after,
    };
  } finally {
    await preview.stop();
  }
}

/**
 * The Timesheet's grid of 5,000 employees × last month's days (31 or 30 columns and the totals),
 * virtualised both ways: scrolled down to its last row (the grid reads 100 employees at a time as
 * the end comes near) while it also scrolls sideways across the days and back.
 */
async function timesheetScroll(ctx: BenchContext, browser: Browser, notes: string[]): Promise<Record<string, unknown>> {
  const section = 'ui';
  const dataDir = join(ctx.scratch, 'ui-timesheet');
  ctx.progress(`ui: Timesheet grid with ${TIMESHEET_PEOPLE} employees`);
  const punches = fillMonth(join(dataDir, 'attendance.db'), TIMESHEET_PEOPLE);
  writeSettings(dataDir, 9);
  const preview = await startPreview(dataDir);
  try {
    const page = await newPage(browser, preview.url);
    await page.goto(`${preview.url}#/timesheet`);
    await page.locator('[data-employee-id]').first().waitFor({ timeout: 60_000 });
    // Last month's first day: its cells show once last month's first page has arrived and is drawn.
    const now = new Date();
    const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
    const firstDay = `${first.getFullYear()}-${String(first.getMonth() + 1).padStart(2, '0')}-01`;
    const t0 = performance.now();
    await page.getByRole('button', { name: en.timesheet.previousMonth }).click();
    // The grid draws its cells on a canvas, whose test hook says what it drew.
    await page.waitForFunction(
      (day) => {
        const canvas = document.querySelector('[data-testid="timesheet-cells"]') as
          (HTMLCanvasElement & { drawnCells?: () => { date?: string }[] }) | null;
        // (A build from before the canvas: one element per cell.)
        if (!canvas) return document.querySelector(`[data-employee-id] [data-date="${day}"]`) !== null;
        return (canvas.drawnCells?.() ?? []).some((c) => c.date === day);
      },
      firstDay,
      { timeout: 60_000, polling: 'raf' },
    );
    const firstScreenMs = performance.now() - t0;
    const cells = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid="timesheet-cells"]') as
        (HTMLCanvasElement & { drawnCells?: () => unknown[] }) | null;
      return canvas?.drawnCells?.().length ?? document.querySelectorAll('[role="gridcell"]').length;
    });
    const domNodes = await page.evaluate(() => document.querySelectorAll('[data-testid="timesheet-grid"] *').length);

    // Every employee read (the grid asks for the next 100 as its end comes near), then back to the top.
    const t1 = performance.now();
    const loaded = await page
      .waitForFunction(
        (rows) => {
          const el = document.querySelector<HTMLElement>('[data-testid="timesheet-grid"]')!;
          el.scrollTop = el.scrollHeight;
          return el.scrollHeight >= rows * 30;
        },
        TIMESHEET_PEOPLE,
        { timeout: 180_000, polling: 50 },
      )
      .then(
        () => true,
        () => false,
      );
    const loadAllMs = performance.now() - t1;
    if (!loaded) notes.push(`the Timesheet grid did not read its ${TIMESHEET_PEOPLE} employees within 180 s`);
    await page.evaluate(() => {
      document.querySelector<HTMLElement>('[data-testid="timesheet-grid"]')!.scrollTop = 0;
    });
    await page.waitForTimeout(500);

    const probe = await startStepProbe(browser, page);
    await startFrameRecorder(page);
    const scroll = await page.evaluate(
      ({ stepPx, sidePx, limitMs, rows }) =>
        new Promise<{ frames: number; reachedEnd: boolean; ms: number }>((resolve) => {
          const el = document.querySelector<HTMLElement>('[data-testid="timesheet-grid"]')!;
          const start = performance.now();
          let frames = 0;
          let side = sidePx;
          const step = (): void => {
            frames += 1;
            el.scrollTop += stepPx;
            const before = el.scrollLeft;
            el.scrollLeft += side;
            if (el.scrollLeft === before) side = -side;
            const all = el.scrollHeight >= rows * 30;
            const end = all && el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
            if (end || performance.now() - start > limitMs)
              resolve({ frames, reachedEnd: end, ms: performance.now() - start });
            else requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        }),
      { stepPx: 600, sidePx: 120, limitMs: 120_000, rows: TIMESHEET_PEOPLE },
    );
    const scrolling = await stopFrameRecorder(page);
    const steps = await probe.stop(scroll.frames);
    if (!scroll.reachedEnd) notes.push(`the Timesheet grid did not reach its last row within 120 s`);
    ctx.report.add({
      section,
      name: `Timesheet grid, ${TIMESHEET_PEOPLE} employees × a month: first screen`,
      value: firstScreenMs,
      unit: 'ms',
      note: `${cells} day and total cells drawn, ${domNodes} elements in the grid; ${punches} punches in the month`,
    });
    ctx.report.add({
      section,
      name: `Timesheet grid: all ${TIMESHEET_PEOPLE} employees read, 100 a request`,
      value: loadAllMs,
      unit: 'ms',
    });
    ctx.report.add({
      section,
      name: 'Timesheet grid, scrolling down and sideways: longest frame',
      value: max(scrolling.deltas),
      unit: 'ms',
      target: { kind: 'max', value: FRAME_TARGET_MS },
      note: `${scroll.frames} steps of 600 px down and 120 px sideways in ${(scroll.ms / 1000).toFixed(1)} s${scroll.reachedEnd ? '' : ' (stopped at the time limit)'}; ${scrolling.deltas.filter((d) => d > FRAME_TARGET_MS).length} frames over ${FRAME_TARGET_MS} ms; ${scrolling.longTasks} long tasks`,
    });
    ctx.report.add({
      section,
      name: 'Timesheet grid, scrolling: frame p99',
      value: percentile(scrolling.deltas, 99),
      unit: 'ms',
      note: `p50 ${percentile(scrolling.deltas, 50).toFixed(0)} ms`,
    });
    reportSteps(ctx, 'Timesheet grid, scrolling', steps);
    return {
      ...steps,
      firstScreenMs,
      loadAllMs,
      cells,
      scroll,
      scrolling: summary(scrolling.deltas),
      longTasks: scrolling.longTasks,
    };
  } finally {
    await preview.stop();
  }
}

// ---- the page --------------------------------------------------------------------------------

async function newPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone,
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

interface FrameRecord {
  deltas: number[];
  longTasks: number;
}

declare global {
  interface Window {
    __benchFrames?: {
      deltas: number[];
      last: number;
      running: boolean;
      longTasks: number;
      observer: PerformanceObserver | null;
    };
  }
}

/** Starts recording requestAnimationFrame gaps (bounded: at most 100,000 frames) and long tasks. */
async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const rec = {
      deltas: [] as number[],
      last: performance.now(),
      running: true,
      longTasks: 0,
      observer: null as PerformanceObserver | null,
    };
    window.__benchFrames = rec;
    const tick = (now: number): void => {
      if (!rec.running) return;
      rec.deltas.push(now - rec.last);
      rec.last = now;
      if (rec.deltas.length < 100_000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    try {
      rec.observer = new PerformanceObserver((list) => (rec.longTasks += list.getEntries().length));
      rec.observer.observe({ type: 'longtask', buffered: false });
    } catch {
      // No long-task timing in this browser: the frame gaps still tell.
    }
  });
}

async function stopFrameRecorder(page: Page): Promise<FrameRecord> {
  return page.evaluate(() => {
    const rec = window.__benchFrames!;
    rec.running = false;
    rec.observer?.disconnect();
    // The first gap measures from start() to the first frame, not a frame.
    return { deltas: rec.deltas.slice(1), longTasks: rec.longTasks };
  });
}

interface MainThreadTimes {
  task: number;
  script: number;
  style: number;
  layout: number;
}

/** The page's main-thread time so far, in ms, by kind (Chromium's Performance domain, enabled first). */
async function mainThreadTimes(cdp: CDPSession): Promise<MainThreadTimes> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const ms = (name: string): number => (list.find((m) => m.name === name)?.value ?? NaN) * 1000;
  return {
    task: ms('TaskDuration'),
    script: ms('ScriptDuration'),
    style: ms('RecalcStyleDuration'),
    layout: ms('LayoutDuration'),
  };
}

/** CPU time so far of Chromium's processes, in ms, summed by type (`renderer`, `gpu`, `browser`, …). */
async function processCpu(browserCdp: CDPSession): Promise<Record<string, number>> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as {
    processInfo: { type: string; id: number; cpuTime: number }[];
  };
  const out: Record<string, number> = {};
  for (const p of processInfo) out[p.type] = (out[p.type] ?? 0) + p.cpuTime * 1000;
  return out;
}

/** What a trace records: enough to see each frame's script, style, layout, paint, GC and compositing. */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8',
  'cc',
  'gpu',
  'benchmark',
  'viz',
];

/** What a scroll cost per step: the renderer's main thread by kind, and Chromium's CPU by process type. */
interface StepCosts {
  mainThreadPerStep: MainThreadTimes;
  cpuPerStep: Record<string, number>;
}

/**
 * Starts measuring a scroll: the renderer's main-thread time (less at the mercy of other load than
 * frame gaps) and the CPU time of Chromium's processes (renderer, GPU / display compositor,
 * browser: unlike the main thread's task time, not stretched when other jobs hold the cores).
 * BENCH_TRACE=file.json also records a Chromium trace of the scroll (what the long frames hold);
 * BENCH_CPUPROFILE=file.cpuprofile the renderer's JavaScript profile.
 */
async function startStepProbe(browser: Browser, page: Page): Promise<{ stop(steps: number): Promise<StepCosts> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busyBefore = await mainThreadTimes(cdp);
  const browserCdp = await browser.newBrowserCDPSession();
  const cpuBefore = await processCpu(browserCdp);
  const tracePath = process.env.BENCH_TRACE;
  if (tracePath) await browser.startTracing(page, { path: tracePath, categories: TRACE_CATEGORIES });
  const profilePath = process.env.BENCH_CPUPROFILE;
  if (profilePath) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  return {
    async stop(steps) {
      if (tracePath) await browser.stopTracing();
      if (profilePath) writeFileSync(profilePath, JSON.stringify((await cdp.send('Profiler.stop')).profile));
      const busyAfter = await mainThreadTimes(cdp);
      const cpuAfter = await processCpu(browserCdp);
      await browserCdp.detach();
      await cdp.detach();
      const kinds = [...new Set([...Object.keys(cpuBefore), ...Object.keys(cpuAfter)])];
      const busy = (key: keyof MainThreadTimes): number => (busyAfter[key] - busyBefore[key]) / steps;
      return {
        mainThreadPerStep: { task: busy('task'), script: busy('script'), style: busy('style'), layout: busy('layout') },
        cpuPerStep: Object.fromEntries(
          kinds.map((kind) => [kind, ((cpuAfter[kind] ?? 0) - (cpuBefore[kind] ?? 0)) / steps]),
        ),
      };
    },
  };
}

/** Two rows of the table: main-thread time and Chromium's CPU time per scroll step. */
function reportSteps(ctx: BenchContext, what: string, { mainThreadPerStep: busy, cpuPerStep }: StepCosts): void {
  ctx.report.add({
    section: 'ui',
    name: `${what}: renderer main thread busy per step`,
    value: busy.task,
    unit: 'ms',
    note: `script ${busy.script.toFixed(1)}, style ${busy.style.toFixed(1)}, layout ${busy.layout.toFixed(1)} ms per step`,
  });
  const kinds = Object.keys(cpuPerStep);
  ctx.report.add({
    section: 'ui',
    name: `${what}: Chromium CPU time per step`,
    value: kinds.reduce((sum, kind) => sum + cpuPerStep[kind]!, 0),
    unit: 'ms',
    note: `${kinds.map((kind) => `${kind} ${cpuPerStep[kind]!.toFixed(1)}`).join(', ')} ms per step, by process type`,
  });
}

async function metrics(cdp: CDPSession): Promise<{ heap: number; nodes: number }> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const value = (name: string): number => list.find((m) => m.name === name)?.value ?? NaN;
  return { heap: value('JSHeapUsedSize'), nodes: value('Nodes') };
}

async function heapAtRest(cdp: CDPSession): Promise<{ heap: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  return metrics(cdp);
}

function summary(deltas: number[]): { frames: number; max: number; p99: number; p50: number } {
  return { frames: deltas.length, max: max(deltas), p99: percentile(deltas, 99), p50: percentile(deltas, 50) };
}

// ---- the preview server ------------------------------------------------------------------------

/** settings.json as the preview's settings repository reads it (secrets come from the environment). */
function writeSettings(dataDir: string, port: number): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({
      version: 1,
      host: '127.0.0.1',
      port,
      systemId: BENCH_CREDENTIALS.systemId,
      ignoreNumbers: ['11111'],
      repeatWindowMinutes: 10,
      ackRatePerMinute: 0,
      language: 'en',
      defaultCountry: 'IR',
    }),
  );
}

async function startPreview(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [PREVIEW_MAIN, '--data', dataDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, SMPP_PASSWORD: BENCH_CREDENTIALS.password, ATTENDANCE_KEY: FIELD_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (!(url = /Preview: (\S+)/.exec(out)?.[1])) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`the preview server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

// ---- the Attendance view's data ----------------------------------------------------------------

/** `people` employees who all arrived this morning (one message, event and delivered ack each). */
function fillPresence(path: string, people: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  openStore(path, { defaultCountry: 'IR' }).close();
  const db = new Database(path);
  try {
    db.pragma('synchronous = OFF');
    const today = localMidnight(Date.now());
    const employee = db.prepare(
      'INSERT INTO employees (id, phone, name, department, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
    );
    const message = db.prepare(
      `INSERT INTO messages (id, received_at, source, destination, data_coding, esm_class, raw, envelope, plaintext, outcome)
       VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, 'recorded')`,
    );
    const event = db.prepare(
      'INSERT INTO events (message_id, phone, employee_id, status, reported_time, occurred_at, received_at, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const ack = db.prepare(
      `INSERT INTO acks (message_id, destination, source, text, state, attempts, next_attempt_at, queued_at, submitted_at, finished_at)
       VALUES (?, ?, ?, ?, 'delivered', 1, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let k = 0; k < people; k++) {
        const phone = employeePhone(k);
        const minute = 420 + (k % 180); // 07:00-09:59
        const at = today + minute * 60_000;
        const reported = ` ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        employee.run(k + 1, phone, employeeName(k), `Dept ${k % 40}`, today, today);
        message.run(
          k + 1,
          at + 2_000,
          phone,
          GATEWAY_NUMBER,
          Buffer.from('\u0002\u0002x\u0002\u0002', 'latin1'),
          'x',
          `Arrival${reported}`,
        );
        event.run(k + 1, phone, k + 1, 'arrival', reported, at, at + 2_000, at);
        ack.run(k + 1, phone, GATEWAY_NUMBER, '$$ack$$', at, at, at + 50, at + 4_000);
      }
    })();
  } finally {
    db.close();
  }
}

/**
 * `people` employees who arrived at 08:00-08:59 and left at 16:00 on every Saturday-Wednesday of
 * last month (Gregorian: the bench's page is in English), with the app bound all month.
 * @returns the number of punches
 */
function fillMonth(path: string, people: number): number {
  mkdirSync(join(path, '..'), { recursive: true });
  openStore(path, { defaultCountry: 'IR' }).close();
  const db = new Database(path);
  let punches = 0;
  try {
    db.pragma('synchronous = OFF');
    const now = new Date();
    const first = new Date(now.getFullYear(), now.getMonth() - 1, 1);
    const last = new Date(now.getFullYear(), now.getMonth(), 0);
    const employee = db.prepare(
      'INSERT INTO employees (id, phone, name, department, active, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)',
    );
    const message = db.prepare(
      `INSERT INTO messages (id, received_at, source, destination, data_coding, esm_class, raw, envelope, plaintext, outcome)
       VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, 'recorded')`,
    );
    const event = db.prepare(
      'INSERT INTO events (message_id, phone, employee_id, status, reported_time, occurred_at, received_at, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      db.prepare("INSERT INTO connection_history (state, from_at, to_at, alive_at) VALUES ('bound', ?, ?, ?)").run(
        first.getTime() - 86_400_000,
        last.getTime() + 2 * 86_400_000,
        last.getTime() + 2 * 86_400_000,
      );
      let id = 0;
      for (let k = 0; k < people; k++) employee.run(k + 1, employeePhone(k), employeeName(k), `Dept ${k % 40}`, 0, 0);
      for (let day = new Date(first); day <= last; day.setDate(day.getDate() + 1)) {
        if (day.getDay() === 4 || day.getDay() === 5) continue;
        const midnight = localMidnight(day.getTime());
        for (let k = 0; k < people; k++) {
          const phone = employeePhone(k);
          for (const [status, minute] of [
            ['arrival', 480 + (k % 60)],
            ['exit', 960],
          ] as const) {
            const at = midnight + minute * 60_000;
            const text = ` ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
            id += 1;
            message.run(
              id,
              at,
              phone,
              GATEWAY_NUMBER,
              Buffer.from('x'),
              'x',
              `${status === 'arrival' ? 'Arrival' : 'Exit'}${text}`,
            );
            event.run(id, phone, k + 1, status, text, at, at, at);
          }
        }
      }
      punches = id;
    })();
  } finally {
    db.close();
  }
  return punches;
}
