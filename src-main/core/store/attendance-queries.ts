/**
 * The attendance views, all computed from `events` and `corrections` (nothing is kept up to date
 * elsewhere): who is in, a day's summary, the event list and one person's history, all by the
 * COUNTED time (`events.at`, docs/attendance-rules.md section 1). Who is in and the day summary
 * apply corrections (a corrected punch is left out, its in-force replacement or an added punch
 * taken instead: corrections.ts); the event list shows every recorded punch with the correction
 * in force beside it, so the original stays visible.
 */
import type { Database } from 'better-sqlite3';
import {
  REVIEW_FLAGS,
  type CorrectionRecord,
  type DaySummaryRow,
  type EventRecord,
  type Page,
  type PresenceRow,
  type PunchFlag,
} from '../model.js';
import { readFlags } from '../attendance/counted-time.js';
import { CORRECTION_COLUMNS, IN_FORCE, NOT_CORRECTED } from './corrections.js';
import { EventSearch, type ResolvedSearch } from './event-search.js';
import type { SqlCondition } from './person-search.js';
import { normalisePhone } from '../employees/phone-number.js';
import { StatementCache } from './statement-cache.js';
import { localDayBounds } from './local-day.js';
import { summarisePersonDay, type DayEvent } from './day-summary.js';

const EVENT_COLUMNS = `e.id, e.phone, e.employee_id AS employeeId, emp.name AS employeeName, e.status,
  e.reported_time AS reportedTime, e.occurred_at AS occurredAt, e.received_at AS receivedAt, e.at AS countedAt, e.flags, e.message_id AS messageId`;

/** An event row before its flags are read and its correction attached. */
export interface EventRow extends Omit<EventRecord, 'flags' | 'correction'> {
  flags: string | null;
}

/**
 * The punches the views count, with corrections applied: events without a correction, and the
 * in-force replacements and additions. `?` twice: the lower bound on the counted time for each half.
 */
const PUNCHES_SINCE = `
  SELECT e.id, e.phone, e.employee_id, e.status, e.at, e.reported_time FROM events e WHERE e.at >= ? AND ${NOT_CORRECTED}
  UNION ALL
  SELECT COALESCE(c.event_id, -c.id), c.phone, c.employee_id, c.status, c.at, COALESCE(ev.reported_time, '')
  FROM corrections c LEFT JOIN events ev ON ev.id = c.event_id WHERE c.at >= ? AND ${IN_FORCE}`;

export interface EventFilter {
  /** Inclusive, on the event's time (`at`). */
  fromMs?: number;
  /** Exclusive, on the event's time (`at`). */
  toMs?: number;
  search?: string;
  /** Any spelling of one number; matched exactly after normalising. */
  phone?: string;
}

export class AttendanceQueries {
  private readonly cache: StatementCache;
  private readonly searches: EventSearch;

  constructor(
    db: Database,
    private readonly deps: { now: () => number; defaultCountry: () => string },
  ) {
    this.cache = new StatementCache(db);
    this.searches = new EventSearch(db, deps.defaultCountry);
  }

  /** People whose latest event at or after `since` is an arrival; by name, unknown numbers last. */
  whoIsIn(q: { search?: string; since: number }): PresenceRow[] {
    const resolved = this.searches.resolve(q.search);
    const search = resolved && this.searches.condition(resolved, 'l.employee_id', 'l.phone', 'per-row');
    const sql = `
      SELECT l.phone, l.employee_id AS employeeId, emp.name, emp.department, l.status AS lastStatus,
             l.at AS lastEventAt, l.reported_time AS lastReportedTime
      FROM (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY p.phone ORDER BY p.at DESC, p.id DESC) AS rn
            FROM (${PUNCHES_SINCE}) p) l
      LEFT JOIN employees emp ON emp.id = l.employee_id
      WHERE l.rn = 1 AND l.status = 'arrival' ${search ? `AND ${search.sql}` : ''}
      ORDER BY emp.name IS NULL, emp.name COLLATE NOCASE, l.phone`;
    return this.cache.get<PresenceRow>(sql).all(q.since, q.since, ...(search?.params ?? []));
  }

  /** One row per person with events on the local day `date` (YYYY-MM-DD). */
  daySummary(q: { date: string; search?: string }): DaySummaryRow[] {
    const { start, end } = localDayBounds(q.date);
    const resolved = this.searches.resolve(q.search);
    const search = resolved && this.searches.condition(resolved, 'p.employee_id', 'p.phone', 'per-row');
    const sql = `
      SELECT p.phone, p.employee_id AS employeeId, emp.name, p.status, p.at
      FROM (${PUNCHES_SINCE}) p LEFT JOIN employees emp ON emp.id = p.employee_id
      WHERE p.at < ? ${search ? `AND ${search.sql}` : ''}
      ORDER BY p.phone, p.at, p.id`;
    const events = this.cache.get<DayEvent>(sql).all(start, start, end, ...(search?.params ?? []));
    const now = this.deps.now();
    const rows: DaySummaryRow[] = [];
    let from = 0;
    for (let i = 1; i <= events.length; i += 1) {
      if (i === events.length || events[i]!.phone !== events[from]!.phone) {
        rows.push(summarisePersonDay(events.slice(from, i), end, now));
        from = i;
      }
    }
    return rows.sort(byNameThenPhone);
  }

  /**
   * Events newest first (by counted time), with the total matching count, each with the correction
   * in force for it. Both stay fast at millions of events: the page's ids are found on the index
   * alone (the skipped rows of a deep page are not read or joined), and the total is a count on an
   * index.
   */
  listEvents(q: EventFilter & { offset: number; limit: number }): Page<EventRecord> {
    const search = this.searches.resolve(q.search);
    const where = this.eventWhere(q, { search, form: 'indexed' });
    if (!where) return { rows: [], total: 0 };
    // Events before the search: all of them (kept count) when nothing else filters.
    const unsearched = this.eventWhere(q, { search: null })!;
    const countAll = (): number => (unsearched.sql === '' ? this.searches.eventCount() : this.countWhere(unsearched));
    const complement = search && this.searches.complement(search, 'e.employee_id', 'e.phone');
    const total =
      where.sql === ''
        ? this.searches.eventCount()
        : complement
          ? countAll() - this.countWhere(and(unsearched, complement))
          : this.countWhere(where);
    // A search has two plans, and SQLite (no statistics) cannot tell which is cheaper: fetch and
    // sort all `total` matching events through the employee and phone indexes, or walk the time
    // index until the page is full, about (offset + limit) * all / total steps. The cheaper one
    // is taken.
    let page = where;
    const searchFilters =
      search !== null && this.searches.condition(search, 'e.employee_id', 'e.phone', 'indexed') !== null;
    if (searchFilters && total > q.offset + q.limit) {
      const all = countAll();
      if (total * total > (q.offset + q.limit) * all) page = this.eventWhere(q, { search, form: 'per-row' })!;
    }
    const rows = this.cache
      .get<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN employees emp ON emp.id = e.employee_id
         WHERE e.id IN (SELECT e.id FROM events e ${page.sql ? `WHERE ${page.sql}` : ''} ORDER BY e.at DESC, e.id DESC LIMIT ? OFFSET ?)
         ORDER BY e.at DESC, e.id DESC`,
      )
      .all(...page.params, q.limit, q.offset);
    return { rows: this.withCorrections(rows), total };
  }

  /**
   * The Review list (docs/attendance-rules.md section 1): punches with a flag that needs review
   * (REVIEW_FLAGS), newest first by counted time. `pending`: no decision yet (no correction at
   * all); `decided`: those with a review decision, which comes with the row. Walks the partial
   * index events_flagged, so only flagged punches are read.
   */
  reviewList(q: { state: 'pending' | 'decided'; offset: number; limit: number }): Page<EventRecord> {
    const needs = REVIEW_FLAGS.map((f) => `instr(e.flags, '${f}') > 0`).join(' OR ');
    const where = `e.flags IS NOT NULL AND (${needs}) AND ${
      q.state === 'pending'
        ? NOT_CORRECTED
        : 'EXISTS (SELECT 1 FROM corrections c WHERE c.event_id = e.id AND c.decision IS NOT NULL)'
    }`;
    const total = this.cache.get<{ n: number }>(`SELECT COUNT(*) AS n FROM events e WHERE ${where}`).get()?.n ?? 0;
    const rows = this.cache
      .get<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN employees emp ON emp.id = e.employee_id
         WHERE ${where} ORDER BY e.at DESC, e.id DESC LIMIT ? OFFSET ?`,
      )
      .all(q.limit, q.offset);
    return { rows: this.withCorrections(rows), total };
  }

  /** One employee's recorded punches counted in [fromMs, toMs), by time, each with its correction in force and its original counted time. */
  employeeEvents(employeeId: number, fromMs: number, toMs: number): { event: EventRecord; at: number }[] {
    const rows = this.cache
      .get<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN employees emp ON emp.id = e.employee_id
         WHERE e.employee_id = ? AND e.at >= ? AND e.at < ? ORDER BY e.at, e.id`,
      )
      .all(employeeId, fromMs, toMs);
    const at = rows.map((r) => r.countedAt);
    return this.withCorrections(rows).map((event, i) => ({ event, at: at[i]! }));
  }

  /** Flags read, and the correction in force attached (its time is the counted time). */
  withCorrections(rows: EventRow[]): EventRecord[] {
    const corrections = new Map<number, CorrectionRecord>();
    if (rows.length > 0) {
      const found = this.cache
        .get<CorrectionRecord>(
          `SELECT ${CORRECTION_COLUMNS} FROM corrections c WHERE c.event_id IN (SELECT value FROM json_each(?)) AND ${IN_FORCE}`,
        )
        .all(JSON.stringify(rows.map((r) => r.id)));
      for (const c of found) corrections.set(c.eventId!, c);
    }
    return rows.map((row) => {
      const correction = corrections.get(row.id) ?? null;
      return {
        ...row,
        countedAt: correction?.countedAt ?? row.countedAt,
        flags: readFlags(row.flags) as PunchFlag[],
        correction,
      };
    });
  }

  /** Events matching `where`. */
  private countWhere(where: { sql: string; params: unknown[] }): number {
    return (
      this.cache
        .get<{ n: number }>(
          // No WHERE at all when nothing filters: SQLite then counts on its smallest index (with a
          // dummy `WHERE 1` it reads the whole table instead).
          `SELECT COUNT(*) AS n FROM events e${where.sql ? ` WHERE ${where.sql}` : ''}`,
        )
        .get(...where.params)?.n ?? 0
    );
  }

  /**
   * Null when the filter cannot match anything (a phone that is not a number). Over `events e`
   * alone (no join needed); `sql` is '' when nothing filters. `search` is `q.search` resolved
   * (null: no search term).
   */
  private eventWhere(
    q: EventFilter,
    opts: { search: ResolvedSearch | null; form?: 'indexed' | 'per-row' },
  ): { sql: string; params: unknown[] } | null {
    const terms: string[] = [];
    const params: unknown[] = [];
    if (q.fromMs !== undefined) {
      terms.push('e.at >= ?');
      params.push(q.fromMs);
    }
    if (q.toMs !== undefined) {
      terms.push('e.at < ?');
      params.push(q.toMs);
    }
    if (q.phone !== undefined && q.phone.trim() !== '') {
      const phone = normalisePhone(q.phone, this.deps.defaultCountry());
      if (!phone.ok) return null;
      terms.push('e.phone = ?');
      params.push(phone.phone);
    }
    const search =
      opts.search && this.searches.condition(opts.search, 'e.employee_id', 'e.phone', opts.form ?? 'indexed');
    if (search) {
      terms.push(search.sql);
      params.push(...search.params);
    }
    return { sql: terms.join(' AND '), params };
  }
}

/** Both conditions (`a` may be empty: nothing filters). */
function and(a: { sql: string; params: unknown[] }, b: SqlCondition): { sql: string; params: unknown[] } {
  return { sql: a.sql === '' ? b.sql : `${a.sql} AND ${b.sql}`, params: [...a.params, ...b.params] };
}

/**
 * The comparisons of `localeCompare(b, undefined, { sensitivity: 'base' })` and `localeCompare(b)`,
 * made once: localeCompare with options builds a collator per call, and sorting a large office's
 * day that way took most of the day summary's time.
 */
const nameOrder = new Intl.Collator(undefined, { sensitivity: 'base' });
const phoneOrder = new Intl.Collator();

function byNameThenPhone(a: { name: string | null; phone: string }, b: { name: string | null; phone: string }): number {
  if (a.name === null || b.name === null)
    return a.name === b.name ? phoneOrder.compare(a.phone, b.phone) : a.name === null ? 1 : -1;
  return nameOrder.compare(a.name, b.name) || phoneOrder.compare(a.phone, b.phone);
}
