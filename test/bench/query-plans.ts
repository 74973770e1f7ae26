/**
 * Which SQL a store call runs, and how SQLite plans it. The store prepares its statements
 * privately, so the bench wraps better-sqlite3's Statement methods while a call runs and records
 * each statement's text and arguments; `EXPLAIN QUERY PLAN` is then run on exactly those.
 */
import type { Database, Statement } from 'better-sqlite3';

interface Executed {
  sql: string;
  args: unknown[];
}

const METHODS = ['all', 'get', 'iterate', 'run'] as const;
let recording: Executed[] | null = null;
let installed = false;

/** Wraps Statement.prototype once; costs one null check per call while nothing is recorded. */
function install(db: Database): void {
  if (installed) return;
  installed = true;
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<
    (typeof METHODS)[number],
    (...args: unknown[]) => unknown
  >;
  for (const method of METHODS) {
    const original = proto[method];
    proto[method] = function (this: Statement, ...args: unknown[]) {
      if (recording) recording.push({ sql: this.source, args });
      return original.apply(this, args);
    };
  }
}

/** Runs `fn` and returns the statements it executed (PRAGMAs left out), each once. */
export function recordStatements(db: Database, fn: () => void): Executed[] {
  install(db);
  recording = [];
  try {
    fn();
    const seen = new Set<string>();
    return recording.filter((e) => !/^\s*PRAGMA/i.test(e.sql) && !seen.has(e.sql) && seen.add(e.sql));
  } finally {
    recording = null;
  }
}

export interface PlannedStatement {
  sql: string;
  plan: string[];
  /** Plan lines that read a whole table without an index (`SCAN t` without `USING ... INDEX`). */
  fullScans: string[];
}

/** `EXPLAIN QUERY PLAN` of each statement, as indented lines. */
export function explain(db: Database, executed: Executed[]): PlannedStatement[] {
  return executed.map(({ sql, args }) => {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as {
      id: number;
      parent: number;
      detail: string;
    }[];
    const depth = new Map<number, number>([[0, -1]]);
    const plan = rows.map((r) => {
      const d = (depth.get(r.parent) ?? -1) + 1;
      depth.set(r.id, d);
      return `${'  '.repeat(d)}${r.detail}`;
    });
    // Scans of a subquery's or a co-routine's result are not table scans.
    const derived = new Set(
      rows.map((r) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(r.detail)?.[1]).filter((n) => n !== undefined),
    );
    const fullScans = rows
      .map((r) => r.detail)
      .filter((d) => {
        const scanned = /^SCAN (\S+)/.exec(d)?.[1];
        return (
          scanned !== undefined &&
          !derived.has(scanned) &&
          !scanned.startsWith('(') &&
          scanned !== 'CONSTANT' &&
          !/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|VIRTUAL TABLE/.test(d) // json_each: a parameter list
        );
      });
    return { sql: sql.replace(/\s+/g, ' ').trim(), plan, fullScans };
  });
}
