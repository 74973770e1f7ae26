/**
 * A punch added by hand or imported can be corrected (docs/attendance-rules.md section 4): its
 * time or status replaced, or voided, by a correction pointing at its add row, with the period
 * check and the audit entry of any correction; the timesheet, one employee's month, the event
 * export, the day summary and who is in all count the punch as corrected.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../../../src-main/core/store/migrate.js';
import { migrations } from '../../../src-main/core/store/migrations/index.js';
import type { AttendanceStore } from '../../../src-main/core/store/attendance-store.js';
import { ReasonError } from '../../../src-main/core/reason-error.js';
import { attendance, storeFixture, tehran, type StoreFixture } from './store-fixture.js';

const SARA = '989102211824';
const NOW = tehran('2026-11-25T20:00:00');

let f: StoreFixture;
afterEach(() => f?.cleanup());

const meta = (why = 'fixing it') => ({ who: 'Manager', now: NOW, why });

function reasonOf(fn: () => unknown): { code: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof ReasonError) return error.reason as { code: string };
    throw error;
  }
  throw new Error('expected a refusal');
}

function exported(store: AttendanceStore, day: string): [string, number][] {
  const ex = store.openEventExport({ fromMs: tehran(`${day}T00:00:00`), toMs: tehran(`${day}T23:59:59`) });
  try {
    return [...ex.batches()].flat().map((r) => [r[3] as string, r[7] as number]);
  } finally {
    ex.close();
  }
}

describe('corrections of added punches', () => {
  it('replaces the time of a wrong exit added by hand, then voids it; every view follows', () => {
    f = storeFixture();
    const store = f.open();
    const saraId = store.addEmployee({ phone: SARA, name: 'Sara', department: 'Sales' }).id;
    store.recordMessage(attendance(tehran('2026-11-22T08:00:00'), 'arrival', { source: SARA, envelope: 'a' }));
    const added = store.correctPunch(
      { kind: 'add', phone: SARA, employeeId: null, status: 'exit', at: tehran('2026-11-22T14:00:00') },
      meta('forgot the exit'),
    );
    const day = () => store.timesheet({ from: '2026-11-22', to: '2026-11-22', now: NOW }).rows[0]!.days[0]!;
    expect(day()).toMatchObject({ lastOut: tehran('2026-11-22T14:00:00'), earlyLeaveMinutes: 120, corrected: true });

    // The wrong time: 16:30, not 14:00.
    const replaced = store.correctAddedPunch(
      { kind: 'replace', correctionId: added.id, at: tehran('2026-11-22T16:30:00') },
      meta('the exit was at 16:30'),
    );
    expect(replaced).toMatchObject({ kind: 'replace', eventId: null, status: 'exit', who: 'Manager' });
    expect(day()).toMatchObject({
      lastOut: tehran('2026-11-22T16:30:00'),
      earlyLeaveMinutes: 0,
      workedMinutes: 510,
      corrected: true,
    });
    expect(exported(store, '2026-11-22')).toEqual([
      ['arrival', tehran('2026-11-22T08:00:00')],
      ['exit', tehran('2026-11-22T16:30:00')],
    ]);
    expect(store.daySummary({ date: '2026-11-22' })[0]).toMatchObject({ phone: SARA });
    expect(store.whoIsIn({ since: tehran('2026-11-22T00:00:00') })).toEqual([]);
    const month = store.employeeMonth(saraId, '2026-11-22', '2026-11-22', NOW);
    expect(month.punches.map((p) => [p.source, p.status, p.at, p.correction?.kind ?? null])).toEqual([
      ['sms', 'arrival', tehran('2026-11-22T08:00:00'), null],
      ['manual', 'exit', tehran('2026-11-22T16:30:00'), 'replace'],
    ]);

    // Named by the replacement's id (the one the views show now): voided. Sara is in again.
    store.correctAddedPunch({ kind: 'void', correctionId: replaced.id }, meta('she never left'));
    expect(day()).toMatchObject({ lastOut: null, status: 'incomplete', corrected: true });
    expect(exported(store, '2026-11-22')).toEqual([['arrival', tehran('2026-11-22T08:00:00')]]);
    expect(store.whoIsIn({ since: tehran('2026-11-22T00:00:00') })).toMatchObject([{ phone: SARA }]);
    expect(
      store.employeeMonth(saraId, '2026-11-22', '2026-11-22', NOW).punches.map((p) => [p.at, p.correction?.kind]),
    ).toEqual([
      [tehran('2026-11-22T08:00:00'), undefined],
      [null, 'void'],
    ]);
    // One audit entry per correction, before and after.
    expect(
      store
        .listAudit({ offset: 0, limit: 3, entity: 'punch' })
        .rows.map((e) => [e.action, (e.before as { at?: number } | null)?.at ?? null, e.why]),
    ).toEqual([
      ['void', tehran('2026-11-22T16:30:00'), 'she never left'],
      ['replace', tehran('2026-11-22T14:00:00'), 'the exit was at 16:30'],
      ['add', null, 'forgot the exit'],
    ]);
  });

  it('corrects an imported punch, keeps its source, and refuses without a reason, a recorded punch, or inside a closed period', () => {
    f = storeFixture();
    const store = f.open();
    store.addEmployee({ phone: SARA, name: 'Sara', department: 'Sales' });
    store.importPunches(
      [
        { line: 2, phone: SARA, status: 'arrival', at: tehran('2026-11-23T08:00:00') },
        { line: 3, phone: SARA, status: 'arrival', at: tehran('2026-11-23T16:00:00') },
      ],
      { who: 'Manager', now: NOW },
    );
    const db = new Database(f.path, { readonly: true });
    const [first, second] = db
      .prepare<[], number>("SELECT id FROM corrections WHERE kind = 'add' ORDER BY at")
      .pluck()
      .all();
    const smsId = store.recordMessage(attendance(tehran('2026-11-24T08:00:00'), 'arrival', { source: SARA })).eventId!;
    db.close();
    // The second was an exit, not an arrival.
    store.correctAddedPunch(
      { kind: 'replace', correctionId: second!, status: 'exit', at: tehran('2026-11-23T16:00:00') },
      meta(),
    );
    const month = store.employeeMonth(store.listEmployees()[0]!.id, '2026-11-23', '2026-11-23', NOW);
    expect(month.punches.map((p) => [p.source, p.status])).toEqual([
      ['import', 'arrival'],
      ['import', 'exit'],
    ]);
    expect(month.days[0]).toMatchObject({ status: 'present', workedMinutes: 480 });

    const audits = store.listAudit({ offset: 0, limit: 1 }).total;
    expect(reasonOf(() => store.correctAddedPunch({ kind: 'void', correctionId: first! }, meta('  ')))).toMatchObject({
      code: 'correction-why-missing',
    });
    expect(reasonOf(() => store.correctAddedPunch({ kind: 'void', correctionId: 9999 }, meta()))).toMatchObject({
      code: 'punch-not-found',
    });
    const smsCorrection = store.correctPunch(
      { kind: 'replace', eventId: smsId, at: tehran('2026-11-24T08:05:00') },
      meta(),
    );
    expect(
      reasonOf(() => store.correctAddedPunch({ kind: 'void', correctionId: smsCorrection.id }, meta())),
    ).toMatchObject({
      code: 'punch-not-found',
    });
    store.closePeriod({ from: '2026-11-01', to: '2026-11-23' }, meta());
    const closedAudits = store.listAudit({ offset: 0, limit: 1 }).total;
    expect(reasonOf(() => store.correctAddedPunch({ kind: 'void', correctionId: first! }, meta()))).toMatchObject({
      code: 'period-closed',
    });
    // Moving it out of the closed period is refused too: its day before the change is closed.
    expect(
      reasonOf(() =>
        store.correctAddedPunch({ kind: 'replace', correctionId: first!, at: tehran('2026-11-24T09:00:00') }, meta()),
      ),
    ).toMatchObject({ code: 'period-closed' });
    expect(store.listAudit({ offset: 0, limit: 1 }).total).toBe(closedAudits);
    expect(closedAudits).toBe(audits + 2);
  });

  it("lists a number's added punches, newest first, each as it counts now with its add row and latest correction", () => {
    f = storeFixture();
    const store = f.open();
    store.addEmployee({ phone: SARA, name: 'Sara', department: 'Sales' });
    const OTHER = '989121234567';
    store.importPunches([{ line: 2, phone: SARA, status: 'arrival', at: tehran('2026-11-23T08:00:00') }], {
      who: 'Importer',
      now: NOW,
      why: 'paper sheet',
    });
    const exit = store.correctPunch(
      { kind: 'add', phone: SARA, employeeId: null, status: 'exit', at: tehran('2026-11-23T14:00:00') },
      meta('forgot the exit'),
    );
    store.correctPunch(
      { kind: 'add', phone: OTHER, employeeId: null, status: 'exit', at: tehran('2026-11-23T15:00:00') },
      meta('someone else'),
    );
    store.correctAddedPunch(
      { kind: 'replace', correctionId: exit.id, at: tehran('2026-11-23T16:30:00') },
      { who: 'Boss', now: NOW + 1000, why: 'left at 16:30' },
    );
    // Any spelling of the number finds them.
    const list = store.addedPunches({ phone: '0910 221 1824', limit: 10 });
    expect(
      list.map((p) => [p.source, p.status, p.at, p.added.at, p.added.who, p.added.why, p.correction?.kind ?? null]),
    ).toEqual([
      [
        'manual',
        'exit',
        tehran('2026-11-23T16:30:00'),
        tehran('2026-11-23T14:00:00'),
        'Manager',
        'forgot the exit',
        'replace',
      ],
      [
        'import',
        'arrival',
        tehran('2026-11-23T08:00:00'),
        tehran('2026-11-23T08:00:00'),
        'Importer',
        'paper sheet',
        null,
      ],
    ]);
    expect(list[0]!.id).toBe(exit.id);
    expect(list[0]!.correction).toMatchObject({ who: 'Boss', why: 'left at 16:30', madeAt: NOW + 1000 });
    expect(store.addedPunches({ phone: SARA, limit: 1 })).toHaveLength(1);

    store.correctAddedPunch({ kind: 'void', correctionId: list[1]!.id }, meta('not her'));
    expect(store.addedPunches({ phone: SARA, limit: 10 })[1]).toMatchObject({
      source: 'import',
      status: 'arrival',
      at: null,
      correction: { kind: 'void', why: 'not her', countedAt: null },
    });
    expect(store.addedPunches({ phone: OTHER, limit: 10 }).map((p) => p.added.why)).toEqual(['someone else']);
    // The number becomes an employee's: its punches from before stay listed beside the new ones.
    store.addEmployee({ phone: OTHER, name: 'Omid', department: '' });
    store.correctPunch(
      { kind: 'add', phone: OTHER, employeeId: null, status: 'arrival', at: tehran('2026-11-24T08:00:00') },
      meta('now an employee'),
    );
    expect(store.addedPunches({ phone: OTHER, limit: 10 }).map((p) => [p.added.why, p.employeeId !== null])).toEqual([
      ['now an employee', true],
      ['someone else', false],
    ]);
    expect(store.addedPunches({ phone: OTHER, limit: 1 }).map((p) => p.added.why)).toEqual(['now an employee']);
    expect(store.addedPunches({ phone: '989129999999', limit: 10 })).toEqual([]);
  });

  it('migration 9 keeps the corrections of a version-8 file, and refuses a correction pointing at both kinds of punch', () => {
    f = storeFixture();
    const db = new Database(f.path);
    migrate(db, migrations.slice(0, 8));
    db.prepare(
      "INSERT INTO corrections (kind, phone, status, at, who, why, made_at, source) VALUES ('add', ?, 'exit', 5, 'M', 'w', 6, 'import')",
    ).run(SARA);
    db.close();
    const store = f.open();
    const raw = new Database(f.path);
    try {
      expect(raw.prepare('SELECT id, kind, corrects_id, source FROM corrections').all()).toEqual([
        { id: 1, kind: 'add', corrects_id: null, source: 'import' },
      ]);
      expect(() =>
        raw
          .prepare(
            "INSERT INTO corrections (kind, event_id, corrects_id, phone, status, at, who, why, made_at) VALUES ('replace', 1, 1, ?, 'exit', 5, 'M', 'w', 6)",
          )
          .run(SARA),
      ).toThrow(/CHECK constraint/);
      expect(
        raw
          .prepare<[], string>(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'corrections' ORDER BY name",
          )
          .pluck()
          .all(),
      ).toEqual(['corrections_at', 'corrections_corrects', 'corrections_employee_at', 'corrections_event']);
    } finally {
      raw.close();
    }
    expect(store.correctAddedPunch({ kind: 'void', correctionId: 1 }, meta())).toMatchObject({ kind: 'void' });
  });
});
