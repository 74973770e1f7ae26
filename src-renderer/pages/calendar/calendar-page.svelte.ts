/**
 * The Shifts & calendar view's state: the shifts and who works which, the holidays of the year
 * shown (in the UI's calendar), the leave of the days shown, the employees to pick from, and the
 * one change in flight.
 */
import type { AppApi } from '../../../src-main/contract/app-api.js';
import type { Employee, Holiday, Leave, Shift, ShiftAssignment } from '../../../src-main/contract/domain.js';
import { monthRangeOf, toParts, yearRange, type CalendarKind } from '../../lib/calendar/calendar-month.js';
import { today } from '../../lib/i18n/format.js';
import { Action } from '../../lib/state/action.svelte.js';
import { Loader } from '../../lib/state/loader.svelte.js';

export class CalendarPage {
  readonly shifts = new Loader<Shift[]>();
  readonly assignments = new Loader<ShiftAssignment[]>();
  readonly holidays = new Loader<Holiday[]>();
  readonly leave = new Loader<Leave[]>();
  readonly employees = new Loader<Employee[]>();
  readonly action = new Action();
  /** The year whose holidays are shown, in the UI's calendar; 0 until set for a language. */
  holidayYear = $state(0);
  /** The days whose leave is listed (Gregorian YYYY-MM-DD, or '' while being typed). */
  leaveRange = $state({ from: '', to: '' });
  /** What the last change did, for the status line. */
  done = $state('');

  constructor(private readonly api: AppApi) {}

  /** The current year and month in the calendar of the language. */
  setCalendar(kind: CalendarKind): void {
    this.holidayYear = toParts(today(), kind).year;
    const { from, to } = monthRangeOf(today(), kind);
    this.leaveRange = { from, to };
  }

  loadAll(kind: CalendarKind): void {
    void this.shifts.load(() => this.api.listShifts());
    void this.assignments.load(() => this.api.listAssignments());
    void this.employees.load(() => this.api.listEmployees({ includeInactive: false }));
    this.loadHolidays(kind);
    this.loadLeave();
  }

  loadHolidays(kind: CalendarKind): void {
    if (this.holidayYear === 0) return;
    const range = yearRange(this.holidayYear, kind);
    void this.holidays.load(() => this.api.listHolidays(range));
  }

  loadLeave(): void {
    const { from, to } = this.leaveRange;
    if (from === '' || to === '' || from > to) return;
    void this.leave.load(() => this.api.listLeave({ from, to }));
  }

  /** Runs a change, then reloads what it touched; resolves true when it succeeded. */
  async change(work: () => Promise<unknown>, reload: { reload(): Promise<void> }[], done = ''): Promise<boolean> {
    this.done = '';
    const ok = await this.action.run(work);
    if (ok) this.done = done;
    await Promise.all(reload.map((l) => l.reload()));
    return ok;
  }
}
