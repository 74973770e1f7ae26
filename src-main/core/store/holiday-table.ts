/**
 * Holidays (docs/attendance-rules.md section 2). Iran's fixed solar holidays are computed on read
 * for any range (core/attendance/calendar.ts), so they exist for every year without seeding; the
 * table `holidays` keeps what the manager changed: a holiday added by hand or by CSV (or a
 * built-in one renamed), and a built-in one removed for a year (`removed` = 1).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Holiday } from '../model.js';
import { ReasonError } from '../reason-error.js';
import { assertDate } from './dates.js';

interface HolidayRow {
  date: string;
  name: string;
  removed: number;
}

/** The built-in holidays of a range (inclusive), by date. */
export type BuiltInHolidays = (from: string, to: string) => Holiday[];

export class HolidayTable {
  private readonly range: Statement<[string, string], HolidayRow>;
  private readonly one: Statement<[string], HolidayRow>;
  private readonly upsert: Statement<[string, string, number]>;
  private readonly remove: Statement<[string]>;

  constructor(
    db: Database,
    private readonly builtIns: BuiltInHolidays,
  ) {
    this.range = db.prepare('SELECT date, name, removed FROM holidays WHERE date >= ? AND date <= ? ORDER BY date');
    this.one = db.prepare('SELECT date, name, removed FROM holidays WHERE date = ?');
    this.upsert = db.prepare(
      'INSERT INTO holidays (date, name, removed) VALUES (?, ?, ?) ON CONFLICT (date) DO UPDATE SET name = excluded.name, removed = excluded.removed',
    );
    this.remove = db.prepare('DELETE FROM holidays WHERE date = ?');
  }

  /** The holidays of from … to (inclusive), by date: built-in ones not removed, and the added ones. */
  list(from: string, to: string): Holiday[] {
    const byDate = new Map<string, Holiday>();
    for (const h of this.builtIns(from, to)) byDate.set(h.date, { date: h.date, name: h.name, builtIn: true });
    for (const row of this.range.all(from, to)) {
      if (row.removed === 1) byDate.delete(row.date);
      else byDate.set(row.date, { date: row.date, name: row.name, builtIn: byDate.get(row.date)?.builtIn ?? false });
    }
    return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /** The holiday of one date, or null. */
  on(date: string): Holiday | null {
    return this.list(date, date)[0] ?? null;
  }

  /** Adds (or renames) the holiday of a date; returns it before and after. Checks the input. */
  add(input: { date: string; name: string }): { before: Holiday | null; after: Holiday } {
    const valid = validateHoliday(input);
    const before = this.on(valid.date);
    this.upsert.run(valid.date, valid.name, 0);
    return { before, after: this.on(valid.date)! };
  }

  /** Removes the holiday of a date (a built-in one is hidden for that date); returns what was removed. */
  delete(date: string): Holiday {
    assertDate(date, 'holiday-invalid');
    const before = this.on(date);
    if (!before) throw new ReasonError({ code: 'holiday-invalid', params: { detail: `${date} is not a holiday` } });
    const builtIn = this.builtIns(date, date)[0];
    if (builtIn) this.upsert.run(date, builtIn.name, 1);
    else this.remove.run(date);
    return before;
  }

  /** The row as stored (for a test or an audit), or null. */
  stored(date: string): HolidayRow | null {
    return this.one.get(date) ?? null;
  }
}

/** Throws `holiday-invalid` for a date that is not YYYY-MM-DD or an empty name. */
export function validateHoliday(input: { date: string; name: string }): { date: string; name: string } {
  assertDate(input.date, 'holiday-invalid');
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '')
    throw new ReasonError({ code: 'holiday-invalid', params: { detail: `${input.date}: the name is empty` } });
  if (name.length > 200)
    throw new ReasonError({ code: 'holiday-invalid', params: { detail: `${input.date}: the name is too long` } });
  return { date: input.date, name };
}
