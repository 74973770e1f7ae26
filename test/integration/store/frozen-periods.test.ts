/**
 * A closed period is reproducible (docs/attendance-rules.md section 4): closing freezes its day
 * results in the close's transaction; edits of shifts and employment dates made afterwards leave
 * the closed days as they were (timesheet, its CSV export, one employee's month, the dashboard)
 * while the open days follow them; reopening drops the freeze and the edits show.
 */
import { readFileSync, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../../src-main/core/store/migrate.js';
import { migrations } from '../../../src-main/core/store/migrations/index.js';
import type { AttendanceStore } from '../../../src-main/core/store/attendance-store.js';
import { writeTimesheetCsv } from '../../../src-main/core/export/timesheet-csv.js';
import { attendance, storeFixture, tehran, type StoreFixture } from './store-fixture.js';

const SARA = '989102211824';
const REZA = '989121234567';
const NOW = tehran('2026-12-03T20:00:00');

let f: StoreFixture;
afterEach(() => f?.cleanup());

const meta = (why?: string) => ({ who: 'Manager', now: NOW, ...(why ? { why } : {}) });

/** Sara and Reza, punches from Saturday 2026-11-28 to Wednesday 2026-12-02 at 08:05 … 16:00. */
function twoWeeks(store: AttendanceStore): { saraId: number; rezaId: number } {
  const saraId = store.addEmployee({ phone: SARA, name: 'Sara', department: 'Sales' }).id;
  const rezaId = store.addEmployee({ phone: REZA, name: 'Reza', department: 'IT' }).id;
  for (const phone of [SARA, REZA])
    for (const date of ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']) {
      for (const [time, status] of [
        ['08:05:00', 'arrival'],
        ['16:00:00', 'exit'],
      ] as const)
        store.recordMessage(
          attendance(tehran(`${date}T${time}`), status, { source: phone, envelope: `${phone}-${date}-${status}` }),
        );
    }
  return { saraId, rezaId };
}

/** The results of a timesheet page (the employee's record itself is today's, edits included). */
function results(page: ReturnType<AttendanceStore['timesheet']>): unknown {
  return { total: page.total, rows: page.rows.map((r) => ({ id: r.employee.id, days: r.days, summary: r.summary })) };
}

async function csvOf(store: AttendanceStore, from: string, to: string, path: string): Promise<Buffer> {
  const out = createWriteStream(path);
  await writeTimesheetCsv(store.iterateTimesheet({ from, to, now: NOW }), out);
  out.end();
  await once(out, 'close');
  return readFileSync(path);
}

/** The default shift starting at 07:00 with no grace: every 08:05 arrival becomes late. */
function editDefaultShift(store: AttendanceStore): void {
  const office = store.listShifts().find((s) => s.isDefault)!;
  const { id: _id, isDefault: _d, ...input } = office;
  store.updateShift(
    office.id,
    { ...input, lateGraceMinutes: 0, days: input.days.map((d) => (d ? { ...d, start: 7 * 60 } : null)) },
    meta(),
  );
}

describe('closing a period', () => {
  it('freezes its results: a later shift or employment edit leaves the closed days byte-identical; reopening shows it', async () => {
    f = storeFixture();
    const store = f.open();
    const { saraId, rezaId } = twoWeeks(store);
    const november = { from: '2026-11-01', to: '2026-11-30' };
    const straddling = { from: '2026-11-28', to: '2026-12-02' };

    const before = store.timesheet({ ...november, now: NOW });
    const csvBefore = await csvOf(store, november.from, november.to, join(f.dir, 'before.csv'));
    const monthBefore = store.employeeMonth(saraId, november.from, november.to, NOW);
    const straddlingBefore = store.timesheet({ ...straddling, now: NOW }).rows;
    expect(straddlingBefore[1]!.days.map((d) => d.lateMinutes)).toEqual([0, 0, 0, 0, 0]);

    const period = store.closePeriod(november, meta());
    // Closing changes nothing by itself.
    expect(store.timesheet({ ...november, now: NOW })).toEqual(before);

    editDefaultShift(store);
    // Reza's employment now starts on 30 November: his closed days stay, the open ones follow.
    const reza = store.listEmployees().find((e) => e.id === rezaId)!;
    store.updateEmployee(rezaId, {
      phone: reza.phone,
      name: reza.name,
      department: reza.department,
      employmentStart: '2026-12-02',
    });

    expect(results(store.timesheet({ ...november, now: NOW }))).toEqual(results(before));
    expect((await csvOf(store, november.from, november.to, join(f.dir, 'after.csv'))).equals(csvBefore)).toBe(true);
    expect(store.employeeMonth(saraId, november.from, november.to, NOW).days).toEqual(monthBefore.days);
    // A range across the closed period's end: frozen November days, computed December days.
    const straddlingAfter = store.timesheet({ ...straddling, now: NOW }).rows;
    const sara = straddlingAfter.find((r) => r.employee.id === saraId)!;
    expect(sara.days.map((d) => [d.date, d.lateMinutes])).toEqual([
      ['2026-11-28', 0],
      ['2026-11-29', 0],
      ['2026-11-30', 0],
      ['2026-12-01', 65],
      ['2026-12-02', 65],
    ]);
    const rezaRow = straddlingAfter.find((r) => r.employee.id === rezaId)!;
    expect(rezaRow.days.map((d) => d.date)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-02']);
    expect(sara.summary.lateCount).toBe(2);
    const dashboard = store.dashboard(NOW, straddling);
    expect(dashboard.days.map((d) => d.late)).toEqual([0, 0, 0, 1, 2]);

    // Reopened: the edits show in November too.
    store.reopenPeriod(period.id, meta('a wrong shift was used'));
    const reopened = store.timesheet({ ...november, now: NOW });
    expect(reopened).not.toEqual(before);
    const saraReopened = reopened.rows.find((r) => r.employee.id === saraId)!;
    expect(saraReopened.days.filter((d) => d.lateMinutes === 65).map((d) => d.date)).toEqual([
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    expect(reopened.rows.find((r) => r.employee.id === rezaId)).toBeUndefined();
    expect((await csvOf(store, november.from, november.to, join(f.dir, 'reopened.csv'))).equals(csvBefore)).toBe(false);
    // The log tells the story: close, shift edit, reopen.
    expect(store.listAudit({ offset: 0, limit: 10, entity: 'period' }).rows.map((e) => e.action)).toEqual([
      'reopen',
      'close',
    ]);
  });

  it('writes the freeze in the close transaction: one row per employee, none left after reopening', () => {
    f = storeFixture();
    const store = f.open();
    twoWeeks(store);
    const period = store.closePeriod({ from: '2026-11-01', to: '2026-11-30' }, meta());
    const db = new Database(f.path, { readonly: true });
    try {
      const rows = db.prepare('SELECT employee_id, days FROM frozen_days WHERE period_id = ?').all(period.id) as {
        days: string;
      }[];
      expect(rows).toHaveLength(2);
      expect((JSON.parse(rows[0]!.days) as unknown[]).length).toBe(30);
      expect(db.prepare('SELECT frozen FROM closed_periods WHERE id = ?').pluck().get(period.id)).toBe(1);
      store.reopenPeriod(period.id, meta('again'));
      expect(db.prepare('SELECT count(*) FROM frozen_days').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('leaves a period closed before migration 8 computed, as it was', () => {
    f = storeFixture();
    const db = new Database(f.path);
    migrate(db, migrations.slice(0, 7));
    db.prepare(
      "INSERT INTO closed_periods (from_date, to_date, closed_at, closed_by) VALUES ('2026-11-01', '2026-11-30', 1, 'M')",
    ).run();
    db.close();
    const store = f.open();
    twoWeeks(store);
    const before = store.timesheet({ from: '2026-11-28', to: '2026-11-30', now: NOW });
    expect(before.rows[0]!.days).toHaveLength(3);
    editDefaultShift(store);
    const after = store.timesheet({ from: '2026-11-28', to: '2026-11-30', now: NOW });
    expect(after.rows[0]!.days.map((d) => d.lateMinutes)).toEqual([65, 65, 65]);
  });
});
