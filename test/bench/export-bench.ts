/**
 * Export: every event of the large database to CSV, through the core's streaming export to a file
 * in a process of its own (time, and memory growth sampled every 20 ms), and as an operator runs
 * it (`smpp-attendance export --out`, wall time and the child's peak RSS).
 */
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openStore } from '../../src-main/core/store/attendance-store.js';
import { exportAttendanceCsv } from '../../src-main/core/export/attendance-csv.js';
import { ensureScaleDb } from './scale-db.js';
import { scaleSpec } from './data-bench.js';
import { CLI_BIN, REPO_ROOT } from './serve-process.js';
import { MB } from './stats.js';
import type { BenchContext } from './bench-context.js';

export async function benchExport(ctx: BenchContext): Promise<void> {
  const info = ensureScaleDb(scaleSpec(ctx.big), ctx.cacheDir, ctx.scratch, ctx.progress);
  const section = 'export';
  ctx.progress(`export: ${info.events} events to CSV`);

  // The core's export, as the app's Export view runs it, in a fresh process of its own so that the
  // memory figures are the export's and not what earlier sections left behind.
  const out = join(ctx.scratch, 'export.csv');
  const probe = spawn(process.execPath, ['--expose-gc', ctx.selfPath, 'export-probe', info.path, out], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let json = '';
  probe.stdout.on('data', (d: Buffer) => (json += d.toString()));
  const probeCode = await new Promise<number | null>((resolve) => probe.on('exit', (c) => resolve(c)));
  if (probeCode !== 0) throw new Error(`the export probe exited with ${probeCode}`);
  const result = JSON.parse(json) as ExportProbeResult;
  const size = statSync(out).size;
  if (result.rows !== info.events)
    throw new Error(`the export wrote ${result.rows} rows; the database has ${info.events} events`);
  ctx.report.add({
    section,
    name: `${result.rows} rows to CSV (core export to a file)`,
    value: result.ms / 1000,
    unit: 's',
    target: { kind: 'max', value: 5 },
    note: `${(size / MB).toFixed(0)} MiB of CSV, ${Math.round(result.rows / (result.ms / 1000))} rows/s`,
  });
  ctx.report.add({
    section,
    name: 'peak RSS growth',
    value: (result.peakRss - result.baseRss) / MB,
    unit: 'MiB',
    target: { kind: 'max', value: 100 },
    note: `sampled every 20 ms in a fresh process; ${(result.baseRss / MB).toFixed(0)} -> ${(result.peakRss / MB).toFixed(0)} MiB`,
  });
  ctx.report.add({
    section,
    name: 'peak JS heap growth',
    value: (result.peakHeap - result.baseHeap) / MB,
    unit: 'MiB',
  });

  // As an operator runs it: a fresh process, wall time and peak RSS (VmHWM) of the child.
  const cliOut = join(ctx.scratch, 'export-cli.csv');
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI_BIN, 'export', '--db', info.path, '--out', cliOut], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let hwm = 0;
  const poll = setInterval(() => (hwm = Math.max(hwm, peakRssOf(child.pid))), 20);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearInterval(poll);
  const wall = performance.now() - t0;
  if (code !== 0) throw new Error(`smpp-attendance export exited with ${code}: ${stderr}`);
  ctx.report.add({
    section,
    name: 'smpp-attendance export --out (CLI, wall)',
    value: wall / 1000,
    unit: 's',
    target: { kind: 'max', value: 5 },
    note: 'includes process start',
  });
  ctx.report.add({
    section,
    name: 'CLI export peak RSS',
    value: hwm / MB,
    unit: 'MiB',
    note: 'whole process (VmHWM), not growth',
  });
  ctx.report.section({ name: section, details: { ...result, csvBytes: size, cliPeakRss: hwm, cliWallMs: wall } });
}

export interface ExportProbeResult {
  rows: number;
  ms: number;
  baseRss: number;
  peakRss: number;
  baseHeap: number;
  peakHeap: number;
}

/** `run.js export-probe DB OUT`: exports DB to OUT and prints an ExportProbeResult as JSON. */
export async function runExportProbe(dbPath: string, outPath: string): Promise<void> {
  const store = openStore(dbPath);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 20);
  try {
    const file = createWriteStream(outPath);
    const t0 = performance.now();
    const { rows } = await exportAttendanceCsv(store, {}, file);
    file.end();
    await finished(file);
    const ms = performance.now() - t0;
    sample();
    const result: ExportProbeResult = { rows, ms, baseRss: base.rss, peakRss, baseHeap: base.heapUsed, peakHeap };
    process.stdout.write(JSON.stringify(result));
  } finally {
    clearInterval(sampler);
    store.close();
  }
}

/** VmHWM (peak resident set) of a process in bytes, 0 when it cannot be read. */
function peakRssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
