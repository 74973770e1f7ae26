/**
 * The timesheet from the command line as an office runs it: the built `smpp-attendance` in child
 * processes on a real database file: staff added, punches imported from a CSV file, a shift, a
 * holiday and a leave set, the month written as CSV and XLSX and read back (csv-parse, exceljs),
 * the audit log, and a month closed and reopened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { tempDir } from '../../support/core-harness.js';
import { runCli as run, STACK_TRACE } from '../../support/cli-process.js';

const SECTION_6 = [
  'phone',
  'name',
  'date',
  'day_type',
  'status',
  'first_in',
  'last_out',
  'worked_minutes',
  'late_minutes',
  'early_leave_minutes',
  'overtime_minutes',
  'flags',
  'shortfall_minutes',
];

const ALI = '989102211824';
const SARA = '989121234567';
const OMID = '989351112233';
const WHO = ['--who', 'Mina Karimi'];

/** Punches of the first days of Azar 1405 (2026-11-22 is a Sunday; the office works Saturday to Wednesday). */
const PUNCHES = [
  'phone,status,time',
  '09102211824,arrival,2026-11-22 08:05',
  '09102211824,exit,2026-11-22 16:30',
  '09102211824,Arrival,2026-11-23T08:25:00+03:30',
  '09102211824,Exit,2026-11-23 15:40',
  '09102211824,arrival,2026-11-24 08:00',
  '09121234567,arrival,2026-11-22 07:58',
  '09121234567,exit,2026-11-22 16:00',
  '09121234567,arrival,2026-11-24 10:05',
  '09121234567,exit,2026-11-24 18:00',
].join('\n');

type Row = Record<string, string>;

function readCsv(path: string): { header: string[]; rows: Row[]; bom: boolean } {
  const text = readFileSync(path, 'utf8');
  const body = text.replace(/^\uFEFF/, '');
  const header = (parse(body, { to_line: 1 }) as string[][])[0]!;
  return { header, rows: parse(body, { columns: true }) as Row[], bom: text.startsWith('\uFEFF') };
}

function dayRow(rows: Row[], phone: string, date: string): Row {
  const row = rows.find((r) => r.phone === phone && r.date === date);
  if (!row) throw new Error(`no row for ${phone} on ${date}`);
  return row;
}

describe('smpp-attendance timesheet, punches, shifts, holidays, leave, audit, periods', () => {
  const tmp = tempDir('cli-timesheet-');
  const db = join(tmp.dir, 'office.db');
  const punches = join(tmp.dir, 'punches.csv');
  const ok = (args: string[]): string => {
    const res = run(args);
    expect(res.stderr).not.toMatch(STACK_TRACE);
    expect({ args, status: res.status, stderr: res.stderr }).toEqual({ args, status: 0, stderr: expect.any(String) });
    return res.stdout;
  };

  beforeAll(() => {
    writeFileSync(punches, `${PUNCHES}\n`);
    ok(['employees', 'add', '--db', db, '--phone', '09102211824', '--name', 'Ali Rezaei', '--department', 'Sales']);
    ok(['employees', 'add', '--db', db, '--phone', '09121234567', '--name', 'Sara Ahmadi', '--department', 'IT']);
    ok([
      'employees',
      'add',
      '--db',
      db,
      '--phone',
      '09351112233',
      '--name',
      'Omid Zamani',
      '--department',
      'Sales',
      ...WHO,
    ]);
  });
  afterAll(() => tmp.cleanup());

  it('punches import: a bad line is named and nothing of the file is imported; then all, once', () => {
    const bad = join(tmp.dir, 'bad.csv');
    writeFileSync(bad, `${PUNCHES.split('\n').slice(0, 3).join('\n')}\n09102211824,arival,2026-11-23 08:25\n`);
    const refused = run(['punches', 'import', '--db', db, bad, ...WHO]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/line 4: the status 'arival' is not arrival or exit; nothing was imported/);
    expect(refused.stderr).not.toMatch(STACK_TRACE);

    expect(ok(['punches', 'import', '--db', db, punches, ...WHO])).toBe(
      '9 punches imported, 0 already recorded (skipped)\n',
    );
    // The lines of the refused file that were good are among these nine: none of them was imported before.
    expect(ok(['punches', 'import', '--db', db, punches, ...WHO])).toBe(
      '0 punches imported, 9 already recorded (skipped)\n',
    );
  });

  it('punches import creates the database on a new path, but not for a file it refuses', () => {
    const fresh = join(tmp.dir, 'fresh.db');
    const bad = join(tmp.dir, 'bad-time.csv');
    writeFileSync(bad, '09102211824,arrival,2026-11-23 8:25\n');
    const refused = run(['punches', 'import', '--db', fresh, bad]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/line 1: the time '2026-11-23 8:25' is not YYYY-MM-DD HH:MM/);
    expect(existsSync(fresh)).toBe(false);
    const missing = run(['punches', 'import', '--db', fresh, join(tmp.dir, 'nothing.csv')]);
    expect(missing.status).toBe(2);
    expect(existsSync(fresh)).toBe(false);

    // Numbers nobody has yet refuse the file (add the employees first): the new database goes again.
    const unknown = run(['punches', 'import', '--db', fresh, punches]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/line 2: 989102211824 is not in the employee directory; nothing was imported/);
    expect(existsSync(fresh)).toBe(false);

    const empty = join(tmp.dir, 'empty.csv');
    writeFileSync(empty, 'phone,status,time\n');
    expect(ok(['punches', 'import', '--db', fresh, empty])).toBe('0 punches imported, 0 already recorded (skipped)\n');
    expect(existsSync(fresh)).toBe(true);
    expect(ok(['employees', 'list', '--db', fresh])).toMatch(/No employees yet/);
  });

  it('shifts: add, list, assign to an employee from a day, update; changes are audited with --who', () => {
    const added = ok([
      'shifts',
      'add',
      '--db',
      db,
      '--name',
      'Late',
      '--hours',
      'sat-wed 10:00-18:00',
      '--hours',
      'thu 10:00-14:00',
      ...WHO,
    ]);
    const id = /^added shift (\d+) Late: sat-wed 10:00-18:00, thu 10:00-14:00\n$/.exec(added)?.[1];
    expect(id).toBeDefined();
    ok(['shifts', 'assign', '--db', db, id!, '--employee', '0912 123 4567', '--from', '2026-11-24', ...WHO]);
    ok(['shifts', 'update', '--db', db, id!, '--late-grace', '5', '--break', '13:00-13:30', ...WHO]);

    const list = ok(['shifts', 'list', '--db', db]);
    expect(list).toMatch(/Office\s+sat-wed 08:00-16:00\s+10\s+10\s+yes/);
    expect(list).toMatch(new RegExp(`${id}\\s+Late\\s+sat-wed 10:00-18:00, thu 10:00-14:00\\s+5\\s+10\\s+13:00-13:30`));
    expect(list).toMatch(/Sara Ahmadi \(989121234567\)\s+\d+ Late\s+2026-11-24/);

    const json = JSON.parse(ok(['shifts', 'list', '--db', db, '--json'])) as {
      shifts: { id: number; name: string; lateGraceMinutes: number; days: unknown[] }[];
      assignments: { shiftId: number; from: string }[];
    };
    const late = json.shifts.find((s) => s.name === 'Late')!;
    expect(late.lateGraceMinutes).toBe(5);
    expect(late.days[4]).toEqual({ start: 600, end: 840 }); // Thursday
    expect(late.days[5]).toBeNull(); // Friday
    expect(json.assignments).toEqual([expect.objectContaining({ shiftId: late.id, from: '2026-11-24' })]);
  });

  it('holidays: the built-in ones are listed; one added by its Jalali date; import is all or nothing', () => {
    ok(['holidays', 'add', '--db', db, '--date', '1405/09/04', '--name', 'Office closure', ...WHO]);
    const year = ok(['holidays', 'list', '--db', db, '--year', '1405']);
    expect(year).toMatch(/2026-11-25\s+Office closure/);
    expect(year).toMatch(/2026-03-21\s+\S.*yes/); // 1 Farvardin 1405, built in
    const json = JSON.parse(ok(['holidays', 'list', '--db', db, '--month', '1405-09', '--json'])) as unknown[];
    expect(json).toEqual([{ date: '2026-11-25', name: 'Office closure', builtIn: false }]);

    const csv = join(tmp.dir, 'holidays.csv');
    writeFileSync(csv, 'date,name\n2026-12-20,Year end\n2026-13-01,Nonsense\n');
    const refused = run(['holidays', 'import', '--db', db, csv, ...WHO]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/line 3/);
    expect(ok(['holidays', 'list', '--db', db, '--from', '2026-12-01', '--to', '2026-12-31'])).not.toMatch(/Year end/);
  });

  it('leave: a sick day, listed by employee; an hourly leave removed again', () => {
    expect(
      ok(['leave', 'add', '--db', db, '--employee', '09121234567', '--date', '2026-11-23', '--kind', 'sick', ...WHO]),
    ).toMatch(/^added sick leave for Sara Ahmadi \(989121234567\): 2026-11-23 \(leave \d+\)\n$/);
    const hourly = ok([
      'leave',
      'add',
      '--db',
      db,
      '--employee',
      '09102211824',
      '--date',
      '2026-11-30',
      '--until',
      '2026-12-01',
      '--kind',
      'paid',
      '--hours',
      '14:00-16:00',
      '--note',
      'dentist',
      ...WHO,
    ]);
    const ids = /\(leave (\d+), (\d+)\)/.exec(hourly)!.slice(1);
    expect(ids).toHaveLength(2);
    const list = ok(['leave', 'list', '--db', db, '--month', '1405-09']);
    expect(list).toMatch(/2026-11-23\s+Sara Ahmadi \(989121234567\)\s+sick\s+whole day/);
    expect(list).toMatch(/2026-11-30\s+Ali Rezaei \(989102211824\)\s+paid\s+14:00-16:00\s+dentist/);
    ok(['leave', 'remove', '--db', db, ids[0]!, ...WHO]);
    ok(['leave', 'remove', '--db', db, ids[1]!, ...WHO]);
    const sara = JSON.parse(
      ok(['leave', 'list', '--db', db, '--month', '1405-09', '--employee', '09121234567', '--json']),
    );
    expect(sara).toEqual([expect.objectContaining({ date: '2026-11-23', kind: 'sick', from: null, to: null })]);
    expect(ok(['leave', 'list', '--db', db, '--month', '1405-09', '--employee', '09102211824'])).toMatch(/No leave/);
  });

  it('timesheet --month 1405-09 writes the CSV of section 6: every employee × every day of Azar, the rules applied', () => {
    const out = join(tmp.dir, 'azar.csv');
    const res = run(['timesheet', '--db', db, '--month', '1405-09', '--out', out]);
    expect(res.status).toBe(0);
    expect(res.stderr).toMatch(/3 employees, 90 days written to .*azar\.csv/);
    const { header, rows, bom } = readCsv(out);
    expect(bom).toBe(true);
    expect(header.slice(0, SECTION_6.length)).toEqual(SECTION_6);
    expect(rows).toHaveLength(3 * 30);
    expect(new Set(rows.map((r) => r.date)).size).toBe(30);
    expect(rows.map((r) => r.date).sort()[0]).toBe('2026-11-22');
    expect(
      rows
        .map((r) => r.date)
        .sort()
        .at(-1),
    ).toBe('2026-12-21');

    const pick = (r: Row): Row => Object.fromEntries(SECTION_6.map((c) => [c, r[c]!]));
    expect(pick(dayRow(rows, ALI, '2026-11-22'))).toEqual({
      phone: ALI,
      name: 'Ali Rezaei',
      date: '2026-11-22',
      day_type: 'workday',
      status: 'present',
      first_in: '08:05',
      last_out: '16:30',
      worked_minutes: '505',
      late_minutes: '0',
      early_leave_minutes: '0',
      overtime_minutes: '30',
      flags: '',
      shortfall_minutes: '0',
    });
    expect(pick(dayRow(rows, ALI, '2026-11-23'))).toMatchObject({
      status: 'present',
      first_in: '08:25',
      last_out: '15:40',
      worked_minutes: '435',
      late_minutes: '25',
      early_leave_minutes: '20',
      overtime_minutes: '0',
      shortfall_minutes: '45',
    });
    expect(pick(dayRow(rows, ALI, '2026-11-24'))).toMatchObject({
      status: 'incomplete',
      first_in: '08:00',
      last_out: '',
      worked_minutes: '0',
      flags: 'missing_exit',
    });
    expect(pick(dayRow(rows, ALI, '2026-11-25'))).toMatchObject({ day_type: 'holiday', status: 'holiday' });
    expect(pick(dayRow(rows, ALI, '2026-11-26'))).toMatchObject({ day_type: 'weekend', status: 'weekend' });
    expect(pick(dayRow(rows, SARA, '2026-11-23'))).toMatchObject({ status: 'leave', late_minutes: '0' });
    // Sara works the Late shift (10:00-18:00) from the 24th: 10:05 is inside its grace.
    expect(pick(dayRow(rows, SARA, '2026-11-24'))).toMatchObject({
      status: 'present',
      first_in: '10:05',
      last_out: '18:00',
      late_minutes: '0',
      early_leave_minutes: '0',
      worked_minutes: '445', // 475 minus the unpaid break 13:00-13:30
    });
    // Nobody recorded anything for Omid and there is no connection history: not a false absence.
    expect(pick(dayRow(rows, OMID, '2026-11-22'))).toMatchObject({ day_type: 'workday', status: 'no_data' });

    // --from/--to (Jalali dates too) give the same rows for the same days.
    const same = join(tmp.dir, 'azar-range.csv');
    ok(['timesheet', '--db', db, '--from', '1405-09-01', '--to', '2026-12-21', '--out', same]);
    expect(readCsv(same).rows.filter((r) => r.date! <= '2026-11-26')).toEqual(
      rows.filter((r) => r.date! <= '2026-11-26'),
    );
  });

  it('timesheet --month 2026-11 writes XLSX with real dates and numbers (read back with exceljs), right to left in Persian', async () => {
    const out = join(tmp.dir, 'november.xlsx');
    ok(['timesheet', '--db', db, '--month', '2026-11', '--out', out]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.length).toBeGreaterThanOrEqual(3);
    const days = book.worksheets[0]!;
    expect(days.rowCount).toBe(1 + 3 * 30);
    const header = (days.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (name: RegExp): number => header.findIndex((h) => name.test(h)) + 1;
    const lateCol = col(/^late/i);
    const dateCol = col(/^date$/i);
    expect(lateCol).toBeGreaterThan(0);
    expect(dateCol).toBeGreaterThan(0);
    let found = false;
    days.eachRow((row, n) => {
      if (n === 1) return;
      const date = row.getCell(dateCol).value;
      expect(date).toBeInstanceOf(Date);
      const text = (row.values as unknown[]).map(String).join('|');
      if (text.includes('Ali Rezaei') && localYmd(date as Date) === '2026-11-23') {
        found = true;
        expect(row.getCell(lateCol).value).toBe(25);
      }
    });
    expect(found).toBe(true);

    const fa = join(tmp.dir, 'azar-fa.xlsx');
    ok(['timesheet', '--db', db, '--month', '1405-09', '--out', fa, '--language', 'fa']);
    const faBook = new ExcelJS.Workbook();
    await faBook.xlsx.readFile(fa);
    expect(faBook.worksheets[0]!.views[0]).toMatchObject({ rightToLeft: true });
    expect((faBook.worksheets[0]!.getRow(1).values as unknown[]).slice(1).join(' ')).toMatch(/[\u0600-\u06FF]/);
  });

  it('timesheet without --out writes the CSV to stdout', () => {
    const text = ok(['timesheet', '--db', db, '--from', '2026-11-22', '--to', '2026-11-22']);
    const rows = parse(text.replace(/^\uFEFF/, ''), { columns: true }) as Row[];
    expect(rows.map((r) => [r.phone, r.status]).sort()).toEqual(
      [
        [ALI, 'present'],
        [SARA, 'present'],
        [OMID, 'no_data'],
      ].sort(),
    );
  });

  it('periods: a closed month refuses leave and holidays until it is reopened with a reason', () => {
    const closed = ok(['periods', 'close', '--db', db, '--month', '1405-09', ...WHO]);
    const id = /^closed period (\d+): 2026-11-22 to 2026-12-21\n$/.exec(closed)?.[1];
    expect(id).toBeDefined();
    const leave = [
      'leave',
      'add',
      '--db',
      db,
      '--employee',
      '09102211824',
      '--date',
      '2026-11-24',
      '--kind',
      'paid',
      ...WHO,
    ];
    const refused = run(leave);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/the period 2026-11-22 to 2026-12-21 is closed/);
    expect(run(['holidays', 'add', '--db', db, '--date', '2026-11-29', '--name', 'x', ...WHO]).status).toBe(1);
    expect(ok(['periods', 'list', '--db', db])).toMatch(
      new RegExp(`${id}\\s+2026-11-22\\s+2026-12-21\\s+closed\\s+Mina Karimi`),
    );

    const noWhy = run(['periods', 'reopen', '--db', db, id!]);
    expect(noWhy.status).toBe(2);
    expect(noWhy.stderr).toMatch(/missing --why/);
    ok(['periods', 'reopen', '--db', db, id!, '--why', 'a late sick note', ...WHO]);
    expect(ok(leave)).toMatch(/added paid leave/);
    const periods = JSON.parse(ok(['periods', 'list', '--db', db, '--json'])) as { reopenWhy: string | null }[];
    expect(periods[0]!.reopenWhy).toBe('a late sick note');
  });

  it('audit lists every change with who made it, and exports the whole log as CSV', () => {
    const page = JSON.parse(ok(['audit', '--db', db, '--json', '--limit', '1000'])) as {
      rows: { who: string; entity: string; action: string }[];
      total: number;
    };
    const byMina = page.rows.filter((e) => e.who === 'Mina Karimi').map((e) => e.entity);
    for (const entity of ['employee', 'punch', 'shift', 'assignment', 'holiday', 'leave', 'period'])
      expect(byMina, entity).toContain(entity);
    expect(ok(['audit', '--db', db, '--entity', 'period'])).toMatch(/Mina Karimi\s+period reopen\s+.*a late sick note/);

    const out = join(tmp.dir, 'audit.csv');
    const res = run(['audit', '--db', db, '--out', out]);
    expect(res.status).toBe(0);
    const { header, rows, bom } = readCsv(out);
    expect(bom).toBe(true);
    expect(header).toEqual(['id', 'at', 'who', 'entity', 'action', 'subject', 'before', 'after', 'why']);
    expect(rows).toHaveLength(page.total);
    expect(rows.some((r) => r.entity === 'leave' && r.action === 'remove' && r.before !== '')).toBe(true);
  });

  it.each([
    [['timesheet', '--db', 'X'], /give the days: --month YYYY-MM/],
    [['timesheet', '--db', 'X', '--month', '1405-13'], /--month must be a month as YYYY-MM/],
    [['timesheet', '--db', 'X', '--month', '2026-11', '--from', '2026-11-01'], /either --month or --from\/--to/],
    [['timesheet', '--db', 'X', '--from', '2026-11-30', '--to', '2026-11-01'], /--to \(2026-11-01\) is before --from/],
    [['timesheet', '--db', 'X', '--month', '2026-11', '--out', 'x.txt'], /--out must end in \.csv or \.xlsx/],
    [['timesheet', '--db', 'X', '--month', '2026-11', '--language', 'de'], /--language must be en or fa/],
    [['punches'], /punches needs import/],
    [['punches', 'import', '--db', 'X'], /needs a CSV file/],
    [['shifts', 'add', '--db', 'X'], /shifts add needs --name/],
    [['shifts', 'add', '--db', 'X', '--name', 'N', '--hours', 'sat-wed 8-16'], /--hours/],
    [['shifts', 'assign', '--db', 'X', '2', '--from', '2026-11-01'], /either --employee PHONE or --department NAME/],
    [['shifts', 'remove', '--db', 'X', 'two'], /the ID must be a whole number/],
    [['holidays', 'add', '--db', 'X', '--date', '1405-13-01', '--name', 'x'], /--date must be a date/],
    [
      ['leave', 'add', '--db', 'X', '--employee', '0910', '--date', '2026-11-23', '--kind', 'holiday'],
      /--kind must be one of/,
    ],
    [
      [
        'leave',
        'add',
        '--db',
        'X',
        '--employee',
        '0910',
        '--date',
        '2026-11-23',
        '--kind',
        'paid',
        '--hours',
        '16:00-14:00',
      ],
      /the end must be after the start/,
    ],
    [['periods', 'close', '--db', 'X'], /give the days/],
    [['audit', '--db', 'X', '--entity', 'people'], /--entity must be one of/],
  ])('%j is a usage error: message, the command help, exit 2, no database created', (args, message) => {
    const path = join(tmp.dir, `usage-${Math.random().toString(36).slice(2)}.db`);
    const res = run((args as string[]).map((a) => (a === 'X' ? path : a)));
    expect(res.stderr).toMatch(message);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/Usage: smpp-attendance/);
    expect(res.stderr).not.toMatch(STACK_TRACE);
    expect(existsSync(path)).toBe(false);
  });

  it.each([
    [['timesheet', '--month', '2026-11']],
    [['shifts', 'list']],
    [['holidays', 'list']],
    [['leave', 'list']],
    [['audit']],
    [['periods', 'list']],
  ])('%j on a path with no database says so and creates none', (args) => {
    const path = join(tmp.dir, 'none.db');
    const res = run([...(args as string[]), '--db', path]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/there is no database at/);
    expect(existsSync(path)).toBe(false);
  });

  it('help lists the new commands and each has its own help', () => {
    const all = ok(['help']);
    for (const command of ['timesheet', 'punches', 'shifts', 'holidays', 'leave', 'audit', 'periods']) {
      expect(all).toMatch(new RegExp(`\\n  ${command}\\s+\\S`));
      expect(ok(['help', command])).toMatch(
        new RegExp(`^Usage: smpp-attendance ${command} \\[options\\]\\n\\n${command}: `),
      );
    }
  });
});

function localYmd(d: Date): string {
  // exceljs reads a date cell as the UTC instant of its wall-clock value.
  return d.toISOString().slice(0, 10);
}
