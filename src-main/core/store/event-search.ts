/**
 * "Search by name or number" over `events`, in a form SQLite answers from indexes at millions of
 * events. The rule is person-search.ts's (a name by folded substring, a number by digit substring
 * of the phone); only the order of work differs:
 * - names are matched on the employees table once, and events are found by employee id (an
 *   event's name is its employee's name), instead of calling `search_fold` (JavaScript) on the
 *   joined name of every event;
 * - numbers are matched on the distinct phones of `events`, read with one seek per phone on the
 *   events_phone_at index (a loose index scan: one seek per distinct phone), and events are then found by
 *   phone, instead of `instr` on the phone of every event.
 * Both sets are resolved once per view request and handed to each of its statements as JSON.
 * (The README's benchmarks show what this saves at millions of events.)
 */
import type { Database, Statement } from 'better-sqlite3';
import { SEARCH_FOLD_SQL_FUNCTION, numberNeedles, type SqlCondition } from './person-search.js';
import { foldForSearch } from '../employees/search-fold.js';

export interface ResolvedSearch {
  /** JSON array of the ids of employees whose name matches. */
  employeeIds: string;
  /** The typed number in the spellings looked for (person-search.ts); empty when nothing numeric was typed. */
  needles: string[];
  /**
   * JSON array of the phones in `events` that contain a needle (read on first use: the per-row
   * form does not need them); 'all' when every phone does, and the number filters nothing.
   */
  phones(): string | 'all' | null;
}

export class EventSearch {
  private readonly idsByName: Statement<[string], number>;
  private readonly distinctPhones: Statement<[], string>;

  constructor(
    db: Database,
    private readonly defaultCountry: () => string,
  ) {
    this.idsByName = db
      .prepare<[string], number>(`SELECT id FROM employees WHERE instr(${SEARCH_FOLD_SQL_FUNCTION}(name), ?) > 0`)
      .pluck();
    this.distinctPhones = db
      .prepare<[], string>(
        `WITH RECURSIVE p(phone) AS (SELECT (SELECT MIN(phone) FROM events)
           UNION ALL SELECT (SELECT MIN(phone) FROM events WHERE phone > p.phone) FROM p WHERE p.phone IS NOT NULL)
         SELECT phone FROM p WHERE phone IS NOT NULL`,
      )
      .pluck();
  }

  /** Null when `text` is blank (no search). */
  resolve(text: string | undefined): ResolvedSearch | null {
    const trimmed = text?.trim() ?? '';
    if (trimmed === '') return null;
    const needles = numberNeedles(trimmed, this.defaultCountry());
    let phones: string | 'all' | null | undefined;
    return {
      employeeIds: JSON.stringify(this.idsByName.all(foldForSearch(trimmed))),
      needles,
      phones: () => {
        if (phones === undefined) {
          if (needles.length === 0) {
            phones = null;
          } else {
            const all = this.distinctPhones.all();
            const matching = all.filter((phone) => needles.some((n) => phone.includes(n)));
            phones = matching.length === all.length ? 'all' : JSON.stringify(matching);
          }
        }
        return phones;
      },
    };
  }

  /**
   * The condition over an event row's `employeeIdExpr` and `phoneExpr`; null when it cannot
   * exclude any event (a number every phone contains, such as `0912` typed so far). `indexed`:
   * found through the employee and phone indexes, for queries over all time. `per-row`: checked
   * on each row (the `+` keeps SQLite off the employee index), for queries bounded in time, whose
   * few thousand rows are cheaper to filter than all events of the matching people are to fetch.
   */
  condition(
    search: ResolvedSearch,
    employeeIdExpr: string,
    phoneExpr: string,
    form: 'indexed' | 'per-row',
  ): SqlCondition | null {
    const terms = [`${form === 'indexed' ? '' : '+'}${employeeIdExpr} IN (SELECT value FROM json_each(?))`];
    const params = [search.employeeIds];
    if (form === 'indexed' && search.needles.length > 0) {
      const phones = search.phones();
      if (phones === 'all') return null;
      if (phones !== null) {
        terms.push(`${phoneExpr} IN (SELECT value FROM json_each(?))`);
        params.push(phones);
      }
    } else {
      for (const needle of search.needles) {
        terms.push(`instr(${phoneExpr}, ?) > 0`);
        params.push(needle);
      }
    }
    return { sql: `(${terms.join(' OR ')})`, params };
  }
}
