/**
 * Strings of the timesheet (the monthly grid, an employee's month, the departments, closing a
 * month) and the dashboard, kept in their own part of the dictionary. Values arrive formatted for
 * the language.
 */
import type { DayStatus, DayType, LeaveKind, PunchSource } from '../../../src-main/contract/domain.js';
import type { CellCode } from './timesheet-text.js';

export const timesheetEn = {
  heading: 'Timesheet',
  monthLabel: 'Month',
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  search: 'Search by name, number or department',
  views: { grid: 'Days', departments: 'Departments' },
  employee: 'Employee',
  /** One short code per day in the grid, and its meaning for the legend and the cell's title. */
  code: {
    present: 'P',
    late: 'L',
    absent: 'A',
    incomplete: 'I',
    leave: 'V',
    holiday: 'H',
    weekend: '–',
    no_data: '?',
  } satisfies Record<CellCode, string>,
  codeName: {
    present: 'Present',
    late: 'Late',
    absent: 'Absent',
    incomplete: 'Incomplete (a punch is missing)',
    leave: 'Leave',
    holiday: 'Holiday',
    weekend: 'Weekend',
    no_data: 'No data (the gateway was not connected)',
  } satisfies Record<CellCode, string>,
  /** The day's own flags; the punches' flags are the Review page's words. */
  missingFlag: { missing_exit: 'Exit missing', missing_arrival: 'Arrival missing' },
  legend: 'Legend',
  status: {
    present: 'Present',
    absent: 'Absent',
    incomplete: 'Incomplete',
    leave: 'Leave',
    holiday: 'Holiday',
    weekend: 'Weekend',
    no_data: 'No data',
  } satisfies Record<DayStatus, string>,
  dayType: { workday: 'Workday', weekend: 'Weekend', holiday: 'Holiday' } satisfies Record<DayType, string>,
  leave: { paid: 'Paid leave', unpaid: 'Unpaid leave', sick: 'Sick leave', mission: 'Mission' } satisfies Record<
    LeaveKind,
    string
  >,
  source: { sms: 'SMS', import: 'Imported', manual: 'Added by hand' } satisfies Record<PunchSource, string>,
  totals: {
    present: 'Present',
    absent: 'Absent',
    incomplete: 'Incomplete',
    leave: 'Leave',
    lateCount: 'Late (days)',
    lateMinutes: 'Late (min)',
    earlyLeave: 'Early leave (min)',
    shortfall: 'Shortfall (h)',
    worked: 'Worked (h)',
    overtime: 'Overtime (h)',
    overtimeOffDay: 'Overtime off days (h)',
  },
  /** Hours with one decimal: "12.5 h". */
  hours: (value: string) => `${value} h`,
  rowsShown: (shown: string, total: string) => `${shown} of ${total} employees`,
  empty: 'No employees match.',
  openMonth: (name: string) => `Open ${name}’s month`,
  exportCsv: 'Export CSV',
  exportXlsx: 'Export Excel (XLSX)',
  exporting: 'Exporting…',
  exportSaved: (path: string, rows: string) => `Saved ${rows} rows to ${path}`,
  exportDownloaded: (file: string, rows: string) => `Downloaded ${file} (${rows} rows)`,
  print: 'Print',
  printSaved: (path: string) => `Saved the PDF to ${path}`,
  period: {
    open: 'This month is open: corrections and leave can still change it.',
    closed: (who: string, at: string) => `Closed by ${who} on ${at}: no corrections or leave until it is reopened.`,
    reopened: (who: string, at: string, why: string) => `Reopened by ${who} on ${at}: ${why}`,
    close: 'Close the month',
    closeConfirm: 'Close this month? Corrections and leave inside it are refused until it is reopened.',
    reopen: 'Reopen the month',
    why: 'Why reopen it',
    whyMissing: 'Write why the month is reopened.',
  },
  month: {
    back: 'Back to the grid',
    heading: (name: string) => `${name}: the month day by day`,
    date: 'Day',
    firstIn: 'First in',
    lastOut: 'Last out',
    worked: 'Worked',
    overtimeMinutes: 'Overtime (min)',
    punches: 'Punches and corrections',
    punchesEmpty: 'No punches in this month.',
    /** The SMS punch as it arrived: its status, the time the phone wrote, when it was received. */
    was: (status: string, reported: string, received: string) => `as sent: ${status} ${reported}, received ${received}`,
    voided: 'voided',
    correctedBy: (who: string, at: string, why: string) => `corrected by ${who} on ${at}: ${why}`,
    corrected: 'corrected',
    inProgress: 'so far (the day is not over)',
  },
  departments: {
    heading: 'Totals per department',
    department: 'Department',
    employees: 'Employees',
    none: '(no department)',
  },
  dashboard: {
    heading: 'Dashboard',
    today: (date: string) => `Today, ${date}`,
    present: 'Present',
    late: 'Late',
    absent: 'Absent',
    notYetIn: 'Not yet in',
    onLeave: 'On leave',
    expected: (count: string) => `${count} expected at work today`,
    chart: (month: string) => `Each day of ${month}`,
    chartEmpty: 'No working days in this month yet.',
  },
  gridHelp:
    "Arrow keys move from day to day, Home and End to the first day and the last total, Page Up and Page Down a screen of employees; Enter opens the employee's month.",
};
