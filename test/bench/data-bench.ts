/**
 * Data scale: the views' queries on a database of 2,000,000 events and 5,000 employees (CI size:
 * 200,000 events), timed through the store as the app calls them, with the query plans SQLite
 * chose for each.
 */
import Database from 'better-sqlite3';
import { openStore, type AttendanceStore } from '../../src-main/core/store/attendance-store.js';
import { SEARCH_FOLD_SQL_FUNCTION } from '../../src-main/core/store/person-search.js';
import { foldForSearch } from '../../src-main/core/employees/search-fold.js';
import { localDayBounds } from '../../src-main/core/store/local-day.js';
import { ensureScaleDb, type ScaleDbInfo } from './scale-db.js';
import { explain, recordStatements, type PlannedStatement } from './query-plans.js';
import { median, percentile, timeRepeated } from './stats.js';
import type { BenchContext } from './bench-context.js';

const RUNS = 9;
const QUERY_TARGET_MS = 50;

export function scaleSpec(big: boolean): { events: number; employees: number } {
  return { events: big ? 2_000_000 : 200_000, employees: 5_000 };
}

interface Query {
  name: string;
  run: (store: AttendanceStore) => unknown;
}

export function viewQueries(info: ScaleDbInfo): Query[] {
  const month = monthBounds(info.sampleDay);
  const day = localDayBounds(info.sampleDay);
  const surname = info.sampleName.split(' ')[1] ?? info.sampleName;
  const phoneFragment = `0${info.samplePhone.slice(2, 8)}`; // typed as a national number, first digits
  return [
    { name: 'who is in now', run: (s) => s.whoIsIn({ since: info.todayStartMs }) },
    {
      name: `who is in now, search name '${surname}'`,
      run: (s) => s.whoIsIn({ since: info.todayStartMs, search: surname }),
    },
    {
      name: `who is in now, search number '${phoneFragment}'`,
      run: (s) => s.whoIsIn({ since: info.todayStartMs, search: phoneFragment }),
    },
    { name: `employees, search name '${surname}'`, run: (s) => s.listEmployees({ search: surname }) },
    { name: `employees, search number '${phoneFragment}'`, run: (s) => s.listEmployees({ search: phoneFragment }) },
    { name: "one day's summary", run: (s) => s.daySummary({ date: info.sampleDay }) },
    { name: "one day's summary, search name", run: (s) => s.daySummary({ date: info.sampleDay, search: surname }) },
    {
      name: "one employee's month (event list page)",
      run: (s) =>
        s.listEvents({ phone: info.samplePhone, fromMs: month.start, toMs: month.end, offset: 0, limit: 100 }),
    },
    { name: 'event list, first page (all time)', run: (s) => s.listEvents({ offset: 0, limit: 100 }) },
    {
      name: 'event list, one day, page',
      run: (s) => s.listEvents({ fromMs: day.start, toMs: day.end, offset: 0, limit: 100 }),
    },
    {
      name: `event list, search name '${surname}', page`,
      run: (s) => s.listEvents({ search: surname, offset: 0, limit: 100 }),
    },
    {
      name: `event list, search full name '${info.sampleName}', page`,
      run: (s) => s.listEvents({ search: info.sampleName, offset: 0, limit: 100 }),
    },
    {
      name: `event list, search number '${phoneFragment}', page`,
      run: (s) => s.listEvents({ search: phoneFragment, offset: 0, limit: 100 }),
    },
    {
      name: "event list, search number '0912' (everyone), page",
      run: (s) => s.listEvents({ search: '0912', offset: 0, limit: 100 }),
    },
    {
      name: 'event list, page at offset 100,000',
      run: (s) => s.listEvents({ offset: Math.min(100_000, info.events - 100), limit: 100 }),
    },
    { name: 'message list, first page', run: (s) => s.listMessages({ limit: 100 }) },
    {
      name: 'message list, page in the middle',
      run: (s) => s.listMessages({ limit: 100, beforeId: Math.floor(info.messages / 2) }),
    },
    { name: 'message list, repeats only', run: (s) => s.listMessages({ limit: 100, outcome: 'repeat' }) },
    { name: 'one message with details', run: (s) => s.getMessage(Math.floor(info.messages / 3)) },
    { name: 'unknown senders', run: (s) => s.unknownSenders() },
    { name: 'review list, pending, first page', run: (s) => s.reviewList({ state: 'pending', offset: 0, limit: 50 }) },
    { name: 'review list, decided, first page', run: (s) => s.reviewList({ state: 'decided', offset: 0, limit: 50 }) },
  ];
}

export async function benchData(ctx: BenchContext): Promise<void> {
  const spec = scaleSpec(ctx.big);
  const info = ensureScaleDb(spec, ctx.cacheDir, ctx.scratch, ctx.progress);
  const section = 'data';
  ctx.report.add({
    section,
    name: 'database',
    value: info.events,
    unit: 'events',
    note: `${info.employees} employees, ${info.messages} messages, ${info.days} days, ${(info.sizeBytes / 2 ** 20).toFixed(0)} MiB; generated in ${(info.generatedInMs / 1000).toFixed(1)} s`,
  });
  ctx.progress(`data: ${viewQueries(info).length} queries on ${info.events} events, median of ${RUNS}`);

  const store = openStore(info.path, { now: () => info.nowMs });
  const planDb = new Database(info.path, { readonly: true });
  planDb.function(SEARCH_FOLD_SQL_FUNCTION, { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? foldForSearch(text) : null,
  );
  const plans: Record<string, PlannedStatement[]> = {};
  const notes: string[] = [];
  try {
    for (const query of viewQueries(info).filter((q) => ctx.filter === null || q.name.includes(ctx.filter))) {
      let rows = 0;
      const first = timeRepeated(1, () => (rows = countRows(query.run(store))))[0]!;
      const times = timeRepeated(RUNS, () => query.run(store));
      const executed = recordStatements(planDb, () => query.run(store));
      plans[query.name] = explain(planDb, executed);
      const scans = plans[query.name]!.flatMap((p) => p.fullScans);
      ctx.report.add({
        section,
        name: query.name,
        value: median(times),
        unit: 'ms',
        target: { kind: 'max', value: QUERY_TARGET_MS },
        note: `${rows} rows; first ${first.toFixed(1)} ms, max ${percentile(times, 100).toFixed(1)} ms${scans.length ? `; full scan: ${scans.join(', ')}` : ''}`,
      });
    }
  } finally {
    planDb.close();
    store.close();
  }
  notes.push(`query plans: test-results/bench.json (sections[data].details.plans); database cached at ${info.path}`);
  ctx.report.section({ name: section, details: { database: info, plans }, notes });
}

function countRows(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  if (result && typeof result === 'object' && 'rows' in result && Array.isArray((result as { rows: unknown[] }).rows)) {
    const page = result as { rows: unknown[]; total: number };
    return page.rows.length;
  }
  return result ? 1 : 0;
}

function monthBounds(day: string): { start: number; end: number } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return { start: new Date(y, m - 1, 1).getTime(), end: new Date(y, m, 1).getTime() };
}
