/**
 * The Timesheet view's state: the month shown (in the UI's calendar), the search, the grid read a
 * page of employees at a time, the department totals, the month's closed state, the employee whose
 * month is open, and the export, print, close and reopen actions.
 */
import type {
  AppApi,
  ClosedPeriod,
  DepartmentSummary,
  EmployeeMonth,
  ExportResult,
  PrintResult,
  TimesheetRow,
} from '../../../src-main/contract/app-api.js';
import type { Language } from '../../lib/i18n/dictionary.js';
import { today } from '../../lib/i18n/format.js';
import { Action } from '../../lib/state/action.svelte.js';
import { Loader, PagedLoader } from '../../lib/state/loader.svelte.js';
import { daysOf, monthOf, monthRange, shiftMonth, type CalendarMonth } from '../../lib/month.js';

const PAGE = 100;

/** The period that holds the whole range and is not reopened; else the latest one that overlaps it. */
export function periodOf(periods: readonly ClosedPeriod[], from: string, to: string): ClosedPeriod | null {
  const overlapping = periods.filter((p) => p.from <= to && p.to >= from);
  const closed = overlapping.find((p) => p.reopenedAt === null && p.from <= from && p.to >= to);
  if (closed) return closed;
  return overlapping.reduce<ClosedPeriod | null>(
    (last, p) => (last === null || p.closedAt > last.closedAt ? p : last),
    null,
  );
}

export class TimesheetPage {
  month = $state.raw<CalendarMonth>(monthOf(today(), 'en'));
  search = $state('');
  view = $state<'grid' | 'departments'>('grid');
  readonly grid = new PagedLoader<TimesheetRow>(PAGE);
  readonly departments = new Loader<DepartmentSummary[]>();
  readonly periods = new Loader<ClosedPeriod[]>();
  readonly employee = new Loader<EmployeeMonth>();
  openEmployee = $state.raw<{ id: number; name: string } | null>(null);
  readonly exporting = new Action();
  exportResult = $state.raw<ExportResult | null>(null);
  readonly printing = new Action();
  printResult = $state.raw<PrintResult | null>(null);
  /** The print sheet is in the page (while printing). */
  printSheet = $state(false);
  readonly periodAction = new Action();
  why = $state('');
  whyMissing = $state(false);

  readonly range: { from: string; to: string } = $derived(monthRange(this.month));
  readonly days: string[] = $derived(daysOf(this.range.from, this.range.to));
  readonly period: ClosedPeriod | null = $derived(periodOf(this.periods.value ?? [], this.range.from, this.range.to));
  readonly closed: boolean = $derived(this.period !== null && this.period.reopenedAt === null);

  constructor(private readonly api: AppApi) {}

  /** The current month in the language's calendar (on start and when the language changes). */
  setLanguage(language: Language): void {
    const calendar = language === 'fa' ? 'jalali' : 'gregorian';
    if (this.month.calendar !== calendar)
      this.month = monthOf(this.range.from < today() && today() <= this.range.to ? today() : this.range.from, language);
  }

  step(delta: number): void {
    this.month = shiftMonth(this.month, delta);
  }

  load(): void {
    const { from, to } = this.range;
    const search = this.search;
    void this.grid.load((held, limit) =>
      this.api.timesheet({ from, to, offset: held.length, limit, ...(search ? { search } : {}) }),
    );
    void this.periods.load(() => this.api.listPeriods());
    if (this.view === 'departments') this.loadDepartments();
    if (this.openEmployee) this.loadEmployee(this.openEmployee);
  }

  loadDepartments(): void {
    const { from, to } = this.range;
    void this.departments.load(() => this.api.departmentSummary({ from, to }));
  }

  open(row: TimesheetRow): void {
    this.openEmployee = { id: row.employee.id, name: row.employee.name };
    this.loadEmployee(this.openEmployee);
  }

  closeEmployee(): void {
    this.openEmployee = null;
    this.employee.clear();
  }

  private loadEmployee(who: { id: number }): void {
    const { from, to } = this.range;
    void this.employee.load(() => this.api.employeeMonth({ employeeId: who.id, from, to }));
  }

  async export(format: 'csv' | 'xlsx', language: Language): Promise<void> {
    this.exportResult = null;
    const { from, to } = this.range;
    await this.exporting.run(async () => {
      this.exportResult = await this.api.exportTimesheet({ from, to, format, language });
    });
  }

  /**
   * Prints the whole month: every page of the grid is read, the print sheet is put in the page,
   * then the desktop app writes a PDF (or the browser prints).
   */
  async print(afterRender: () => Promise<void>): Promise<void> {
    this.printResult = null;
    await this.printing.run(async () => {
      while (!this.grid.reachedEnd && this.grid.loaded) {
        if (!(await this.grid.loadMore())) break;
      }
      this.printSheet = true;
      try {
        await afterRender();
        const { from, to } = this.range;
        const result = await this.api.printTimesheet({ from, to });
        if (result.kind === 'browser') window.print();
        this.printResult = result;
      } finally {
        this.printSheet = false;
      }
    });
  }

  async closeMonth(): Promise<void> {
    const { from, to } = this.range;
    if (await this.periodAction.run(() => this.api.closePeriod({ from, to }))) await this.periods.reload();
  }

  async reopenMonth(): Promise<void> {
    const period = this.period;
    if (!period) return;
    const why = this.why.trim();
    this.whyMissing = why === '';
    if (this.whyMissing) return;
    if (await this.periodAction.run(() => this.api.reopenPeriod({ id: period.id, why }))) {
      this.why = '';
      await this.periods.reload();
    }
  }
}
