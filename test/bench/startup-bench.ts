/**
 * Start-up: from launching `smpp-attendance serve` on the large database to the gateway seeing
 * its bind_transceiver, and to serve reporting `state: bound` on stdout. Median of several starts
 * on a copy of the database (serve may checkpoint or migrate; the cache stays untouched).
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureScaleDb } from './scale-db.js';
import { scaleSpec } from './data-bench.js';
import { LoadSmsc } from './load-smsc.js';
import { BENCH_CREDENTIALS, startServe } from './serve-process.js';
import { median, percentile } from './stats.js';
import type { BenchContext } from './bench-context.js';

const STARTS = 5;

export async function benchStartup(ctx: BenchContext): Promise<void> {
  const info = ensureScaleDb(scaleSpec(ctx.big), ctx.cacheDir, ctx.scratch, ctx.progress);
  const section = 'startup';
  const dbPath = join(ctx.scratch, 'startup.db');
  copyFileSync(info.path, dbPath);
  ctx.progress(`startup: serve on ${info.events} events, ${STARTS} starts`);
  const toBind: number[] = [];
  const toBound: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const smsc = await LoadSmsc.start(BENCH_CREDENTIALS);
    const serve = startServe({ port: smsc.port, dbPath, logPath: 'pipe' });
    try {
      const boundAt = await smsc.waitForBind(30_000);
      toBind.push(boundAt - serve.launchedAt);
      const deadline = performance.now() + 30_000;
      while (!/state: bound/.test(serve.log())) {
        if (performance.now() > deadline) throw new Error(`serve never reported bound:\n${serve.log()}`);
        await new Promise((r) => setTimeout(r, 1));
      }
      toBound.push(performance.now() - serve.launchedAt);
      const code = await serve.stop();
      if (code !== 0) throw new Error(`serve exited with ${code}:\n${serve.log()}`);
    } finally {
      await serve.stop();
      await smsc.close();
    }
  }
  ctx.report.add({
    section,
    name: `launch -> bind_transceiver at the gateway (${info.events} events)`,
    value: median(toBind),
    unit: 'ms',
    target: { kind: 'max', value: 1000 },
    note: `median of ${STARTS}, max ${percentile(toBind, 100).toFixed(0)} ms; warm page cache`,
  });
  ctx.report.add({
    section,
    name: 'launch -> "state: bound" on stdout',
    value: median(toBound),
    unit: 'ms',
    target: { kind: 'max', value: 1000 },
    note: `max ${percentile(toBound, 100).toFixed(0)} ms`,
  });
  ctx.report.section({ name: section, details: { toBind, toBound, events: info.events } });
}
