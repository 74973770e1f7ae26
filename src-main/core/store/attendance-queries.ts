/**
 * The attendance views, all computed from `events` (nothing is kept up to date elsewhere):
 * who is in, a day's summary, the event list and one person's history. Events that a later
 * correction row replaces are left out (`corrects_id` points at the replaced event).
 */
import type { Database } from 'better-sqlite3';
import type { DaySummaryRow, EventRecord, Page, PresenceRow } from '../model.js';
import { EventSearch, type ResolvedSearch } from './event-search.js';
import { normalisePhone } from '../employees/phone-number.js';
import { StatementCache } from './statement-cache.js';
import { localDayBounds } from './local-day.js';
import { summarisePersonDay, type DayEvent } from './day-summary.js';

/** SQL: event `e` is not replaced by a correction. */
export const NOT_CORRECTED = 'NOT EXISTS (SELECT 1 FROM events c WHERE c.corrects_id = e.id)';
/** SQL: event `e` is replaced by a correction (few rows: the ids come from the partial index events_corrects). */
const CORRECTED = 'e.id IN (SELECT corrects_id FROM events WHERE corrects_id IS NOT NULL)';

const EVENT_COLUMNS = `e.id, e.phone, e.employee_id AS employeeId, emp.name AS employeeName, e.status,
  e.reported_time AS reportedTime, e.occurred_at AS occurredAt, e.received_at AS receivedAt, e.message_id AS messageId`;

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
      FROM (SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.phone ORDER BY e.at DESC, e.id DESC) AS rn
            FROM events e WHERE e.at >= ? AND ${NOT_CORRECTED}) l
      LEFT JOIN employees emp ON emp.id = l.employee_id
      WHERE l.rn = 1 AND l.status = 'arrival' ${search ? `AND ${search.sql}` : ''}
      ORDER BY emp.name IS NULL, emp.name COLLATE NOCASE, l.phone`;
    return this.cache.get<PresenceRow>(sql).all(q.since, ...(search?.params ?? []));
  }

  /** One row per person with events on the local day `date` (YYYY-MM-DD). */
  daySummary(q: { date: string; search?: string }): DaySummaryRow[] {
    const { start, end } = localDayBounds(q.date);
    const resolved = this.searches.resolve(q.search);
    const search = resolved && this.searches.condition(resolved, 'e.employee_id', 'e.phone', 'per-row');
    const sql = `
      SELECT e.phone, e.employee_id AS employeeId, emp.name, e.status, e.at
      FROM events e LEFT JOIN employees emp ON emp.id = e.employee_id
      WHERE e.at >= ? AND e.at < ? AND ${NOT_CORRECTED} ${search ? `AND ${search.sql}` : ''}
      ORDER BY e.phone, e.at, e.id`;
    const events = this.cache.get<DayEvent>(sql).all(start, end, ...(search?.params ?? []));
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
   * Events newest first, with the total matching count. Both stay fast at millions of events:
   * the page's ids are found on the index alone (the skipped rows of a deep page are not read,
   * joined or checked for corrections one by one), and the total is a count on an index minus
   * the (few) corrected events that match, instead of a NOT EXISTS probe per event.
   */
  listEvents(q: EventFilter & { offset: number; limit: number }): Page<EventRecord> {
    const search = this.searches.resolve(q.search);
    const where = this.eventWhere(q, { corrections: 'ignore', search, form: 'indexed' });
    if (!where) return { rows: [], total: 0 };
    const total = this.countWhere(where);
    // A search has two plans, and SQLite (no statistics) cannot tell which is cheaper: fetch and
    // sort all `total` matching events through the employee and phone indexes, or walk the time
    // index until the page is full, about (offset + limit) * all / total steps. The cheaper one
    // is taken.
    let page = where;
    const searchFilters = search !== null && this.searches.condition(search, 'e.employee_id', 'e.phone', 'indexed') !== null;
    if (searchFilters && total > q.offset + q.limit) {
      const all = this.countWhere(this.eventWhere(q, { corrections: 'ignore', search: null })!);
      if (total * total > (q.offset + q.limit) * all) page = this.eventWhere(q, { corrections: 'ignore', search, form: 'per-row' })!;
    }
    const rows = this.cache
      .get<EventRecord>(
        `SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN employees emp ON emp.id = e.employee_id
         WHERE e.id IN (SELECT e.id FROM events e WHERE ${[page.sql, NOT_CORRECTED].filter(Boolean).join(' AND ')} ORDER BY e.at DESC, e.id DESC LIMIT ? OFFSET ?)
         ORDER BY e.at DESC, e.id DESC`,
      )
      .all(...page.params, q.limit, q.offset);
    return { rows, total };
  }

  /** Events matching `where` (built with corrections: 'ignore') that no correction replaces. */
  private countWhere(where: { sql: string; params: unknown[] }): number {
    return (
      this.cache
        .get<{ n: number }>(
          // No WHERE at all when nothing filters: SQLite then counts on its smallest index (with a
          // dummy `WHERE 1` it reads the whole table instead).
          `SELECT (SELECT COUNT(*) FROM events e${where.sql ? ` WHERE ${where.sql}` : ''}) - (SELECT COUNT(*) FROM events e WHERE ${[where.sql, CORRECTED].filter(Boolean).join(' AND ')}) AS n`,
        )
        .get(...where.params, ...where.params)?.n ?? 0
    );
  }


  /**
   * Null when the filter cannot match anything (a phone that is not a number). Over `events e`
   * alone (no join needed). `corrections: 'ignore'` leaves out the NOT_CORRECTED term, for callers
   * that apply it themselves (and then `sql` is '' when nothing filters). `search` is `q.search`
   * resolved (null: no search term).
   */
  private eventWhere(
    q: EventFilter,
    opts: { corrections?: 'exclude' | 'ignore'; search: ResolvedSearch | null; form?: 'indexed' | 'per-row' },
  ): { sql: string; params: unknown[] } | null {
    const terms = opts.corrections === 'ignore' ? [] : [NOT_CORRECTED];
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
    const search = opts.search && this.searches.condition(opts.search, 'e.employee_id', 'e.phone', opts.form ?? 'indexed');
    if (search) {
      terms.push(search.sql);
      params.push(...search.params);
    }
    return { sql: terms.join(' AND '), params };
  }
}

/**
 * The comparisons of `localeCompare(b, undefined, { sensitivity: 'base' })` and `localeCompare(b)`,
 * made once: localeCompare with options builds a collator per call, and sorting a large office's
 * day that way took most of the day summary's time.
 */
const nameOrder = new Intl.Collator(undefined, { sensitivity: 'base' });
const phoneOrder = new Intl.Collator();

function byNameThenPhone(a: { name: string | null; phone: string }, b: { name: string | null; phone: string }): number {
  if (a.name === null || b.name === null) return a.name === b.name ? phoneOrder.compare(a.phone, b.phone) : a.name === null ? 1 : -1;
  return nameOrder.compare(a.name, b.name) || phoneOrder.compare(a.phone, b.phone);
}
