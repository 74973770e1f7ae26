/**
 * The timesheet (issue 10) on the large database (5,000 employees; 2,000,000 events with --big):
 * day results of one whole month as the grid asks for them (its first screen: the first 50
 * employees) and as the exports and the dashboard read them (every employee, one at a time), one
 * employee's month, and the month as XLSX (5,000 × 31 day rows). Each part runs in a fresh process
 * of its own so that its time and memory are its own and not what earlier sections left behind;
 * memory is the growth of the resident set over the process's state after opening the database.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { openStore } from '../../src-main/core/store/attendance-store.js';
import { writeTimesheetXlsx } from '../../src-main/core/export/timesheet-xlsx.js';
import { addDays, eachDate, monthRange } from '../../src-main/core/attendance/calendar.js';
import { ensureScaleDb, type ScaleDbInfo } from './scale-db.js';
import { scaleSpec } from './data-bench.js';
import { MB, median, percentile } from './stats.js';
import type { BenchContext } from './bench-context.js';

/** The grid's first screen: the employees it shows before any scrolling. */
const FIRST_SCREEN = 50;
const EMPLOYEE_MONTH_RUNS = 25;
const FIRST_SCREEN_RUNS = 5;

type ProbeKind = 'grid' | 'xlsx';

interface Memory {
  baseRss: number;
  peakRss: number;
  baseHeap: number;
  peakHeap: number;
}

export interface GridProbeResult extends Memory {
  firstScreenColdMs: number;
  firstScreenColdCpuMs: number;
  firstScreenWarmMs: number[];
  firstScreenRows: number;
  total: number;
  wholeMonthMs: number;
  wholeMonthCpuMs: number;
  employees: number;
  dayRows: number;
  employeeMonthMs: number[];
  employeeMonthDays: number;
}

export interface XlsxProbeResult extends Memory {
  ms: number;
  cpuMs: number;
  rows: number;
  employees: number;
  bytes: number;
}

/** A 31-day month inside the generated history (the data covers every day, weekends too). */
export function benchMonth(info: ScaleDbInfo): { from: string; to: string } {
  // Gregorian months of 31 days, walking back from the sample day until one lies wholly in the data.
  const firstDataDay = addDays(info.today, -(info.days - 1));
  for (let probe = info.sampleDay; probe >= firstDataDay; probe = addDays(probe, -28)) {
    const range = monthRange(probe.slice(0, 7));
    if (eachDate(range.from, range.to).length === 31 && range.from >= firstDataDay && range.to < info.today)
      return range;
  }
  // A short history (CI size): the 31 days before today, whatever month they are in.
  return { from: addDays(info.today, -31), to: addDays(info.today, -1) };
}

export async function benchTimesheet(ctx: BenchContext): Promise<void> {
  const info = ensureScaleDb(scaleSpec(ctx.big), ctx.cacheDir, ctx.scratch, ctx.progress);
  const section = 'timesheet';
  const month = benchMonth(info);
  const days = eachDate(month.from, month.to).length;
  ctx.progress(
    `timesheet: ${info.employees} employees × ${days} days (${month.from} to ${month.to}) over ${info.events} events`,
  );

  const grid = await probe<GridProbeResult>(ctx, 'grid', [info.path, month.from, month.to, String(info.nowMs)]);
  if (grid.employees !== info.employees)
    throw new Error(`the month had ${grid.employees} employees, not ${info.employees}`);
  ctx.report.add({
    section,
    name: `grid's first screen (${FIRST_SCREEN} employees × ${days} days), first call`,
    value: grid.firstScreenColdMs,
    unit: 'ms',
    target: { kind: 'max', value: 300 },
    note: `a fresh process's first call (CPU ${grid.firstScreenColdCpuMs.toFixed(0)} ms); then median ${median(grid.firstScreenWarmMs).toFixed(1)} ms; ${grid.firstScreenRows} rows of ${grid.total}; ${load()}`,
  });
  ctx.report.add({
    section,
    name: `whole month computed (${grid.employees} employees, one at a time)`,
    value: grid.wholeMonthMs / 1000,
    unit: 's',
    target: { kind: 'max', value: 2 },
    note: `CPU ${(grid.wholeMonthCpuMs / 1000).toFixed(2)} s; ${grid.dayRows} day results over ${info.events} events; ${load()}`,
  });
  ctx.report.add({
    section,
    name: 'peak RSS growth (first screen + whole month + one employee)',
    value: (grid.peakRss - grid.baseRss) / MB,
    unit: 'MiB',
    target: { kind: 'max', value: 200 },
    note: `${(grid.baseRss / MB).toFixed(0)} -> ${(grid.peakRss / MB).toFixed(0)} MiB; JS heap +${((grid.peakHeap - grid.baseHeap) / MB).toFixed(0)} MiB`,
  });
  ctx.report.add({
    section,
    name: "one employee's month (days, punches with corrections, summary)",
    value: median(grid.employeeMonthMs),
    unit: 'ms',
    target: { kind: 'max', value: 20 },
    note: `median of ${grid.employeeMonthMs.length} employees; max ${percentile(grid.employeeMonthMs, 100).toFixed(1)} ms; ${grid.employeeMonthDays} days`,
  });

  const out = join(ctx.scratch, 'timesheet.xlsx');
  const xlsx = await probe<XlsxProbeResult>(ctx, 'xlsx', [info.path, month.from, month.to, String(info.nowMs), out]);
  ctx.report.add({
    section,
    name: `XLSX of ${xlsx.employees} employees × ${days} days (${xlsx.rows} rows)`,
    value: xlsx.ms / 1000,
    unit: 's',
    target: { kind: 'max', value: 10 },
    note: `CPU ${(xlsx.cpuMs / 1000).toFixed(1)} s; ${(xlsx.bytes / MB).toFixed(1)} MiB file, three sheets, computed and written; ${load()}`,
  });
  ctx.report.add({
    section,
    name: 'XLSX peak RSS growth',
    value: (xlsx.peakRss - xlsx.baseRss) / MB,
    unit: 'MiB',
    target: { kind: 'max', value: 300 },
    note: `${(xlsx.baseRss / MB).toFixed(0)} -> ${(xlsx.peakRss / MB).toFixed(0)} MiB; JS heap +${((xlsx.peakHeap - xlsx.baseHeap) / MB).toFixed(0)} MiB`,
  });
  ctx.report.section({ name: section, details: { month, grid, xlsx } });
}

/** The machine is shared: wall times are only comparable with the load beside them. */
function load(): string {
  return `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`;
}

async function probe<T>(ctx: BenchContext, kind: ProbeKind, args: string[]): Promise<T> {
  const child = spawn(process.execPath, ['--expose-gc', ctx.selfPath, 'timesheet-probe', kind, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let json = '';
  child.stdout.on('data', (d: Buffer) => (json += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  if (code !== 0) throw new Error(`the timesheet ${kind} probe exited with ${code}`);
  return JSON.parse(json) as T;
}

/** CPU time (user + system, all threads) of this process since `start`, in ms. */
function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Samples the resident set and the heap: on a timer while the work yields, and by hand inside loops that do not. */
function memorySampler(): Memory & { sample: () => void; stop: () => void } {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage();
  const m: Memory & { sample: () => void; stop: () => void } = {
    baseRss: base.rss,
    peakRss: base.rss,
    baseHeap: base.heapUsed,
    peakHeap: base.heapUsed,
    sample: () => {
      const now = process.memoryUsage();
      m.peakRss = Math.max(m.peakRss, now.rss);
      m.peakHeap = Math.max(m.peakHeap, now.heapUsed);
    },
    stop: () => clearInterval(timer),
  };
  const timer = setInterval(m.sample, 20);
  return m;
}

/** `run.js timesheet-probe grid|xlsx DB FROM TO NOW [OUT]`: prints a GridProbeResult or XlsxProbeResult as JSON. */
export async function runTimesheetProbe(argv: string[]): Promise<void> {
  const [kind, dbPath, from, to, nowText, out] = argv as [ProbeKind, string, string, string, string, string?];
  const now = Number(nowText);
  const store = openStore(dbPath);
  const memory = memorySampler();
  const { sample, stop } = memory;
  try {
    if (kind === 'grid') {
      let cpu0 = process.cpuUsage();
      let t0 = performance.now();
      const first = store.timesheet({ from, to, offset: 0, limit: FIRST_SCREEN, now });
      const firstScreenColdMs = performance.now() - t0;
      const firstScreenColdCpuMs = cpuSince(cpu0);
      sample();
      const firstScreenWarmMs: number[] = [];
      for (let i = 0; i < FIRST_SCREEN_RUNS; i++) {
        t0 = performance.now();
        store.timesheet({ from, to, offset: 0, limit: FIRST_SCREEN, now });
        firstScreenWarmMs.push(performance.now() - t0);
      }

      let employees = 0;
      let dayRows = 0;
      let worked = 0;
      cpu0 = process.cpuUsage();
      t0 = performance.now();
      for (const row of store.iterateTimesheet({ from, to, now })) {
        employees += 1;
        dayRows += row.days.length;
        worked += row.summary.workedMinutes;
        if (employees % 100 === 0) sample();
      }
      const wholeMonthMs = performance.now() - t0;
      const wholeMonthCpuMs = cpuSince(cpu0);
      sample();
      if (worked <= 0) throw new Error('the month has no worked minutes: the data or the computation is wrong');

      const employeeMonthMs: number[] = [];
      let employeeMonthDays = 0;
      for (let i = 0; i < EMPLOYEE_MONTH_RUNS; i++) {
        const id = 1 + ((i * 197) % employees);
        t0 = performance.now();
        const result = store.employeeMonth(id, from, to, now);
        employeeMonthMs.push(performance.now() - t0);
        employeeMonthDays = result.days.length;
      }
      sample();
      const result: GridProbeResult = {
        baseRss: memory.baseRss,
        peakRss: memory.peakRss,
        baseHeap: memory.baseHeap,
        peakHeap: memory.peakHeap,
        firstScreenColdMs,
        firstScreenColdCpuMs,
        firstScreenWarmMs,
        firstScreenRows: first.rows.length,
        total: first.total,
        wholeMonthMs,
        wholeMonthCpuMs,
        employees,
        dayRows,
        employeeMonthMs,
        employeeMonthDays,
      };
      process.stdout.write(JSON.stringify(result));
      return;
    }
    const file = createWriteStream(out!);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { rows, employees } = await writeTimesheetXlsx(store.iterateTimesheet({ from, to, now }), file, {
      language: 'fa',
    });
    const ms = performance.now() - t0;
    const cpuMs = cpuSince(cpu0);
    sample();
    const result: XlsxProbeResult = {
      baseRss: memory.baseRss,
      peakRss: memory.peakRss,
      baseHeap: memory.baseHeap,
      peakHeap: memory.peakHeap,
      ms,
      cpuMs,
      rows,
      employees,
      bytes: statSync(out!).size,
    };
    process.stdout.write(JSON.stringify(result));
  } finally {
    stop();
    store.close();
  }
}
