/**
 * The attendance views, all computed from `events` (nothing is kept up to date elsewhere):
 * who is in, a day's summary, the event list and one person's history. Events that a later
 * correction row replaces are left out (`corrects_id` points at the replaced event).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { DaySummaryRow, EventRecord, PresenceRow } from '../model.js';
import type { Page } from '../../contract/app-api.js';
import { personSearchCondition, type SqlCondition } from '../employees/person-search.js';
import { normalisePhone } from '../employees/phone-number.js';
import { StatementCache } from './statement-cache.js';
import { localDayBounds } from './local-day.js';
import { summarisePersonDay, type DayEvent } from './day-summary.js';

/** SQL: event `e` is not replaced by a correction (shared with the export). */
export const NOT_CORRECTED = 'NOT EXISTS (SELECT 1 FROM events c WHERE c.corrects_id = e.id)';

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
  private readonly countAll: Statement<[], number>;

  constructor(
    db: Database,
    private readonly deps: { now: () => number; defaultCountry: () => string },
  ) {
    this.cache = new StatementCache(db);
    this.countAll = db.prepare<[], number>('SELECT COUNT(*) FROM events').pluck();
  }

  /** People whose latest event at or after `since` is an arrival; by name, unknown numbers last. */
  whoIsIn(q: { search?: string; since: number }): PresenceRow[] {
    const search = this.search(q.search, 'emp.name', 'l.phone');
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
    const search = this.search(q.search, 'emp.name', 'e.phone');
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

  /** Events newest first, with the total matching count. */
  listEvents(q: EventFilter & { offset: number; limit: number }): Page<EventRecord> {
    const where = this.eventWhere(q);
    if (!where) return { rows: [], total: 0 };
    const from = `FROM events e LEFT JOIN employees emp ON emp.id = e.employee_id WHERE ${where.sql}`;
    const rows = this.cache.get<EventRecord>(`SELECT ${EVENT_COLUMNS} ${from} ORDER BY e.at DESC, e.id DESC LIMIT ? OFFSET ?`).all(...where.params, q.limit, q.offset);
    const total = this.cache.get<{ n: number }>(`SELECT COUNT(*) AS n ${from}`).get(...where.params)?.n ?? 0;
    return { rows, total };
  }

  /** All events of one number (any spelling), newest first. */
  employeeHistory(phone: string, fromMs?: number, toMs?: number): EventRecord[] {
    const where = this.eventWhere({ phone, ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}) });
    if (!where) return [];
    const sql = `SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN employees emp ON emp.id = e.employee_id WHERE ${where.sql} ORDER BY e.at DESC, e.id DESC`;
    return this.cache.get<EventRecord>(sql).all(...where.params);
  }

  /** All event rows, corrected ones included. */
  countEvents(): number {
    return this.countAll.get() ?? 0;
  }

  /** Null when the filter cannot match anything (a phone that is not a number). */
  private eventWhere(q: EventFilter): { sql: string; params: unknown[] } | null {
    const terms = [NOT_CORRECTED];
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
    const search = this.search(q.search, 'emp.name', 'e.phone');
    if (search) {
      terms.push(search.sql);
      params.push(...search.params);
    }
    return { sql: terms.join(' AND '), params };
  }

  private search(text: string | undefined, nameExpr: string, phoneExpr: string): SqlCondition | null {
    return personSearchCondition(text, nameExpr, phoneExpr, this.deps.defaultCountry());
  }
}

function byNameThenPhone(a: { name: string | null; phone: string }, b: { name: string | null; phone: string }): number {
  if (a.name === null || b.name === null) return a.name === b.name ? a.phone.localeCompare(b.phone) : a.name === null ? 1 : -1;
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.phone.localeCompare(b.phone);
}
