/**
 * The audit log (docs/attendance-rules.md section 4): who changed what, when, from what to what.
 * Append-only: the table's triggers (migration 7) refuse every UPDATE and DELETE, so not even a
 * bug of this program can rewrite it. The store writes an entry in the same transaction as the
 * change it records, so there is never a change without its entry, nor an entry without its change.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { AuditEntity, AuditEntry, Page } from '../model.js';
import { StatementCache } from './statement-cache.js';

/** Who makes a change, and when; `why` where the change asks for a reason. */
export interface ChangeMeta {
  who: string;
  now: number;
  why?: string;
}

/** An entry to append: `before`/`after` are plain data (never a key, never a password). */
export interface AuditInput {
  entity: AuditEntity;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
  why?: string;
}

export interface AuditQuery {
  offset: number;
  limit: number;
  entity?: AuditEntity;
  /** Matches who, subject, action or why (case-insensitive, as typed). */
  search?: string;
}

/** An entry as stored: before and after as JSON text. */
type AuditRow = Omit<AuditEntry, 'before' | 'after'> & { before: string | null; after: string | null };

const ITERATE_PAGE = 1000;
const COLUMNS = 'id, at, who, entity, action, subject, before, after, why';

export class AuditLog {
  private readonly insert: Statement<[number, string, string, string, string, string | null, string | null, string]>;
  private readonly after: Statement<[number, number], AuditRow>;
  private readonly cache: StatementCache;

  constructor(db: Database) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, who, entity, action, subject, before, after, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.after = db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`);
    this.cache = new StatementCache(db);
  }

  /** Appends one entry; call inside the transaction of the change it records. */
  append(entry: AuditInput, meta: { who: string; now: number }): void {
    this.insert.run(
      meta.now,
      meta.who,
      entry.entity,
      entry.action,
      entry.subject,
      json(entry.before),
      json(entry.after),
      entry.why ?? '',
    );
  }

  /** Newest first. */
  list(q: AuditQuery): Page<AuditEntry> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.entity) {
      where.push('entity = ?');
      params.push(q.entity);
    }
    const search = q.search?.trim();
    if (search) {
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(
        "(who LIKE ? ESCAPE '\\' OR subject LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR why LIKE ? ESCAPE '\\')",
      );
      params.push(like, like, like, like);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.cache.get<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_log ${clause}`).get(...params)?.n ?? 0;
    const rows = this.cache
      .get<AuditRow>(`SELECT ${COLUMNS} FROM audit_log ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, q.limit, q.offset);
    return { rows: rows.map(toEntry), total };
  }

  /**
   * Every entry, oldest first (for an export). Read in pages by id, so the connection is free
   * between pages (an open cursor would keep it busy while the caller writes a file).
   */
  *iterate(): Generator<AuditEntry> {
    for (let last = 0; ;) {
      const rows = this.after.all(last, ITERATE_PAGE);
      for (const row of rows) yield toEntry(row);
      if (rows.length < ITERATE_PAGE) return;
      last = rows[rows.length - 1]!.id;
    }
  }
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function toEntry(row: AuditRow): AuditEntry {
  return { ...row, before: parsed(row.before), after: parsed(row.after) };
}

function parsed(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}
