/**
 * Strings of the timesheet (the monthly grid, an employee's month, the departments, closing a
 * month) and the dashboard, kept in their own part of the dictionary. Values arrive formatted for
 * the language.
 */
import type { DayStatus, DayType, LeaveKind, PunchSource } from '../../../src-main/core/model.js';

/** What a grid cell shows: a day's status, with lateness apart from a plain present. */
export type CellCode = DayStatus | 'late';

export interface TimesheetDictionary {
  heading: string;
  monthLabel: string;
  previousMonth: string;
  nextMonth: string;
  search: string;
  views: { grid: string; departments: string };
  employee: string;
  /** One short code per day in the grid, and its meaning for the legend and the cell's title. */
  code: Record<CellCode, string>;
  codeName: Record<CellCode, string>;
  /** The day's own flags; the punches' flags are the Review page's words. */
  missingFlag: { missing_exit: string; missing_arrival: string };
  legend: string;
  status: Record<DayStatus, string>;
  dayType: Record<DayType, string>;
  leave: Record<LeaveKind, string>;
  source: Record<PunchSource, string>;
  totals: {
    present: string;
    absent: string;
    incomplete: string;
    leave: string;
    lateCount: string;
    lateMinutes: string;
    earlyLeave: string;
    shortfall: string;
    worked: string;
    overtime: string;
    overtimeOffDay: string;
  };
  /** Hours with one decimal: "12.5 h". */
  hours: (value: string) => string;
  rowsShown: (shown: string, total: string) => string;
  empty: string;
  openMonth: (name: string) => string;
  exportCsv: string;
  exportXlsx: string;
  exporting: string;
  exportSaved: (path: string, rows: string) => string;
  exportDownloaded: (file: string, rows: string) => string;
  print: string;
  printSaved: (path: string) => string;
  period: {
    open: string;
    closed: (who: string, at: string) => string;
    reopened: (who: string, at: string, why: string) => string;
    close: string;
    closeConfirm: string;
    reopen: string;
    why: string;
    whyMissing: string;
  };
  month: {
    back: string;
    heading: (name: string) => string;
    date: string;
    firstIn: string;
    lastOut: string;
    worked: string;
    overtimeMinutes: string;
    punches: string;
    punchesEmpty: string;
    /** The SMS punch as it arrived: its status, the time the phone wrote, when it was received. */
    was: (status: string, reported: string, received: string) => string;
    voided: string;
    correctedBy: (who: string, at: string, why: string) => string;
    corrected: string;
    inProgress: string;
  };
  departments: { heading: string; department: string; employees: string; none: string };
  dashboard: {
    heading: string;
    today: (date: string) => string;
    present: string;
    late: string;
    absent: string;
    notYetIn: string;
    onLeave: string;
    expected: (count: string) => string;
    chart: (month: string) => string;
    chartEmpty: string;
  };
  /** How to move in the grid with the keyboard (read by screen readers). */
  gridHelp: string;
}
