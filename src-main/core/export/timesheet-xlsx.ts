/**
 * The timesheet as an XLSX workbook for people (docs/attendance-rules.md section 5): one sheet of
 * day rows, one of per-employee sums, one of per-department sums. Cells hold real values: minutes
 * and hours are numbers, dates and times are dates (with a number format), so a spreadsheet can sum
 * and sort them. Words (headers, statuses, flags) are in the language asked for
 * (timesheet-labels.ts); a Persian workbook's sheets read right to left.
 *
 * Streamed with exceljs's WorkbookWriter: each day row is committed as the employees come (one at a
 * time from the store's iterator); only the per-employee and per-department sums are kept until
 * the end. The writer yields to the event loop every few hundred employees so that the zip stream
 * drains into `out` while rows are still being made.
 */
import type { Stream } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { DayResult, TimesheetSummary } from '../model.js';
import { builtInHolidayKey, dayNumber, IRAN_FIXED_HOLIDAYS, jalaliText } from '../attendance/calendar.js';
import { summarize, SUMMARY_COUNTS } from '../attendance/timesheet.js';
import { TIMESHEET_LABELS, type TimesheetLabels, type TimesheetLanguage } from './timesheet-labels.js';
import type { TimesheetWriteOptions } from './timesheet-csv.js';

const DAY_MS = 86_400_000;
const YIELD_EVERY = 200;

/**
 * Cell styles, shared: exceljs keeps the style id of a style object it has seen, so a few shared
 * objects cost one lookup per cell where a style per column would be merged and looked up anew
 * for every cell. The same holds for a row's own style: each new row has an empty one of its own,
 * which exceljs would turn into XML to find its id, so every row is given the shared empty style
 * (never written to: only the cells' styles are set).
 */
const PLAIN: Partial<ExcelJS.Style> = {};
const DATE: Partial<ExcelJS.Style> = { numFmt: 'yyyy-mm-dd' };
const TIME: Partial<ExcelJS.Style> = { numFmt: 'hh:mm' };
const HOURS: Partial<ExcelJS.Style> = { numFmt: '0.00' };
const DAY_STYLES = [
  PLAIN,
  PLAIN,
  PLAIN,
  DATE,
  PLAIN,
  PLAIN,
  PLAIN,
  PLAIN,
  PLAIN,
  TIME,
  TIME,
  ...Array<typeof PLAIN>(9).fill(PLAIN),
];
const SUM_STYLES = [...Array<typeof PLAIN>(8).fill(PLAIN), HOURS, HOURS, HOURS, HOURS];
const PEOPLE_STYLES = [PLAIN, PLAIN, PLAIN, ...SUM_STYLES];
const UNIT_STYLES = [PLAIN, PLAIN, ...SUM_STYLES];

function styleCells(row: ExcelJS.Row, styles: readonly Partial<ExcelJS.Style>[]): void {
  // A Row's `style` is not in exceljs's typings, but it is the field its writer reads.
  (row as unknown as { style: Partial<ExcelJS.Style> }).style = PLAIN;
  for (let i = 0; i < styles.length; i++) row.getCell(i + 1).style = styles[i] as Partial<ExcelJS.Style>;
}

export interface TimesheetXlsxEmployee {
  employee: { id: number; phone: string; name: string; department: string };
  days: readonly DayResult[];
  /** The employee's sums; computed from `days` when not given. */
  summary?: TimesheetSummary;
}

export interface TimesheetXlsxOptions extends TimesheetWriteOptions {
  language: TimesheetLanguage;
}

/** A department's sums: the employees' sums added up. */
interface DepartmentSums {
  department: string;
  employees: number;
  sums: TimesheetSummary;
}

/**
 * Writes the workbook to `out` and ends it. Resolves with the number of day rows and employees once
 * `out` has finished. On an abort or error it rejects; `out` may then hold part of a file (the
 * caller removes it).
 */
export async function writeTimesheetXlsx(
  employees: Iterable<TimesheetXlsxEmployee> | AsyncIterable<TimesheetXlsxEmployee>,
  out: NodeJS.WritableStream,
  opts: TimesheetXlsxOptions,
): Promise<{ rows: number; employees: number }> {
  const labels = TIMESHEET_LABELS[opts.language];
  const c = labels.columns;
  const rightToLeft = opts.language === 'fa';
  // Loaded on first use: exceljs is the largest module of the app, and only this export needs it,
  // so serve and the desktop app start without reading and compiling it.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    stream: out as unknown as Stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const views = [{ state: 'frozen' as const, ySplit: 1, rightToLeft }];

  const days = workbook.addWorksheet(labels.sheets.days, { views });
  days.columns = [
    { key: 'phone', width: 16 },
    { key: 'name', width: 24 },
    { key: 'department', width: 16 },
    { key: 'date', width: 12 },
    { key: 'jalali', width: 12 },
    { key: 'dayType', width: 12 },
    { key: 'shift', width: 14 },
    { key: 'holiday', width: 18 },
    { key: 'status', width: 12 },
    { key: 'firstIn', width: 9 },
    { key: 'lastOut', width: 9 },
    { key: 'scheduled', width: 10 },
    { key: 'worked', width: 10 },
    { key: 'late', width: 10 },
    { key: 'early', width: 10 },
    { key: 'overtime', width: 10 },
    { key: 'shortfall', width: 10 },
    { key: 'flags', width: 24 },
    { key: 'leave', width: 16 },
    { key: 'corrected', width: 10 },
  ];
  days
    .addRow([
      c.phone,
      c.name,
      c.department,
      c.date,
      c.jalaliDate,
      c.dayType,
      c.shift,
      c.holiday,
      c.status,
      c.firstIn,
      c.lastOut,
      c.scheduled,
      c.worked,
      c.late,
      c.earlyLeave,
      c.overtime,
      c.shortfall,
      c.flags,
      c.leave,
      c.corrected,
    ])
    .commit();

  // A month has few dates: each one's cell value (a Date, never changed by exceljs) is made once.
  const dates = new Map<string, Date>();
  const dateCell = (date: string): Date => {
    let value = dates.get(date);
    if (value === undefined) {
      value = new Date(dayNumber(date) * DAY_MS);
      dates.set(date, value);
    }
    return value;
  };

  const wallClock = wallClocks();

  const summaries: TimesheetSummary[] = [];
  const departments = new Map<string, DepartmentSums>();
  let rows = 0;
  let count = 0;
  for await (const item of employees) {
    if (opts.signal?.aborted) throw new DOMException('The export was cancelled', 'AbortError');
    const { employee } = item;
    for (const d of item.days) {
      const row = days.addRow([
        employee.phone,
        employee.name,
        employee.department,
        dateCell(d.date),
        jalaliText(d.date),
        labels.dayType[d.dayType],
        d.shiftName,
        d.holidayName === null ? null : holidayName(d.date, d.holidayName, labels),
        labels.status[d.status],
        wallClock(d.firstIn),
        wallClock(d.lastOut),
        d.scheduledMinutes,
        d.workedMinutes,
        d.lateMinutes,
        d.earlyLeaveMinutes,
        d.overtimeMinutes,
        d.shortfallMinutes,
        d.flags.length === 0 ? null : d.flags.map((f) => labels.flag[f]).join(labels.listSeparator),
        d.leave.length === 0 ? null : d.leave.map((k) => labels.leave[k]).join(labels.listSeparator),
        d.corrected ? labels.yes : labels.no,
      ]);
      styleCells(row, DAY_STYLES);
      row.commit();
      rows++;
    }
    const summary = item.summary ?? summarize(employee, item.days);
    summaries.push(summary);
    let dept = departments.get(employee.department);
    if (dept === undefined) {
      dept = { department: employee.department, employees: 0, sums: { ...summary } };
      departments.set(employee.department, dept);
    } else {
      for (const k of SUMMARY_COUNTS) dept.sums[k] += summary[k];
    }
    dept.employees++;
    count++;
    if (count % YIELD_EVERY === 0) {
      opts.onProgress?.(rows);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  days.commit();

  const sumColumns = [
    { key: 'daysPresent', width: 10 },
    { key: 'daysAbsent', width: 10 },
    { key: 'daysIncomplete', width: 10 },
    { key: 'daysLeave', width: 10 },
    { key: 'daysNoData', width: 10 },
    { key: 'lateCount', width: 10 },
    { key: 'lateMinutes', width: 10 },
    { key: 'earlyLeaveMinutes', width: 10 },
    { key: 'shortfallHours', width: 10 },
    { key: 'workedHours', width: 10 },
    { key: 'overtimeWorkdayHours', width: 12 },
    { key: 'overtimeOffDayHours', width: 12 },
  ];
  const sumHeaders = [
    c.daysPresent,
    c.daysAbsent,
    c.daysIncomplete,
    c.daysLeave,
    c.daysNoData,
    c.lateCount,
    c.lateMinutes,
    c.earlyLeaveMinutes,
    c.shortfallHours,
    c.workedHours,
    c.overtimeWorkdayHours,
    c.overtimeOffDayHours,
  ];
  const sumCells = (s: TimesheetSummary): (number | string)[] => [
    s.daysPresent,
    s.daysAbsent,
    s.daysIncomplete,
    s.daysLeave,
    s.daysNoData,
    s.lateCount,
    s.lateMinutes,
    s.earlyLeaveMinutes,
    hours(s.shortfallMinutes),
    hours(s.workedMinutes),
    hours(s.overtimeWorkdayMinutes),
    hours(s.overtimeOffDayMinutes),
  ];

  const people = workbook.addWorksheet(labels.sheets.employees, { views });
  people.columns = [
    { key: 'phone', width: 16 },
    { key: 'name', width: 24 },
    { key: 'department', width: 16 },
    ...sumColumns,
  ];
  people.addRow([c.phone, c.name, c.department, ...sumHeaders]).commit();
  for (const s of summaries) {
    const row = people.addRow([s.phone, s.name, s.department, ...sumCells(s)]);
    styleCells(row, PEOPLE_STYLES);
    row.commit();
  }
  people.commit();

  const units = workbook.addWorksheet(labels.sheets.departments, { views });
  units.columns = [{ key: 'department', width: 16 }, { key: 'employees', width: 10 }, ...sumColumns];
  units.addRow([c.department, c.employees, ...sumHeaders]).commit();
  const sorted = [...departments.values()].sort((a, b) =>
    a.department < b.department ? -1 : a.department > b.department ? 1 : 0,
  );
  for (const d of sorted) {
    const row = units.addRow([d.department, d.employees, ...sumCells(d.sums)]);
    styleCells(row, UNIT_STYLES);
    row.commit();
  }
  units.commit();

  await workbook.commit();
  opts.onProgress?.(rows);
  return { rows, employees: count };
}

/** A built-in holiday keeps its English name in the database; the workbook shows it in its language. */
function holidayName(date: string, name: string, labels: TimesheetLabels): string {
  const key = builtInHolidayKey(date);
  if (key === null) return name;
  const builtIn = IRAN_FIXED_HOLIDAYS.find((h) => h.key === key);
  return builtIn !== undefined && builtIn.name === name ? (labels.builtInHoliday[key] ?? name) : name;
}

/**
 * An instant as a spreadsheet date-time: spreadsheets have no time zones, so the cell holds the
 * office's wall clock (exceljs writes a Date's UTC fields). The zone's offset comes from Date's
 * getTimezoneOffset, which is slow, so it is kept per quarter hour.
 */
function wallClocks(): (ms: number | null) => Date | null {
  // Quarter hours: the offset is looked up once per quarter hour of the punches' times, kept for one workbook.
  const offsets = new Map<number, number>();
  const offsetMinutes = (ms: number): number => {
    const quarter = Math.floor(ms / QUARTER_MS);
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      // A quarter hour whose first and last millisecond have the same offset has it throughout (no
      // zone changes its offset twice within minutes); one that holds a change is looked up at each instant.
      const start = quarter * QUARTER_MS;
      offset = new Date(start).getTimezoneOffset();
      if (new Date(start + QUARTER_MS - 1).getTimezoneOffset() !== offset) return new Date(ms).getTimezoneOffset();
      offsets.set(quarter, offset);
    }
    return offset;
  };
  return (ms) => (ms === null ? null : new Date(ms - offsetMinutes(ms) * 60_000));
}

const QUARTER_MS = 900_000;

function hours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}
