/**
 * The timesheet's store on real SQLite files: migration 7 from a version-6 file, the append-only
 * audit log written in the transaction of each change, closed periods, punch imports, and the
 * timesheet read against a month worked out by hand.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../../src-main/core/store/migrate.js';
import { migrations } from '../../../src-main/core/store/migrations/index.js';
import type { AttendanceStore } from '../../../src-main/core/store/attendance-store.js';
import { ReasonError } from '../../../src-main/core/reason-error.js';
import type { Punch, ShiftInput } from '../../../src-main/core/model.js';
import { buildEmployeeDays, holidayMap } from '../../../src-main/core/attendance/timesheet.js';
import { attendance, storeFixture, tehran, type StoreFixture } from './store-fixture.js';
import { explain, recordStatements } from '../../bench/query-plans.js';

const SARA = '989102211824';
const REZA = '989121234567';

let f: StoreFixture;
afterEach(() => f?.cleanup());

const meta = (why?: string) => ({ who: 'Manager', now: tehran('2026-11-27T12:00:00'), ...(why ? { why } : {}) });

function reasonOf(fn: () => unknown): { code: string; params?: unknown } {
  try {
    fn();
  } catch (error) {
    if (error instanceof ReasonError) return error.reason as { code: string; params?: unknown };
    throw error;
  }
  throw new Error('expected a refusal');
}

function auditCount(store: AttendanceStore): number {
  return store.listAudit({ offset: 0, limit: 1 }).total;
}

const NIGHT: ShiftInput = {
  name: 'Night',
  days: [null, { start: 22 * 60, end: 6 * 60 }, null, null, null, null, { start: 22 * 60, end: 6 * 60 }],
  lateGraceMinutes: 5,
  earlyGraceMinutes: 5,
  unpaidBreak: null,
  earlyWorkIsOvertime: false,
  overtimeMinimumMinutes: 0,
  overtimeCapMinutes: null,
};

describe('migration 7', () => {
  it('migrates a version-6 file: data kept, default shift seeded, employment dates empty, corrections manual', () => {
    f = storeFixture();
    const db = new Database(f.path);
    migrate(db, migrations.slice(0, 6));
    db.prepare(
      "INSERT INTO employees (phone, name, department, created_at, updated_at) VALUES (?, 'Sara', 'Sales', 1, 1)",
    ).run(SARA);
    db.prepare(
      "INSERT INTO messages (id, received_at, source, destination, data_coding, raw, outcome) VALUES (1, 5, ?, '1', 0, x'00', 'recorded')",
    ).run(SARA);
    db.prepare(
      "INSERT INTO events (id, message_id, phone, employee_id, status, reported_time, occurred_at, received_at, at) VALUES (1, 1, ?, 1, 'arrival', ' 08:00', 5, 5, 5)",
    ).run(SARA);
    db.prepare(
      "INSERT INTO corrections (kind, event_id, phone, employee_id, status, at, who, why, made_at) VALUES ('replace', 1, ?, 1, 'arrival', 7, 'M', 'typo', 9)",
    ).run(SARA);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    db.close();

    const store = f.open();
    const [sara] = store.listEmployees();
    expect(sara).toMatchObject({ phone: SARA, name: 'Sara', employmentStart: null, employmentEnd: null });
    expect(store.listShifts()).toEqual([
      {
        id: 1,
        name: 'Office',
        days: [
          { start: 480, end: 960 }, // Sunday
          { start: 480, end: 960 },
          { start: 480, end: 960 },
          { start: 480, end: 960 }, // Wednesday
          null, // Thursday
          null, // Friday
          { start: 480, end: 960 }, // Saturday
        ],
        lateGraceMinutes: 10,
        earlyGraceMinutes: 10,
        unpaidBreak: null,
        earlyWorkIsOvertime: false,
        overtimeMinimumMinutes: 0,
        overtimeCapMinutes: null,
        isDefault: true,
      },
    ]);
    expect(store.correctionFor(1)).toMatchObject({ kind: 'replace', countedAt: 7, who: 'M' });
    store.close();
    const raw = new Database(f.path, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(migrations.length);
      expect(raw.prepare('SELECT source FROM corrections').pluck().all()).toEqual(['manual']);
      expect(raw.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(0);
    } finally {
      raw.close();
    }
  });
});

describe('employment dates', () => {
  it('are real dates in order, kept when an update leaves them out, cleared with null', () => {
    f = storeFixture();
    const store = f.open();
    const sara = store.addEmployee({ phone: SARA, name: 'Sara', department: '', employmentStart: '2026-01-10' });
    expect(sara).toMatchObject({ employmentStart: '2026-01-10', employmentEnd: null });
    expect(() =>
      store.addEmployee({ phone: REZA, name: 'Reza', department: '', employmentStart: '2026-02-30' }),
    ).toThrow(/employment start '2026-02-30' is not a date/);
    expect(() =>
      store.updateEmployee(sara.id, { phone: SARA, name: 'Sara', department: '', employmentEnd: '2026-01-09' }),
    ).toThrow(/employment end 2026-01-09 is before employment start 2026-01-10/);
    expect(store.updateEmployee(sara.id, { phone: SARA, name: 'Sara A', department: '' })).toMatchObject({
      employmentStart: '2026-01-10',
    });
    expect(
      store.updateEmployee(sara.id, {
        phone: SARA,
        name: 'Sara A',
        department: '',
        employmentStart: null,
        employmentEnd: '2026-12-31',
      }),
    ).toMatchObject({ employmentStart: null, employmentEnd: '2026-12-31' });
    // A person who left stays in the timesheet of the months they worked, inactive or not.
    store.setEmployeeActive(sara.id, false);
    const now = tehran('2027-01-15T12:00:00');
    expect(store.timesheet({ from: '2026-12-22', to: '2027-01-20', now }).rows.map((r) => r.days.length)).toEqual([10]);
    expect(store.timesheet({ from: '2027-01-01', to: '2027-01-20', now }).total).toBe(0);
  });
});

describe('the audit log', () => {
  it('refuses UPDATE and DELETE of its rows, even by hand in SQL', () => {
    f = storeFixture();
    const store = f.open();
    store.appendAudit(
      { entity: 'settings', action: 'update', subject: 'settings', before: { a: 1 }, after: { a: 2 } },
      { who: 'M' },
    );
    store.close();
    const db = new Database(f.path);
    try {
      expect(() => db.prepare("UPDATE audit_log SET who = 'someone else'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      expect(db.prepare('SELECT who FROM audit_log').pluck().all()).toEqual(['M']);
    } finally {
      db.close();
    }
  });

  it('writes exactly one entry per change, with who, when, before and after; a refused change writes none', () => {
    f = storeFixture();
    const store = f.open();
    const m = meta();
    let n = auditCount(store);
    const step = (fn: () => unknown, entity: string, action: string): void => {
      fn();
      n += 1;
      expect(auditCount(store)).toBe(n);
      expect(store.listAudit({ offset: 0, limit: 1 }).rows[0]).toMatchObject({ entity, action, who: m.who, at: m.now });
    };
    const refused = (fn: () => unknown): void => {
      expect(fn).toThrow();
      expect(auditCount(store)).toBe(n);
    };

    let saraId = 0;
    step(
      () => (saraId = store.addEmployee({ phone: SARA, name: 'Sara', department: 'Sales' }, m).id),
      'employee',
      'add',
    );
    step(
      () =>
        store.updateEmployee(
          saraId,
          { phone: SARA, name: 'Sara A', department: 'Sales', employmentStart: '2026-01-01' },
          m,
        ),
      'employee',
      'update',
    );
    expect(store.listAudit({ offset: 0, limit: 1 }).rows[0]).toMatchObject({
      subject: SARA,
      before: { name: 'Sara', employmentStart: null },
      after: { name: 'Sara A', employmentStart: '2026-01-01' },
    });
    step(() => store.setEmployeeActive(saraId, false, m), 'employee', 'deactivate');
    step(() => store.setEmployeeActive(saraId, true, m), 'employee', 'activate');
    step(() => store.addShift(NIGHT, m), 'shift', 'add');
    const night = store.listShifts().find((s) => s.name === 'Night')!;
    step(() => store.updateShift(night.id, { ...NIGHT, lateGraceMinutes: 7 }, m), 'shift', 'update');
    step(
      () =>
        store.assignShift(
          { shiftId: night.id, target: { kind: 'department', department: 'Sales' }, from: '2026-12-01' },
          m,
        ),
      'assignment',
      'add',
    );
    refused(() => store.removeShift(night.id, m)); // still assigned
    refused(() => store.removeShift(1, m)); // the default
    step(() => store.removeAssignment(store.listAssignments()[0]!.id, m), 'assignment', 'remove');
    step(() => store.setDefaultShift(night.id, m), 'shift', 'default');
    step(() => store.setDefaultShift(1, m), 'shift', 'default');
    step(() => store.removeShift(night.id, m), 'shift', 'remove');
    refused(() => store.addShift({ ...NIGHT, days: [null, null, null, null, null, null, null] }, m));
    step(() => store.addHoliday({ date: '2026-11-30', name: 'Closure' }, m), 'holiday', 'add');
    step(() => store.removeHoliday('2026-11-30', m), 'holiday', 'remove');
    refused(() => store.removeHoliday('2026-11-30', m));
    let leaveId = 0;
    step(
      () =>
        (leaveId = store.addLeave(
          { employeeId: saraId, date: '2026-11-24', kind: 'sick', from: null, to: null, note: '' },
          m,
        ).id),
      'leave',
      'add',
    );
    step(() => store.removeLeave(leaveId, m), 'leave', 'remove');
    refused(() =>
      store.addLeave({ employeeId: saraId, date: '2026-11-24', kind: 'paid', from: 600, to: 540, note: '' }, m),
    );
    step(
      () => store.importPunches([{ line: 2, phone: SARA, status: 'arrival', at: tehran('2026-11-21T08:00:00') }], m),
      'punch',
      'import',
    );
    const event = { id: store.recordMessage(attendance(tehran('2026-11-22T08:03:00'), 'arrival')).eventId! };
    step(
      () =>
        store.correctPunch(
          { kind: 'replace', eventId: event!.id, at: tehran('2026-11-22T08:01:00') },
          { ...m, why: 'clock' },
        ),
      'punch',
      'replace',
    );
    expect(store.listAudit({ offset: 0, limit: 1 }).rows[0]).toMatchObject({
      subject: SARA,
      why: 'clock',
      before: { status: 'arrival', at: tehran('2026-11-22T08:03:00') },
      after: { status: 'arrival', at: tehran('2026-11-22T08:01:00') },
    });
    refused(() => store.correctPunch({ kind: 'void', eventId: event!.id }, m)); // no reason
    step(() => store.closePeriod({ from: '2026-11-01', to: '2026-11-30' }, m), 'period', 'close');
    step(() => store.reopenPeriod(store.listPeriods()[0]!.id, { ...m, why: 'late leave' }), 'period', 'reopen');

    // The whole log, oldest first, for an export; a search and an entity filter.
    const all = [...store.iterateAudit()];
    expect(all).toHaveLength(n);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => a - b));
    expect(store.listAudit({ offset: 0, limit: 100, entity: 'leave' }).rows.map((e) => e.action)).toEqual([
      'remove',
      'add',
    ]);
    expect(store.listAudit({ offset: 0, limit: 100, search: 'late leave' }).total).toBe(1);
  });

  it('names the row each change is about, with no before for an addition and no after for a removal', () => {
    f = storeFixture();
    const store = f.open();
    const m = { ...meta(), who: 'Subjects' };
    const sara = store.addEmployee({ phone: SARA, name: 'Sara', department: 'Sales' }, m);
    store.updateEmployee(sara.id, { phone: SARA, name: 'Sara A', department: 'Sales' }, m);
    store.setEmployeeActive(sara.id, false, m);
    store.setEmployeeActive(sara.id, true, m);
    const night = store.addShift(NIGHT, m);
    store.updateShift(night.id, { ...NIGHT, lateGraceMinutes: 7 }, m);
    const from = '2026-12-01';
    const sales = store.assignShift(
      { shiftId: night.id, target: { kind: 'department', department: 'Sales' }, from },
      m,
    );
    store.removeAssignment(sales.id, m);
    const own = store.assignShift({ shiftId: night.id, target: { kind: 'employee', employeeId: sara.id }, from }, m);
    store.removeAssignment(own.id, m);
    store.removeShift(night.id, m);
    store.addHoliday({ date: '2026-11-30', name: 'Closure' }, m);
    store.removeHoliday('2026-11-30', m);
    const leave = { employeeId: sara.id, date: '2026-11-24', kind: 'sick', from: null, to: null, note: '' } as const;
    store.removeLeave(store.addLeave(leave, m).id, m);
    const period = store.closePeriod({ from: '2026-11-01', to: '2026-11-30' }, m);
    store.reopenPeriod(period.id, { ...m, why: 'late leave' });

    const log = [...store.iterateAudit()]
      .filter((e) => e.who === m.who)
      .map((e) => [e.entity, e.action, e.subject, e.before === null ? '' : 'before', e.after === null ? '' : 'after']);
    expect(log).toEqual([
      ['employee', 'add', SARA, '', 'after'],
      ['employee', 'update', SARA, 'before', 'after'],
      ['employee', 'deactivate', SARA, 'before', 'after'],
      ['employee', 'activate', SARA, 'before', 'after'],
      ['shift', 'add', 'Night', '', 'after'],
      ['shift', 'update', 'Night', 'before', 'after'],
      ['assignment', 'add', 'Sales', '', 'after'],
      ['assignment', 'remove', 'Sales', 'before', ''],
      ['assignment', 'add', SARA, '', 'after'],
      ['assignment', 'remove', SARA, 'before', ''],
      ['shift', 'remove', 'Night', 'before', ''],
      ['holiday', 'add', '2026-11-30', '', 'after'],
      ['holiday', 'remove', '2026-11-30', 'before', ''],
      ['leave', 'add', `${SARA} 2026-11-24`, '', 'after'],
      ['leave', 'remove', `${SARA} 2026-11-24`, 'before', ''],
      ['period', 'close', '2026-11-01..2026-11-30', '', 'after'],
      ['period', 'reopen', '2026-11-01..2026-11-30', 'before', 'after'],
    ]);
  });

  it('never writes a key into the log', () => {
    f = storeFixture();
    const store = f.open();
    const sara = store.addEmployee({ phone: SARA, name: 'Sara', department: '' });
    expect(() => store.setEmployeeKey(sara.id, 'ZZZZc3d4e5f6g789abcdef012345XXXX')).toThrow(); // no data key: refused
    expect(store.listAudit({ offset: 0, limit: 10, entity: 'key' }).total).toBe(0);
  });
});

describe('closed periods', () => {
  it('refuse corrections, review decisions, leave, holidays, imports and assignments inside them until reopened with a reason', () => {
    f = storeFixture();
    const store = f.open();
    const sara = store.addEmployee({ phone: SARA, name: 'Sara', department: 'Sales' });
    const event = { id: store.recordMessage(attendance(tehran('2026-11-22T08:03:00'), 'arrival')).eventId! };
    const late = {
      id: store.recordMessage(
        attendance(tehran('2026-11-23T11:00:00'), 'arrival', { occurredAt: tehran('2026-11-23T08:00:00') }),
      ).eventId!,
    };
    expect(store.reviewList({ state: 'pending', offset: 0, limit: 10 }).rows.map((r) => [r.id, r.flags])).toEqual([
      [late.id, ['late_report']],
    ]);
    store.addLeave({ employeeId: sara.id, date: '2026-11-24', kind: 'paid', from: null, to: null, note: '' }, meta());
    const leaveId = store.listLeave({ from: '2026-11-01', to: '2026-11-30' })[0]!.id;
    const azar = store.closePeriod({ from: '2026-11-22', to: '2026-12-21' }, meta());
    const before = auditCount(store);
    const closed = { code: 'period-closed', params: { from: '2026-11-22', to: '2026-12-21' } };

    expect(reasonOf(() => store.correctPunch({ kind: 'void', eventId: event!.id }, meta('duplicate')))).toEqual(closed);
    expect(
      reasonOf(() =>
        store.addCorrection(
          { kind: 'add', phone: SARA, employeeId: null, status: 'exit', at: tehran('2026-11-22T16:00:00') },
          { who: 'M', why: 'forgot' },
        ),
      ),
    ).toEqual(closed);
    // A punch moved from an open day into the closed period is refused too.
    const open = {
      id: store.recordMessage(attendance(tehran('2026-11-21T08:00:00'), 'arrival', { envelope: 'open-day' })).eventId!,
    };
    expect(
      reasonOf(() =>
        store.correctPunch({ kind: 'replace', eventId: open.id, at: tehran('2026-11-22T08:00:00') }, meta('moved')),
      ),
    ).toEqual(closed);
    expect(reasonOf(() => store.decideReview(late.id, 'accept_reported', { who: 'M', why: 'ok' }))).toEqual(closed);
    expect(
      reasonOf(() =>
        store.addLeave(
          { employeeId: sara.id, date: '2026-12-01', kind: 'sick', from: null, to: null, note: '' },
          meta(),
        ),
      ),
    ).toEqual(closed);
    expect(reasonOf(() => store.removeLeave(leaveId, meta()))).toEqual(closed);
    expect(reasonOf(() => store.addHoliday({ date: '2026-12-01', name: 'Closure' }, meta()))).toEqual(closed);
    expect(reasonOf(() => store.importHolidaysCsv('date,name\n2026-11-01,A\n2026-12-02,B\n', meta()))).toEqual(closed);
    expect(
      reasonOf(() =>
        store.importPunches([{ line: 2, phone: SARA, status: 'exit', at: tehran('2026-11-30T16:00:00') }], meta()),
      ),
    ).toEqual(closed);
    expect(
      reasonOf(() =>
        store.assignShift(
          { shiftId: 1, target: { kind: 'employee', employeeId: sara.id }, from: '2026-12-01' },
          meta(),
        ),
      ),
    ).toEqual(closed);
    expect(reasonOf(() => store.closePeriod({ from: '2026-12-01', to: '2026-12-31' }, meta()))).toMatchObject({
      code: 'period-invalid',
    });

    // Nothing of the refused changes was written, not even in part.
    expect(auditCount(store)).toBe(before);
    expect(store.correctionFor(event!.id)).toBeNull();
    expect(store.correctionFor(open.id)).toBeNull();
    expect(store.listHolidays('2026-11-01', '2026-12-31')).toEqual([]);
    expect(store.listLeave({ from: '2026-11-01', to: '2026-12-31' })).toHaveLength(1);
    expect(store.listAssignments()).toEqual([]);

    // Days outside the period stay open.
    expect(() =>
      store.addLeave({ employeeId: sara.id, date: '2026-11-21', kind: 'sick', from: null, to: null, note: '' }, meta()),
    ).not.toThrow();

    // Reopening needs a reason; then the same changes go through.
    expect(reasonOf(() => store.reopenPeriod(azar.id, meta()))).toMatchObject({ code: 'period-invalid' });
    expect(reasonOf(() => store.reopenPeriod(azar.id, meta('   ')))).toMatchObject({ code: 'period-invalid' });
    const reopened = store.reopenPeriod(azar.id, { ...meta('payroll fix'), who: 'Boss' });
    expect(reopened).toMatchObject({ id: azar.id, reopenedBy: 'Boss', reopenWhy: 'payroll fix', closedBy: 'Manager' });
    expect(reasonOf(() => store.reopenPeriod(azar.id, meta('again')))).toMatchObject({ code: 'period-invalid' });
    expect(store.correctPunch({ kind: 'void', eventId: event!.id }, meta('duplicate'))).toMatchObject({ kind: 'void' });
    expect(store.decideReview(late.id, 'accept_reported', { who: 'M', why: 'ok' })).toMatchObject({
      decision: 'accept_reported',
    });
    store.removeLeave(leaveId, meta());
    expect(store.listAudit({ offset: 0, limit: 1, entity: 'period' }).rows[0]).toMatchObject({
      action: 'reopen',
      who: 'Boss',
      why: 'payroll fix',
      before: { reopenedAt: null },
    });
    expect(store.listPeriods()).toEqual([reopened]);
  });
});

describe('holidays', () => {
  it("has Iran's fixed holidays for any year, lets one be removed for a year, and imports CSV all or nothing", () => {
    f = storeFixture();
    const store = f.open();
    const nowruz = store.listHolidays('2027-03-20', '2027-03-25');
    expect(nowruz.map((h) => [h.date, h.builtIn])).toEqual([
      ['2027-03-20', true], // 29 Esfand 1405
      ['2027-03-21', true],
      ['2027-03-22', true],
      ['2027-03-23', true],
      ['2027-03-24', true],
    ]);
    store.removeHoliday('2027-03-24', meta());
    expect(store.listHolidays('2027-03-20', '2027-03-25').map((h) => h.date)).toEqual([
      '2027-03-20',
      '2027-03-21',
      '2027-03-22',
      '2027-03-23',
    ]);
    // The next year keeps its own.
    expect(store.listHolidays('2028-03-23', '2028-03-23')).toHaveLength(1);

    expect(reasonOf(() => store.importHolidaysCsv('date,name\n1405/09/10,Tasua\n2026-02-30,Bad\n', meta()))).toEqual({
      code: 'holiday-invalid',
      params: { detail: "line 3: '2026-02-30' is not a date (YYYY-MM-DD or Jalali 1405/09/01)" },
    });
    // Malformed CSV is refused the same way, with csv-parse's words.
    expect(reasonOf(() => store.importHolidaysCsv('date,name\n"2026-12-01,Open quote\n', meta()))).toEqual({
      code: 'holiday-invalid',
      params: { detail: expect.stringMatching(/quote/i) },
    });
    expect(store.listHolidays('2026-11-01', '2026-12-31')).toEqual([]);
    expect(store.importHolidaysCsv('\uFEFFdate,name\n1405/09/10,Tasua\n2026-12-02,"Ashura, day"\n', meta())).toEqual({
      imported: 2,
    });
    expect(store.listHolidays('2026-11-01', '2026-12-31')).toEqual([
      { date: '2026-12-01', name: 'Tasua', builtIn: false },
      { date: '2026-12-02', name: 'Ashura, day', builtIn: false },
    ]);
  });
});

describe('punch import', () => {
  it('is all or nothing, names the bad line, and skips exact repeats of punches already counted', () => {
    f = storeFixture();
    const store = f.open();
    store.addEmployee({ phone: SARA, name: 'Sara', department: '' });
    const sms = { id: store.recordMessage(attendance(tehran('2026-11-22T08:03:00'), 'arrival')).eventId! };
    const rows = [
      { line: 2, phone: '09102211824', status: 'arrival' as const, at: tehran('2026-11-22T08:03:00') }, // = the SMS
      { line: 3, phone: '+98 910 221 1824', status: 'exit' as const, at: tehran('2026-11-22T16:10:00') },
      { line: 4, phone: SARA, status: 'exit' as const, at: tehran('2026-11-22T16:10:00') }, // = line 3
      { line: 5, phone: SARA, status: 'arrival' as const, at: tehran('2026-11-23T08:00:00') },
    ];
    const stranger = { line: 6, phone: '09990000000', status: 'exit' as const, at: tehran('2026-11-23T16:00:00') };
    expect(reasonOf(() => store.importPunches([...rows, stranger], meta()))).toEqual({
      code: 'punch-import-invalid',
      params: { line: 6, detail: '989990000000 is not in the employee directory' },
    });
    expect(store.employeeMonth(1, '2026-11-22', '2026-11-23', meta().now).punches).toHaveLength(1);

    expect(store.importPunches(rows, meta())).toEqual({ added: 2, skipped: 2 });
    // The same file again: every row a repeat.
    expect(store.importPunches(rows, meta())).toEqual({ added: 0, skipped: 4 });
    const month = store.employeeMonth(1, '2026-11-22', '2026-11-23', meta().now);
    expect(month.punches.map((p) => [p.source, p.status, p.at, p.event?.id ?? null])).toEqual([
      ['sms', 'arrival', tehran('2026-11-22T08:03:00'), sms.id],
      ['import', 'exit', tehran('2026-11-22T16:10:00'), null],
      ['import', 'arrival', tehran('2026-11-23T08:00:00'), null],
    ]);
    expect(month.days.map((d) => [d.date, d.status, d.workedMinutes, d.corrected])).toEqual([
      ['2026-11-22', 'present', 487, true],
      ['2026-11-23', 'incomplete', 0, true],
    ]);
    // A voided SMS punch no longer counts: importing it again adds it.
    store.correctPunch({ kind: 'void', eventId: sms.id }, meta('sent twice'));
    expect(store.importPunches(rows.slice(0, 1), meta())).toEqual({ added: 1, skipped: 0 });
    expect(store.listAudit({ offset: 0, limit: 10, entity: 'punch' }).rows.map((e) => [e.action, e.after])).toEqual([
      ['import', { added: 1, skipped: 0 }],
      ['void', null],
      ['import', { added: 0, skipped: 4 }],
      ['import', { added: 2, skipped: 2 }],
    ]);
  });
});

describe('the timesheet read', () => {
  /**
   * Sara's week, Saturday 2026-11-21 to Friday 2026-11-27 (Office: 08:00–16:00 Saturday to
   * Wednesday, graces 10/10), worked out by hand:
   * - Sat: in 08:05 (within grace), out 16:30 → present, worked 505, overtime 30; a stray arrival
   *   at 12:00 voided.
   * - Sun: in 08:25, out 15:40 → late 25, early leave 20, worked 435, shortfall 45.
   * - Mon: in 08:00, no exit by SMS; the manager adds the exit at 17:00 → worked 540, overtime 60.
   * - Tue: whole-day paid leave.
   * - Wed: no punch, the app bound 07:00–17:00 → absent, shortfall 480.
   * - Thu: weekend work 10:00–12:00 → weekend, overtime 120. Fri: weekend.
   * Reza is employed from Thursday: two rows, both weekend days.
   */
  function sarasWeek(store: AttendanceStore): { saraId: number; voided: number } {
    const saraId = store.addEmployee({ phone: SARA, name: 'Sara', department: 'Sales' }).id;
    store.addEmployee({ phone: REZA, name: 'Reza', department: 'IT', employmentStart: '2026-11-26' });
    const sms = (local: string, status: 'arrival' | 'exit', source = SARA) => ({
      id: store.recordMessage(attendance(tehran(local), status, { source, envelope: `${source}-${local}` })).eventId!,
    });
    sms('2026-11-21T08:05:00', 'arrival');
    const stray = sms('2026-11-21T12:00:00', 'arrival');
    sms('2026-11-21T16:30:00', 'exit');
    sms('2026-11-22T08:25:00', 'arrival');
    sms('2026-11-22T15:40:00', 'exit');
    sms('2026-11-23T08:00:00', 'arrival');
    sms('2026-11-26T10:00:00', 'arrival');
    sms('2026-11-26T12:00:00', 'exit');
    store.correctPunch({ kind: 'void', eventId: stray.id }, meta('pressed twice'));
    store.correctPunch(
      { kind: 'add', phone: SARA, employeeId: null, status: 'exit', at: tehran('2026-11-23T17:00:00') },
      meta('forgot'),
    );
    store.addLeave({ employeeId: saraId, date: '2026-11-24', kind: 'paid', from: null, to: null, note: '' }, meta());
    store.connectionHistoryStart(tehran('2026-11-25T07:00:00'));
    store.connectionHistoryChange('bound', tehran('2026-11-25T07:00:00'));
    store.connectionHistoryChange('not_bound', tehran('2026-11-25T17:00:00'));
    store.connectionHistoryStop(tehran('2026-11-25T17:00:00'));
    return { saraId, voided: stray.id };
  }

  it('gives the days worked out by hand, and what the rules give for the same inputs', () => {
    f = storeFixture();
    const store = f.open();
    const { saraId } = sarasWeek(store);
    const now = tehran('2026-11-27T12:00:00');
    const sheet = store.timesheet({ from: '2026-11-21', to: '2026-11-27', now });
    expect(sheet.total).toBe(2);
    expect(sheet.rows.map((r) => r.employee.name)).toEqual(['Reza', 'Sara']);
    const [reza, sara] = sheet.rows as [(typeof sheet.rows)[0], (typeof sheet.rows)[0]];
    expect(reza.days.map((d) => [d.date, d.status])).toEqual([
      ['2026-11-26', 'weekend'],
      ['2026-11-27', 'weekend'],
    ]);
    const pick = (
      k:
        | 'status'
        | 'lateMinutes'
        | 'earlyLeaveMinutes'
        | 'workedMinutes'
        | 'overtimeMinutes'
        | 'shortfallMinutes'
        | 'corrected',
    ) => sara.days.map((d) => d[k]);
    expect(sara.days.map((d) => d.date)).toEqual([
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
    expect(pick('status')).toEqual(['present', 'present', 'present', 'leave', 'absent', 'weekend', 'weekend']);
    expect(pick('lateMinutes')).toEqual([0, 25, 0, 0, 0, 0, 0]);
    expect(pick('earlyLeaveMinutes')).toEqual([0, 20, 0, 0, 0, 0, 0]);
    expect(pick('workedMinutes')).toEqual([505, 435, 540, 0, 0, 120, 0]);
    expect(pick('overtimeMinutes')).toEqual([30, 0, 60, 0, 0, 120, 0]);
    expect(pick('shortfallMinutes')).toEqual([0, 45, 0, 0, 480, 0, 0]);
    expect(pick('corrected')).toEqual([true, false, true, false, false, false, false]);
    expect(sara.summary).toMatchObject({
      employeeId: saraId,
      phone: SARA,
      daysPresent: 3,
      daysAbsent: 1,
      daysLeave: 1,
      lateCount: 1,
      lateMinutes: 25,
      workedMinutes: 1600,
      overtimeWorkdayMinutes: 90,
      overtimeOffDayMinutes: 120,
    });

    // The same inputs, built by hand, through the pure rules: the store adds nothing of its own.
    const at = (local: string) => tehran(local);
    const punch = (local: string, status: 'arrival' | 'exit', extra: Partial<Punch> = {}): Punch => ({
      eventId: null,
      correctionId: null,
      employeeId: saraId,
      status,
      at: at(local),
      reportedAt: at(local),
      source: 'sms',
      flags: [],
      needsReview: false,
      corrected: false,
      ...extra,
    });
    const events = store.listEvents({ offset: 0, limit: 100 }).rows;
    const idOf = (local: string) => events.find((e) => e.countedAt === at(local) && e.correction === null)!.id;
    const added = store
      .employeeMonth(saraId, '2026-11-23', '2026-11-23', now)
      .punches.find((p) => p.source === 'manual')!;
    const punches = [
      punch('2026-11-21T08:05:00', 'arrival', { eventId: idOf('2026-11-21T08:05:00') }),
      punch('2026-11-21T16:30:00', 'exit', { eventId: idOf('2026-11-21T16:30:00') }),
      punch('2026-11-22T08:25:00', 'arrival', { eventId: idOf('2026-11-22T08:25:00') }),
      punch('2026-11-22T15:40:00', 'exit', { eventId: idOf('2026-11-22T15:40:00') }),
      punch('2026-11-23T08:00:00', 'arrival', { eventId: idOf('2026-11-23T08:00:00') }),
      punch('2026-11-23T17:00:00', 'exit', {
        correctionId: added.correction!.id,
        reportedAt: null,
        source: 'manual',
        corrected: true,
      }),
      punch('2026-11-26T10:00:00', 'arrival', { eventId: idOf('2026-11-26T10:00:00') }),
      punch('2026-11-26T12:00:00', 'exit', { eventId: idOf('2026-11-26T12:00:00') }),
    ];
    const shifts = store.listShifts();
    const byRules = buildEmployeeDays({
      employee: { id: saraId, department: 'Sales', employmentStart: null, employmentEnd: null },
      from: '2026-11-21',
      to: '2026-11-27',
      shifts,
      assignments: [],
      defaultShift: shifts[0]!,
      holidays: holidayMap(store.listHolidays('2026-11-20', '2026-11-28')),
      leave: store.listLeave({ from: '2026-11-21', to: '2026-11-27', employeeId: saraId }),
      punches,
      connection: [
        { state: 'not_bound', from: at('2026-11-25T07:00:00'), to: at('2026-11-25T07:00:00') },
        { state: 'bound', from: at('2026-11-25T07:00:00'), to: at('2026-11-25T17:00:00') },
        { state: 'not_bound', from: at('2026-11-25T17:00:00'), to: at('2026-11-25T17:00:00') },
      ],
      now,
    });
    // The stray arrival's day differs only in being marked corrected (a voided punch leaves no punch behind).
    expect(sara.days.slice(1)).toEqual(byRules.slice(1));
    expect(sara.days[0]).toEqual({ ...byRules[0], corrected: true });
    expect(byRules[0]!.corrected).toBe(false);

    // Pages, search, department, ids.
    expect(store.timesheet({ from: '2026-11-21', to: '2026-11-27', now, offset: 1, limit: 1 })).toMatchObject({
      total: 2,
      rows: [{ employee: { name: 'Sara' } }],
    });
    expect(
      store.timesheet({ from: '2026-11-21', to: '2026-11-27', now, department: 'IT' }).rows.map((r) => r.employee.name),
    ).toEqual(['Reza']);
    expect(
      store.timesheet({ from: '2026-11-21', to: '2026-11-27', now, search: 'sar' }).rows.map((r) => r.employee.name),
    ).toEqual(['Sara']);
    expect(store.timesheet({ from: '2026-11-21', to: '2026-11-25', now, employeeIds: [saraId] }).total).toBe(1);
    // Reza is not employed before Thursday.
    expect(store.timesheet({ from: '2026-11-21', to: '2026-11-25', now }).rows.map((r) => r.employee.name)).toEqual([
      'Sara',
    ]);
    // The export's iteration gives the same rows.
    expect([...store.iterateTimesheet({ from: '2026-11-21', to: '2026-11-27', now })]).toEqual(sheet.rows);
  });

  it("shows one employee's month with the originals beside their corrections", () => {
    f = storeFixture();
    const store = f.open();
    const { saraId, voided } = sarasWeek(store);
    const month = store.employeeMonth(saraId, '2026-11-21', '2026-11-27', tehran('2026-11-27T12:00:00'));
    expect(month.days).toHaveLength(7);
    expect(month.summary.daysPresent).toBe(3);
    const stray = month.punches.find((p) => p.event?.id === voided)!;
    expect(stray).toMatchObject({
      source: 'sms',
      at: null,
      correction: { kind: 'void', why: 'pressed twice', who: 'Manager' },
    });
    expect(stray.event).toMatchObject({ status: 'arrival', receivedAt: tehran('2026-11-21T12:00:00') });
    expect(month.punches.map((p) => p.source)).toEqual([
      'sms',
      'sms',
      'sms',
      'sms',
      'sms',
      'sms',
      'manual',
      'sms',
      'sms',
    ]);
  });

  it('counts the dashboard: today and each day of the month so far', () => {
    f = storeFixture();
    const store = f.open();
    sarasWeek(store);
    // Wednesday 09:00: Sara has not come (and the app is not bound now): not yet in.
    const wednesday = store.dashboard(tehran('2026-11-25T09:00:00'), { from: '2026-11-21', to: '2026-11-27' });
    expect(wednesday.today).toEqual({
      date: '2026-11-25',
      expected: 1,
      present: 0,
      late: 0,
      absent: 0,
      notYetIn: 1,
      onLeave: 0,
    });
    expect(wednesday.days).toEqual([
      { date: '2026-11-21', present: 1, late: 0, absent: 0 },
      { date: '2026-11-22', present: 1, late: 1, absent: 0 },
      { date: '2026-11-23', present: 1, late: 0, absent: 0 },
      { date: '2026-11-24', present: 0, late: 0, absent: 0 },
      { date: '2026-11-25', present: 0, late: 0, absent: 0 },
    ]);
    const friday = store.dashboard(tehran('2026-11-27T12:00:00'), { from: '2026-11-21', to: '2026-11-27' });
    expect(friday.days.find((d) => d.date === '2026-11-25')).toEqual({
      date: '2026-11-25',
      present: 0,
      late: 0,
      absent: 1,
    });
    expect(friday.today).toEqual({
      date: '2026-11-27',
      expected: 0,
      present: 0,
      late: 0,
      absent: 0,
      notYetIn: 0,
      onLeave: 0,
    });
    const tuesday = store.dashboard(tehran('2026-11-24T09:00:00'), { from: '2026-12-01', to: '2026-12-31' });
    expect(tuesday).toEqual({
      today: { date: '2026-11-24', expected: 0, present: 0, late: 0, absent: 0, notYetIn: 0, onLeave: 1 },
      days: [],
    });
  });
});

describe('the timesheet read, planned', () => {
  it('reads punches from indexes only: no statement scans events or corrections', () => {
    f = storeFixture();
    const store = f.open();
    const sara = store.addEmployee({ phone: SARA, name: 'Sara', department: 'Sales' });
    store.recordMessage(attendance(tehran('2026-11-22T08:03:00'), 'arrival'));
    const db = (store as unknown as { db: Database.Database }).db;
    const now = tehran('2026-11-27T12:00:00');
    const planned = explain(
      db,
      recordStatements(db, () => {
        store.timesheet({ from: '2026-11-01', to: '2026-11-30', now, limit: 50 });
        store.employeeMonth(sara.id, '2026-11-01', '2026-11-30', now);
        store.dashboard(now, { from: '2026-11-01', to: '2026-11-30' });
      }),
    );
    const scans = planned.flatMap((p) => p.fullScans.map((s) => `${s} in ${p.sql}`));
    expect(scans.filter((s) => /SCAN (e|ev|c|c2|events|corrections)\b/.test(s))).toEqual([]);
    const punches = planned.find((p) => /FROM events e WHERE e\.employee_id IN/.test(p.sql))!;
    expect(punches.plan.join('\n')).toMatch(/COVERING INDEX events_employee_at \(employee_id=\? AND at>\? AND at<\?\)/);
  });
});
