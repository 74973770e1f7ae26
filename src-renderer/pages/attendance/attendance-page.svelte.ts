/**
 * The Attendance view's state: the search as last applied, the day shown, the three lists (who is
 * in now, the day's summary, employees matching the search), and the person whose history is open
 * with that history, read a page at a time.
 * New arrivals and exits refresh the lists shortly after a burst, not once per message.
 */
import { phones } from '../../lib/phone.svelte.js';
import type { AppApi } from '../../../src-main/contract/app-api.js';
import type { DaySummaryRow, Employee, EventRecord, PresenceRow } from '../../../src-main/contract/domain.js';
import { debounce } from '../../lib/debounce.js';
import { today } from '../../lib/i18n/format.js';
import { Loader, PagedLoader, WindowLoader } from '../../lib/state/loader.svelte.js';

export interface Person {
  phone: string;
  name: string;
}

/** A row that names someone: by name, or by number when the number is not an employee's. */
export interface Named {
  name: string | null;
  phone: string;
}

const REFRESH_AFTER_MS = 1000;
const HISTORY_PAGE = 100;
/** Rows of who is in / the day's summary read at a time. */
const LIST_PAGE = 200;

export class AttendancePage {
  /** The search as last applied (debounced): what the lists show. */
  search = $state('');
  day = $state(today());
  person = $state.raw<Person | null>(null);
  /** Read where they are shown (a virtual table each): an office may have 100,000 people in. */
  readonly inNow = new WindowLoader<PresenceRow>(LIST_PAGE);
  readonly summary = new WindowLoader<DaySummaryRow>(LIST_PAGE);
  readonly matching = new Loader<Employee[]>();
  readonly history = new PagedLoader<EventRecord>(HISTORY_PAGE);

  constructor(private readonly api: AppApi) {}

  /** Who is in now, and (while searching) the employees that match. */
  loadPresence(): void {
    const search = this.search;
    void this.inNow.load((offset, limit) => this.api.whoIsIn({ ...(search ? { search } : {}), offset, limit }));
    if (search) void this.matching.load(() => this.api.listEmployees({ search }));
  }

  /** The day's summary, once the day picker holds a whole date. */
  loadDay(): void {
    const search = this.search;
    const date = this.day;
    if (/^\d{4}-\d{2}-\d{2}$/.test(date))
      void this.summary.load((offset, limit) =>
        this.api.daySummary({ date, ...(search ? { search } : {}), offset, limit }),
      );
  }

  showToday(): void {
    this.day = today();
  }

  /** Opens someone's history (from its first page; nothing of the last person's stays on screen). */
  pick(row: Named): void {
    const phone = row.phone;
    this.person = { phone, name: nameOf(row) };
    this.history.clear();
    void this.history.load((held, limit) => this.api.listEvents({ phone, offset: held.length, limit }));
  }

  closeHistory(): void {
    this.person = null;
    this.history.clear();
  }

  /** Refreshes who is in (and today's summary) after recorded arrivals and exits. */
  start(): () => void {
    const refresh = debounce(() => {
      void this.inNow.reload();
      if (this.day === today()) void this.summary.reload();
    }, REFRESH_AFTER_MS);
    const off = this.api.onMessages((batch) => {
      if (batch.some((m) => m.outcome === 'recorded')) refresh();
    });
    return () => {
      off();
      refresh.cancel();
    };
  }
}

export const nameOf = (row: Named): string => row.name ?? phones.show(row.phone);
