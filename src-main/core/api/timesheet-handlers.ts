/**
 * The timesheet's and the dashboard's requests (docs/attendance-rules.md sections 3-6), mapped
 * onto the store: the grid a page of employees at a time, one employee's month, the department
 * totals, the dashboard, closing and reopening periods, the exports and printing. Kept apart from
 * request-handlers.ts, which spreads them in.
 */
import type {
  DepartmentSummary,
  PrintResult,
  RequestArg,
  RequestResults,
  TimesheetExportQuery,
} from '../../contract/app-api.js';
import type { ExportResult } from '../../contract/app-api.js';
import type { AppCore } from '../app-core-types.js';
import type { TimesheetSummary } from '../model.js';
import { SUMMARY_COUNTS, zeroCounts } from '../attendance/timesheet.js';

type TimesheetVerb =
  | 'timesheet'
  | 'departmentSummary'
  | 'employeeMonth'
  | 'dashboard'
  | 'exportTimesheet'
  | 'listPeriods'
  | 'closePeriod'
  | 'reopenPeriod'
  | 'printTimesheet';

export type TimesheetHandlers = { [K in TimesheetVerb]: (arg: RequestArg<K>) => Promise<RequestResults[K]> };

/** Where a timesheet export goes is the host's business, as for the attendance CSV (csv-exporter.ts). */
export interface TimesheetExporter {
  exportTimesheet(query: TimesheetExportQuery): Promise<ExportResult>;
}

export interface TimesheetHost {
  timesheetExporter?: TimesheetExporter | null;
  /** The desktop app prints the shown page to a PDF the user picks; omitted: the browser prints itself. */
  printToPdf?: (suggestedName: string) => Promise<PrintResult>;
}

/** Adds the employees' summaries up per department, departments in name order ('' first). */
export function departmentTotals(summaries: Iterable<TimesheetSummary>): DepartmentSummary[] {
  const byDepartment = new Map<string, DepartmentSummary>();
  for (const s of summaries) {
    let d = byDepartment.get(s.department);
    if (!d) {
      d = { department: s.department, employees: 0, ...zeroCounts() };
      byDepartment.set(s.department, d);
    }
    d.employees += 1;
    for (const key of SUMMARY_COUNTS) d[key] += s[key];
  }
  return [...byDepartment.values()].sort((a, b) =>
    a.department < b.department ? -1 : a.department > b.department ? 1 : 0,
  );
}

export function createTimesheetHandlers(
  core: AppCore,
  host: TimesheetHost,
  now: () => number,
  /** Who closes and reopens periods: the operator's name given in the app, else the computer's user. */
  who: () => string = () => core.operator(),
): TimesheetHandlers {
  const store = core.store;
  const meta = (why?: string): { who: string; now: number; why?: string } => ({
    who: who(),
    now: now(),
    ...(why !== undefined ? { why } : {}),
  });
  return {
    timesheet: async ({ from, to, search, department, offset, limit }) => {
      const page = store.timesheet({
        from,
        to,
        offset,
        limit,
        now: now(),
        ...(search ? { search } : {}),
        ...(department !== undefined ? { department } : {}),
      });
      return { rows: page.rows, total: page.total };
    },
    departmentSummary: async ({ from, to }) => {
      const summaries = function* (): Generator<TimesheetSummary> {
        for (const row of store.iterateTimesheet({ from, to, now: now() })) yield row.summary;
      };
      return departmentTotals(summaries());
    },
    employeeMonth: async ({ employeeId, from, to }) => store.employeeMonth(employeeId, from, to, now()),
    dashboard: async ({ from, to }) => store.dashboard(now(), { from, to }),
    exportTimesheet: async (query) => {
      if (!host.timesheetExporter) throw new Error('Exporting the timesheet is not available here.');
      return host.timesheetExporter.exportTimesheet(query);
    },
    listPeriods: async () => store.listPeriods(),
    closePeriod: async ({ from, to }) => store.closePeriod({ from, to }, meta()),
    reopenPeriod: async ({ id, why }) => store.reopenPeriod(id, meta(why)),
    printTimesheet: async ({ from, to }) =>
      host.printToPdf ? host.printToPdf(`timesheet-${from}-to-${to}.pdf`) : { kind: 'browser' },
  };
}
