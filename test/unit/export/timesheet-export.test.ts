/**
 * The timesheet files: the CSV of docs/attendance-rules.md section 6 and the XLSX workbook, written
 * to real files and read back (csv-parse, exceljs). TZ=Asia/Tehran; 2026-11-22 is a Sunday.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarize } from '../../../src-main/core/attendance/timesheet.js';
import { TIMESHEET_CSV_HEADER, writeTimesheetCsv } from '../../../src-main/core/export/timesheet-csv.js';
import { writeTimesheetXlsx } from '../../../src-main/core/export/timesheet-xlsx.js';
import type { DayResult } from '../../../src-main/core/model.js';
import { arrive, days, leave, leaveOf } from '../attendance/timesheet-fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'timesheet-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sara = { id: 7, phone: '989121234567', name: 'سارا =1+1', department: 'Sales' };
const reza = { id: 8, phone: '989121111111', name: 'Reza, "R"', department: 'Accounts' };

function sampleEmployees(): { employee: typeof sara; days: DayResult[] }[] {
  const saraDays = days({
    from: '2026-11-21',
    to: '2026-11-26',
    holidays: new Map([['2026-11-21', 'Closure']]),
    punches: [
      arrive('2026-11-22 08:05', { flags: ['late_report'], needsReview: true }),
      leave('2026-11-22 17:30'),
      arrive('2026-11-23 08:30', { source: 'import' }),
      leave('2026-11-26 12:00'),
    ],
    leave: [leaveOf('2026-11-25', 'sick')],
  });
  const rezaDays = days({
    from: '2026-11-22',
    to: '2026-11-22',
    employee: { ...reza, employmentStart: null, employmentEnd: null },
    punches: [arrive('2026-11-22 09:00', { employeeId: 8 }), leave('2026-11-22 16:00', { employeeId: 8 })],
  });
  return [
    { employee: sara, days: saraDays },
    { employee: reza, days: rezaDays },
  ];
}

describe('timesheet CSV', () => {
  it('writes the section-6 columns in order, then jalali_date, shift, corrected; UTF-8 with BOM', async () => {
    const path = join(dir, 'timesheet.csv');
    const out = createWriteStream(path);
    const result = await writeTimesheetCsv(sampleEmployees(), out);
    out.end();
    await finished(out);
    expect(result.rows).toBe(7);
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes.toString('utf8').slice(1)) as string[][];
    expect(records[0]).toEqual([...TIMESHEET_CSV_HEADER]);
    expect(records[0]?.slice(0, 13).join(',')).toBe(
      'phone,name,date,day_type,status,first_in,last_out,worked_minutes,late_minutes,early_leave_minutes,overtime_minutes,flags,shortfall_minutes',
    );
    const rows = records.slice(1);
    expect(rows.map((r) => [r[2], r[3], r[4]])).toEqual([
      ['2026-11-21', 'holiday', 'holiday'],
      ['2026-11-22', 'workday', 'present'],
      ['2026-11-23', 'workday', 'incomplete'],
      ['2026-11-24', 'workday', 'absent'],
      ['2026-11-25', 'workday', 'leave'],
      ['2026-11-26', 'weekend', 'weekend'],
      ['2026-11-22', 'workday', 'present'],
    ]);
    // The formula guard and quoting: a name that starts a formula keeps its text, escaped.
    expect(rows[0]?.[1]).toBe('سارا =1+1');
    expect(rows[6]?.[1]).toBe('Reza, "R"');
    expect(rows[1]).toEqual([
      '989121234567',
      'سارا =1+1',
      '2026-11-22',
      'workday',
      'present',
      '08:05',
      '17:30',
      '565',
      '0',
      '0',
      '90',
      'late_report',
      '0',
      '1405/09/01',
      'Office',
      'no',
    ]);
    expect(rows[2]?.slice(5, 13)).toEqual(['08:30', '', '0', '30', '0', '0', 'missing_exit', '0']);
    expect(rows[2]?.[15]).toBe('yes');
    expect(rows[3]?.slice(7, 13)).toEqual(['0', '0', '0', '0', '', '480']);
    expect(rows[5]?.[11]).toBe('missing_arrival');
  });

  it('guards a cell that would start a formula', async () => {
    const path = join(dir, 'guard.csv');
    const out = createWriteStream(path);
    const evil = { id: 9, phone: '98912', name: '=HYPERLINK("x")', department: '' };
    await writeTimesheetCsv(
      [
        {
          employee: evil,
          days: days({ from: '2026-11-22', employee: { ...evil, employmentStart: null, employmentEnd: null } }),
        },
      ],
      out,
    );
    out.end();
    await finished(out);
    const records = parse((await readFile(path, 'utf8')).slice(1)) as string[][];
    expect(records[1]?.[1]).toBe(`'=HYPERLINK("x")`);
  });

  it('streams many employees and reports progress', async () => {
    const path = join(dir, 'many.csv');
    const out = createWriteStream(path);
    const one = sampleEmployees()[1]!;
    const progress: number[] = [];
    function* many() {
      for (let i = 0; i < 2500; i++) yield one;
    }
    const { rows } = await writeTimesheetCsv(many(), out, { onProgress: (n) => progress.push(n) });
    out.end();
    await finished(out);
    expect(rows).toBe(2500);
    expect(progress).toEqual([1000, 2000, 2500]);
    const text = await readFile(path, 'utf8');
    expect(text.trimEnd().split('\n')).toHaveLength(2501);
  });

  it('stops on an abort', async () => {
    const out = createWriteStream(join(dir, 'aborted.csv'));
    const controller = new AbortController();
    controller.abort();
    await expect(writeTimesheetCsv(sampleEmployees(), out, { signal: controller.signal })).rejects.toThrow(/cancelled/);
    out.end();
    await finished(out);
  });
});

async function writeXlsx(name: string, language: 'en' | 'fa') {
  const path = join(dir, name);
  const out = createWriteStream(path);
  const result = await writeTimesheetXlsx(sampleEmployees(), out, { language });
  await finished(out);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return { result, book };
}

describe('timesheet XLSX', () => {
  it('has the day rows with real numbers and dates, the employees and the departments', async () => {
    const { result, book } = await writeXlsx('timesheet-en.xlsx', 'en');
    expect(result).toEqual({ rows: 7, employees: 2 });
    expect(book.worksheets.map((s) => s.name)).toEqual(['Days', 'Employees', 'Departments']);
    const sheet = book.getWorksheet('Days')!;
    expect(sheet.views[0]?.rightToLeft ?? false).toBe(false);
    expect(sheet.getRow(1).getCell(1).value).toBe('Phone');
    expect(sheet.rowCount).toBe(8);
    const row = sheet.getRow(3); // Sara, Sunday 2026-11-22
    const date = row.getCell(4).value;
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).getTime()).toBe(Date.UTC(2026, 10, 22));
    expect(row.getCell(4).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(5).value).toBe('1405/09/01');
    expect(row.getCell(9).value).toBe('Present');
    const firstIn = row.getCell(10).value as Date;
    expect(firstIn).toBeInstanceOf(Date);
    expect([firstIn.getUTCFullYear(), firstIn.getUTCMonth(), firstIn.getUTCDate()]).toEqual([2026, 10, 22]);
    expect([firstIn.getUTCHours(), firstIn.getUTCMinutes()]).toEqual([8, 5]);
    expect(row.getCell(10).numFmt).toBe('hh:mm');
    expect((row.getCell(11).value as Date).getUTCHours()).toBe(17);
    expect([12, 13, 14, 15, 16, 17].map((n) => row.getCell(n).value)).toEqual([480, 565, 0, 0, 90, 0]);
    expect(row.getCell(18).value).toBe('Reported late');
    expect(row.getCell(20).value).toBe('no');
    expect(row.getCell(19).value).toBeNull(); // no leave: an empty cell
    // A holiday row names the holiday; an empty time stays empty.
    expect(sheet.getRow(2).getCell(8).value).toBe('Closure');
    expect(sheet.getRow(4).getCell(11).value).toBeNull();
    expect(sheet.getRow(6).getCell(19).value).toBe('Sick leave');

    const people = book.getWorksheet('Employees')!;
    expect(people.rowCount).toBe(3);
    const s = summarize(sara, sampleEmployees()[0]!.days);
    const saraRow = people.getRow(2);
    expect(saraRow.getCell(2).value).toBe(sara.name);
    expect([4, 5, 6, 7].map((n) => saraRow.getCell(n).value)).toEqual([
      s.daysPresent,
      s.daysAbsent,
      s.daysIncomplete,
      s.daysLeave,
    ]);
    expect(saraRow.getCell(13).value).toBe(Math.round((s.workedMinutes / 60) * 100) / 100);
    expect(typeof saraRow.getCell(13).value).toBe('number');

    const units = book.getWorksheet('Departments')!;
    // Reza: present, late 60 min (the shortfall), 420 min worked.
    expect(units.getRow(2).values).toEqual([undefined, 'Accounts', 1, 1, 0, 0, 0, 0, 1, 60, 0, 1, 7, 0, 0]);
    expect(units.getRow(3).getCell(1).value).toBe('Sales');
  });

  it('in Persian: right-to-left sheets, Persian headers and words, the same numbers', async () => {
    const { book } = await writeXlsx('timesheet-fa.xlsx', 'fa');
    expect(book.worksheets.map((s) => s.name)).toEqual(['روزها', 'کارکنان', 'واحدها']);
    for (const sheet of book.worksheets) expect(sheet.views[0]?.rightToLeft).toBe(true);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('نام');
    expect(sheet.getRow(3).getCell(9).value).toBe('حاضر');
    expect(sheet.getRow(3).getCell(13).value).toBe(565);
    expect(sheet.getRow(4).getCell(18).value).toBe('خروج ثبت نشده');
    // A holiday typed by the office keeps its name.
    expect(sheet.getRow(2).getCell(8).value).toBe('Closure');
  });

  it('takes employees from an async source, and stops on an abort', async () => {
    const path = join(dir, 'async.xlsx');
    const out = createWriteStream(path);
    async function* source() {
      for (const e of sampleEmployees()) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield e;
      }
    }
    expect(await writeTimesheetXlsx(source(), out, { language: 'en' })).toEqual({ rows: 7, employees: 2 });
    await finished(out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.getWorksheet('Employees')?.rowCount).toBe(3);

    const controller = new AbortController();
    controller.abort();
    const aborted = createWriteStream(join(dir, 'aborted.xlsx'));
    await expect(
      writeTimesheetXlsx(sampleEmployees(), aborted, { language: 'en', signal: controller.signal }),
    ).rejects.toThrow(/cancelled/);
    aborted.destroy();
  });

  it('shows a built-in holiday in the workbook’s language, and a renamed one as typed', async () => {
    const bahman22 = '2027-02-11';
    const write = async (name: string, holiday: string) => {
      const path = join(dir, name);
      const out = createWriteStream(path);
      const list = days({ from: bahman22, holidays: new Map([[bahman22, holiday]]) });
      await writeTimesheetXlsx([{ employee: sara, days: list }], out, { language: 'fa' });
      await finished(out);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path);
      return book.worksheets[0]!.getRow(2).getCell(8).value;
    };
    expect(await write('built-in.xlsx', 'Victory of the Islamic Revolution')).toBe('پیروزی انقلاب اسلامی');
    expect(await write('renamed.xlsx', 'Revolution Day (office)')).toBe('Revolution Day (office)');
  });
});
