/**
 * `npm run bench`: the performance suite of issue 5, and the timesheet's of issue 10. Prints a table of figures against their
 * targets and writes test-results/bench.json.
 *
 *   npm run bench                       CI sizes (200,000 events, shorter runs)
 *   npm run bench -- --big              full sizes (2,000,000 events; BENCH_BIG=1 does the same)
 *   npm run bench -- --only ingest,data  some sections: ingest, data, export, startup, timesheet, ui
 *   npm run bench -- --filter 'window 10'  only the parts whose label contains the text
 *   npm run bench -- --profile          serve runs with --cpu-prof (profiles in test-results/profiles)
 *   npm run bench -- --keep             keep the scratch folder (databases, serve logs)
 *
 * Everything talks only to 127.0.0.1; every loop is bounded in count and time.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BenchReport } from './bench-report.js';
import type { BenchContext } from './bench-context.js';
import { runEchoEsme } from './echo-esme.js';
import { runPrototype } from './prototype-esme.js';
import { benchIngest } from './ingest-bench.js';
import { benchData } from './data-bench.js';
import { benchExport, runExportProbe } from './export-bench.js';
import { benchStartup } from './startup-bench.js';
import { benchUi } from './ui-bench.js';
import { benchTimesheet, runTimesheetProbe } from './timesheet-bench.js';
import { BENCH_CREDENTIALS, REPO_ROOT } from './serve-process.js';
import { runIngestDbProbe } from './ingest-db-probe.js';
import type { CorpusOptions } from './message-corpus.js';

const SECTIONS = {
  ingest: benchIngest,
  data: benchData,
  export: benchExport,
  startup: benchStartup,
  timesheet: benchTimesheet,
  ui: benchUi,
} as const;
type SectionName = keyof typeof SECTIONS;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'export-probe') {
    await runExportProbe(argv[1]!, argv[2]!);
    return 0;
  }
  if (argv[0] === 'timesheet-probe') {
    await runTimesheetProbe(argv.slice(1));
    return 0;
  }
  if (argv[0] === 'ingest-db-probe') {
    await runIngestDbProbe(argv.slice(1));
    return 0;
  }
  if (argv[0] === 'prototype') {
    await runPrototype(Number(argv[1]), argv[2]!, BENCH_CREDENTIALS);
    return 0;
  }
  if (argv[0] === 'echo-esme') {
    await runEchoEsme(Number(argv[1]), JSON.parse(argv[2] ?? '[]') as CorpusOptions[], BENCH_CREDENTIALS);
    return 0;
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      big: { type: 'boolean' },
      only: { type: 'string' },
      filter: { type: 'string' },
      profile: { type: 'boolean' },
      keep: { type: 'boolean' },
    },
    strict: true,
  });
  const big = values.big === true || process.env.BENCH_BIG === '1';
  const only = (values.only ?? Object.keys(SECTIONS).join(','))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const name of only) {
    if (!(name in SECTIONS))
      throw new Error(`unknown section '${name}' (sections: ${Object.keys(SECTIONS).join(', ')})`);
  }

  const report = new BenchReport();
  const scratch = mkdtempSync(join(tmpdir(), 'smpp-attendance-bench-'));
  const profileDir = values.profile ? join(REPO_ROOT, 'test-results', 'profiles') : null;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const ctx: BenchContext = {
    big,
    report,
    scratch,
    cacheDir: join(tmpdir(), 'smpp-attendance-bench-cache'),
    profileDir,
    filter: values.filter ?? null,
    selfPath: fileURLToPath(import.meta.url),
    progress: (text) => process.stderr.write(`[bench] ${text}\n`),
  };
  const meta = {
    date: new Date().toISOString(),
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    size: big ? 'big' : 'ci',
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: process.platform,
    },
  };
  const out = join(REPO_ROOT, 'test-results', 'bench.json');
  let failed = false;
  try {
    for (const name of only as SectionName[]) {
      const t0 = performance.now();
      try {
        await SECTIONS[name](ctx);
      } catch (error) {
        failed = true;
        report.section({ name, notes: [`FAILED: ${(error as Error).stack ?? String(error)}`] });
      }
      ctx.progress(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      report.write(out, meta);
    }
  } finally {
    if (!values.keep) rmSync(scratch, { recursive: true, force: true });
  }
  const m = meta.machine;
  process.stdout.write(
    `\nSMPP Attendance benchmarks (${meta.size} sizes) on ${m.cpus} × ${m.model}, ${m.memoryGiB} GiB, Node ${m.node}\n\n`,
  );
  process.stdout.write(`${report.table()}\n`);
  const notes = report.notes();
  if (notes.length) process.stdout.write(`\n${notes.join('\n')}\n`);
  process.stdout.write(`\nwritten to ${out}\n`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
