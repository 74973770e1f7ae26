/**
 * Ingest, end to end: the load SMSC pushes pre-encrypted messages at the real `serve` process;
 * each is decrypted, committed (message, event and ack in one transaction), answered with
 * deliver_sm_resp, and acknowledged by submit_sm from the outbox. Durability as shipped.
 */
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src-main/core/store/attendance-store.js';
import { LoadSmsc, type LoadRunOptions, type LoadRunResult } from './load-smsc.js';
import { buildCorpus, employeePhone, type CorpusOptions, type MessageCorpus } from './message-corpus.js';
import { BENCH_CREDENTIALS, processCpuMs, startServe, type ServeProcess } from './serve-process.js';
import { percentile } from './stats.js';
import { ensureScaleDb } from './scale-db.js';
import { scaleSpec } from './data-bench.js';
import type { BenchContext } from './bench-context.js';
import { describeReason } from '../../src-main/core/describe.js';

const SENDERS = 5_000;
/**
 * Messages sent before each measured run: one from every sender, so that the run measures a serve
 * that has seen its senders before, as in an office, where each number is normalised once per
 * process (libphonenumber's parse, ~0.1 ms, is remembered). With 500, a fifth of the measured
 * messages came from a number serve had never seen.
 */
const WARMUP = SENDERS;
/** The window-10 run and the prototype's run alternate this many times; the table shows medians. */
const REFERENCE_REPEATS = 3;

interface RunFigures {
  messagesPerSecond: number;
  ackP50: number;
  ackP99: number;
  ackMax: number;
  respP50: number;
  respP99: number;
  serveCpuMsPerMessage: number;
  /** The load SMSC's own CPU (this process) per message: its share of the same two cores. */
  generatorCpuMsPerMessage: number;
  retried: number;
}

export async function benchIngest(ctx: BenchContext): Promise<void> {
  const { report, big } = ctx;
  const section = 'ingest';
  const notes: string[] = [];
  const details: Record<string, unknown> = {};
  let sequence = 1;
  let baseMs = Date.now() - 6 * 3_600_000; // reported times a few hours before now
  const corpusOf = (count: number): CorpusOptions => {
    const options = { count, senders: SENDERS, firstSequence: sequence, baseMs };
    sequence += count;
    baseMs += count * 1000;
    return options;
  };

  // 1. The generator alone, against an ESME that does nothing but answer.
  const genCount = big ? 100_000 : 40_000;
  for (const window of ctx.filter === null || 'load generator alone'.includes(ctx.filter) ? [10, 50] : []) {
    ctx.progress(`ingest: load generator alone, window ${window}, ${genCount} messages`);
    const rate = await generatorAlone(ctx, corpusOf(genCount), window);
    report.add({
      section,
      name: `load generator alone, window ${window}`,
      value: rate,
      unit: 'msg/s',
      note: "floor under the generator's capacity (echo ESME in its own process)",
    });
  }

  // 2. The product, one fresh database per configuration.
  const runs: {
    label: string;
    count: number;
    options: Omit<LoadRunOptions, 'timeoutMs'>;
    targetRate?: number;
    targetP99?: number;
    onLargeDb?: boolean;
    /** Alternate with the bare prototype (prototype-esme.ts) and report product / prototype. */
    reference?: boolean;
  }[] = [
    { label: 'window 1', count: big ? 10_000 : 3_000, options: { window: 1 } },
    { label: 'window 10', count: big ? 100_000 : 20_000, options: { window: 10 }, reference: true },
    { label: 'window 50', count: big ? 100_000 : 20_000, options: { window: 50 } },
    {
      label: 'steady 100 msg/s',
      count: big ? 6_000 : 1_500,
      options: { window: 50, ratePerSecond: 100 },
      targetP99: 5,
    },
    {
      label: 'window 10, with delivery receipts',
      count: big ? 50_000 : 10_000,
      options: { window: 10, receipts: true },
    },
    // An office after years: every per-message lookup must stay on an index.
    {
      label: `window 10, into the ${big ? '2,000,000' : '200,000'}-event database`,
      count: big ? 50_000 : 10_000,
      options: { window: 10 },
      onLargeDb: true,
    },
  ];
  for (const run of runs.filter((r) => ctx.filter === null || r.label.includes(ctx.filter!))) {
    ctx.progress(`ingest: ${run.label}, ${run.count} messages through serve`);
    const baseDb = run.onLargeDb ? ensureScaleDb(scaleSpec(big), ctx.cacheDir, ctx.scratch, ctx.progress).path : null;
    let figures: RunFigures;
    if (run.reference) {
      // Back to back in the same run, alternating, so that the machine's load hits both alike.
      const product: RunFigures[] = [];
      const prototype: RunFigures[] = [];
      for (let k = 0; k < REFERENCE_REPEATS; k++) {
        product.push(await productRun(ctx, run.label, corpusOf(WARMUP), corpusOf(run.count), run.options, baseDb));
        ctx.progress(`ingest: bare prototype, ${run.label}, ${run.count} messages (${k + 1}/${REFERENCE_REPEATS})`);
        prototype.push(await prototypeRun(ctx, corpusOf(WARMUP), corpusOf(run.count), run.options));
      }
      const byRate = (a: RunFigures, b: RunFigures): number => a.messagesPerSecond - b.messagesPerSecond;
      figures = product.sort(byRate)[Math.floor(REFERENCE_REPEATS / 2)]!;
      const reference = prototype.sort(byRate)[Math.floor(REFERENCE_REPEATS / 2)]!;
      const rates = (list: RunFigures[]): number[] => list.map((f) => Math.round(f.messagesPerSecond));
      details['bare prototype'] = { count: run.count, runs: rates(prototype), ...reference };
      details[`${run.label} runs`] = rates(product);
      report.add({
        section,
        name: `bare prototype, ${run.label}: throughput (median of ${REFERENCE_REPEATS})`,
        value: reference.messagesPerSecond,
        unit: 'msg/s',
        note: `smpp + AES + one transaction per turn, synchronous=FULL; CPU ${reference.serveCpuMsPerMessage.toFixed(3)} ms/msg; load SMSC ${reference.generatorCpuMsPerMessage.toFixed(3)} ms/msg`,
      });
      report.add({
        section,
        name: `${run.label}: product / prototype`,
        value: figures.messagesPerSecond / reference.messagesPerSecond,
        unit: 'ratio',
        target: { kind: 'min', value: 1 },
        note: `medians of ${REFERENCE_REPEATS} alternating runs`,
      });
    } else {
      figures = await productRun(ctx, run.label, corpusOf(WARMUP), corpusOf(run.count), run.options, baseDb);
    }
    details[run.label] = { count: run.count, ...figures };
    const note = `${run.count} msgs; serve CPU ${figures.serveCpuMsPerMessage.toFixed(3)} ms/msg; load SMSC ${figures.generatorCpuMsPerMessage.toFixed(3)} ms/msg`;
    report.add({
      section,
      name: `${run.label}: throughput`,
      value: figures.messagesPerSecond,
      unit: 'msg/s',
      note,
      ...(run.targetRate ? { target: { kind: 'min', value: run.targetRate } } : {}),
    });
    report.add({ section, name: `${run.label}: latency p50 (deliver_sm -> ack)`, value: figures.ackP50, unit: 'ms' });
    report.add({
      section,
      name: `${run.label}: latency p99 (deliver_sm -> ack)`,
      value: figures.ackP99,
      unit: 'ms',
      ...(run.targetP99 ? { target: { kind: 'max', value: run.targetP99 } } : {}),
    });
    report.add({ section, name: `${run.label}: deliver_sm_resp p99`, value: figures.respP99, unit: 'ms' });
    if (figures.retried > 0)
      notes.push(`${run.label}: serve answered ${figures.retried} deliver_sm with a temporary error (resent)`);
  }
  report.section({ name: section, details, notes });
}

async function generatorAlone(ctx: BenchContext, corpusOptions: CorpusOptions, window: number): Promise<number> {
  const corpus = buildCorpus(corpusOptions);
  const smsc = await LoadSmsc.start(BENCH_CREDENTIALS);
  const echo = spawn(
    process.execPath,
    [ctx.selfPath, 'echo-esme', String(smsc.port), JSON.stringify([corpusOptions])],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  try {
    await smsc.waitForBind(30_000);
    const result = await smsc.push(corpus, { window, timeoutMs: 120_000 });
    return throughput(result);
  } finally {
    echo.kill('SIGTERM');
    await smsc.close();
  }
}

/** The bare prototype (prototype-esme.ts) in its own process, on a fresh database. */
async function prototypeRun(
  ctx: BenchContext,
  warmup: CorpusOptions,
  measured: CorpusOptions,
  options: Omit<LoadRunOptions, 'timeoutMs'>,
): Promise<RunFigures> {
  const dbPath = join(ctx.scratch, `prototype-${measured.firstSequence}.db`);
  const smsc = await LoadSmsc.start(BENCH_CREDENTIALS);
  const child = spawn(process.execPath, [ctx.selfPath, 'prototype', String(smsc.port), dbPath], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await Promise.race([
      smsc.waitForBind(30_000),
      exited.then(() => Promise.reject(new Error('the prototype exited before binding'))),
    ]);
    await smsc.push(buildCorpus(warmup), { window: 10, timeoutMs: 60_000 });
    const figures = await measuredPush(smsc, buildCorpus(measured), options, child.pid);
    child.kill('SIGTERM');
    await exited;
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const { n } = db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    db.close();
    if (n !== warmup.count + measured.count)
      throw new Error(`prototype: expected ${warmup.count + measured.count} events, found ${n}`);
    return figures;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await smsc.close();
  }
}

async function productRun(
  ctx: BenchContext,
  label: string,
  warmup: CorpusOptions,
  measured: CorpusOptions,
  options: Omit<LoadRunOptions, 'timeoutMs'>,
  baseDb: string | null,
): Promise<RunFigures> {
  const slug = label.replace(/[^a-z0-9]+/gi, '-');
  const dbPath = join(ctx.scratch, `ingest-${slug}.db`);
  if (baseDb)
    copyFileSync(baseDb, dbPath); // its 5,000 employees are the corpus's senders
  else await seedEmployees(dbPath);
  const before = counts(dbPath);
  const warmupCorpus = buildCorpus(warmup);
  const corpus = buildCorpus(measured);

  const smsc = await LoadSmsc.start(BENCH_CREDENTIALS);
  let serve: ServeProcess | null = null;
  try {
    serve = startServe({
      port: smsc.port,
      dbPath,
      logPath: join(ctx.scratch, `ingest-${slug}.log`),
      nodeFlags: ctx.profileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${ctx.profileDir}`, `--cpu-prof-name=serve-${slug}.cpuprofile`]
        : [],
    });
    await Promise.race([
      smsc.waitForBind(30_000),
      serve.exited.then(() => Promise.reject(new Error(`serve exited before binding:\n${serve!.log()}`))),
    ]);
    await smsc.push(warmupCorpus, { window: 10, timeoutMs: 60_000 });
    const figures = await measuredPush(smsc, corpus, options, serve.child.pid);
    const code = await serve.stop();
    if (code !== 0) throw new Error(`serve exited with ${code} after the ${label} run:\n${serve.log().slice(-2000)}`);
    verifyExactlyOnce(dbPath, before, warmup.count + measured.count, label);

    return figures;
  } finally {
    await serve?.stop();
    await smsc.close();
  }
}

/** 5,000 employees, as an office of that size has registered them. */
async function seedEmployees(dbPath: string): Promise<void> {
  const store = openStore(dbPath, { defaultCountry: 'IR' });
  try {
    const lines = ['phone,name,department'];
    for (let k = 0; k < SENDERS; k++) lines.push(`${employeePhone(k)},Employee ${k},Dept ${k % 40}`);
    const result = await store.importEmployeesCsv(lines.join('\n'));
    if (result.errors.length > 0) throw new Error(`seeding employees: ${describeReason(result.errors[0]!.reason)}`);
  } finally {
    store.close();
  }
}

interface Counts {
  messages: number;
  events: number;
  acks: number;
}

function counts(dbPath: string): Counts {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT (SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM events) AS events,
                (SELECT count(*) FROM acks WHERE state IN ('submitted', 'delivered')) AS acks`,
      )
      .get() as Counts;
  } finally {
    db.close();
  }
}

/** Every message the gateway sent is in the database exactly once, as an event with a sent ack. */
function verifyExactlyOnce(dbPath: string, before: Counts, sent: number, label: string): void {
  const after = counts(dbPath);
  const added = {
    messages: after.messages - before.messages,
    events: after.events - before.events,
    acks: after.acks - before.acks,
  };
  if (added.messages !== sent || added.events !== sent || added.acks !== sent) {
    throw new Error(
      `${label}: expected ${sent} new messages, events and sent acks; the database gained ${JSON.stringify(added)}`,
    );
  }
}

/**
 * Pushes a measured corpus at the ESME in process `esmePid` (serve or the prototype) and gives the
 * run's figures, with what it cost that process and this one (the load SMSC) in CPU per message.
 */
async function measuredPush(
  smsc: LoadSmsc,
  corpus: MessageCorpus,
  options: Omit<LoadRunOptions, 'timeoutMs'>,
  esmePid: number | undefined,
): Promise<RunFigures> {
  const esmeBefore = processCpuMs(esmePid);
  const generatorBefore = process.cpuUsage();
  const result = await smsc.push(corpus, { ...options, timeoutMs: 60_000 + corpus.pdus.length * 10 });
  const generator = process.cpuUsage(generatorBefore);
  const esmeCpuMs = processCpuMs(esmePid) - esmeBefore;
  return figuresOf(result, esmeCpuMs / result.count, (generator.user + generator.system) / 1000 / result.count);
}

/** A measured run's figures: rate, ack and resp latencies, and the server's and generator's CPU per message. */
function figuresOf(result: LoadRunResult, serveCpuMsPerMessage: number, generatorCpuMsPerMessage: number): RunFigures {
  const ack = latencies(result, 'ackAt');
  const resp = latencies(result, 'respAt');
  return {
    messagesPerSecond: throughput(result),
    ackP50: percentile(ack, 50),
    ackP99: percentile(ack, 99),
    ackMax: percentile(ack, 100),
    respP50: percentile(resp, 50),
    respP99: percentile(resp, 99),
    serveCpuMsPerMessage,
    generatorCpuMsPerMessage,
    retried: result.retried,
  };
}

function throughput(result: LoadRunResult): number {
  return (result.count * 1000) / (result.finishedAt - result.startedAt);
}

function latencies(result: LoadRunResult, field: 'ackAt' | 'respAt'): Float64Array {
  const out = new Float64Array(result.count);
  for (let i = 0; i < result.count; i++) out[i] = result[field][i]! - result.sentAt[i]!;
  return out;
}
