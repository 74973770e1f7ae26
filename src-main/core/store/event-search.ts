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
 *
 * The distinct phones and the number of events are kept between requests and brought up to date
 * from the rows added since (events are only ever appended: ids grow, no event is deleted and an
 * event's phone never changes), so a number search does not walk the phone index each time. A
 * search that matches most phones (`0912`, in every employee's number) is counted as all events
 * minus those that do not match, which are few and found through the same indexes.
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
  /**
   * JSON array of the phones in `events` that contain no needle, when they are fewer than those
   * that do (so counting the events that do not match is the cheaper way to the total); else null.
   */
  otherPhones(): string | null;
}

/** The distinct phones of `events`, and how many events there are, as of event id `maxId`. */
interface EventTally {
  maxId: number;
  count: number;
  phones: Set<string>;
}

export class EventSearch {
  private readonly idsByName: Statement<[string], number>;
  private readonly distinctPhones: Statement<[], string>;
  private readonly maxId: Statement<[], number | null>;
  private readonly countAll: Statement<[], number>;
  private readonly phonesAfter: Statement<[number], string>;
  private tally: EventTally | null = null;

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
    this.maxId = db.prepare<[], number | null>('SELECT MAX(id) FROM events').pluck();
    this.countAll = db.prepare<[], number>('SELECT COUNT(*) FROM events').pluck();
    this.phonesAfter = db.prepare<[number], string>('SELECT phone FROM events WHERE id > ?').pluck();
  }

  /** The distinct phones and the number of events now: kept, and brought up to date from the ids added since. */
  private current(): EventTally {
    const maxId = this.maxId.get() ?? 0;
    let tally = this.tally;
    if (tally === null || maxId < tally.maxId) {
      // First use (or a database that is not the one counted: start again).
      tally = { maxId, count: this.countAll.get() ?? 0, phones: new Set(this.distinctPhones.all()) };
    } else if (maxId > tally.maxId) {
      const added = this.phonesAfter.all(tally.maxId);
      for (const phone of added) tally.phones.add(phone);
      tally = { maxId, count: tally.count + added.length, phones: tally.phones };
    }
    this.tally = tally;
    return tally;
  }

  /** How many events there are (all of them, no filter). */
  eventCount(): number {
    return this.current().count;
  }

  /** Null when `text` is blank (no search). */
  resolve(text: string | undefined): ResolvedSearch | null {
    const trimmed = text?.trim() ?? '';
    if (trimmed === '') return null;
    const needles = numberNeedles(trimmed, this.defaultCountry());
    let split: { matching: string[]; other: string[] } | null | undefined;
    const phoneSplit = (): { matching: string[]; other: string[] } | null => {
      if (split === undefined) {
        split = null;
        if (needles.length > 0) {
          split = { matching: [], other: [] };
          for (const phone of this.current().phones)
            (needles.some((n) => phone.includes(n)) ? split.matching : split.other).push(phone);
        }
      }
      return split;
    };
    return {
      employeeIds: JSON.stringify(this.idsByName.all(foldForSearch(trimmed))),
      needles,
      phones: () => {
        const found = phoneSplit();
        if (found === null) return null;
        return found.other.length === 0 ? 'all' : JSON.stringify(found.matching);
      },
      otherPhones: () => {
        const found = phoneSplit();
        return found !== null && found.other.length < found.matching.length ? JSON.stringify(found.other) : null;
      },
    };
  }

  /**
   * The condition for the events a search does NOT match, found through the phone index: those of
   * the phones that contain no needle, unless their employee's name matches. Null when that is not
   * the cheaper way to count (see `otherPhones`). An event's phone is always one of the phones
   * counted, so "all events minus these" is exactly the events the search matches.
   */
  complement(search: ResolvedSearch, employeeIdExpr: string, phoneExpr: string): SqlCondition | null {
    const other = search.otherPhones();
    if (other === null) return null;
    const terms = [`${phoneExpr} IN (SELECT value FROM json_each(?))`];
    const params = [other];
    if (search.employeeIds !== '[]') {
      terms.push(`(${employeeIdExpr} IS NULL OR +${employeeIdExpr} NOT IN (SELECT value FROM json_each(?)))`);
      params.push(search.employeeIds);
    }
    return { sql: `(${terms.join(' AND ')})`, params };
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
