/**
 * The contract's verbs for shifts, holidays, leave, corrections, the audit log and the operator,
 * through the request handlers on a real core and SQLite file: who is recorded, what is refused,
 * and the audit log's export written where the host says.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createAppCore } from '../../../src-main/core/app-core.js';
import type { AppCore } from '../../../src-main/core/app-core-types.js';
import { createRequestHandlers, type RequestHandlers } from '../../../src-main/core/api/request-handlers.js';
import { requestSchemas } from '../../../src-main/contract/app-api.js';
import { settingsFor, tempDir } from '../../support/core-harness.js';

let core: AppCore | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  cleanup?.();
});

function start(): { handlers: RequestHandlers; dir: string; saved: string[] } {
  const temp = tempDir('admin-handlers-');
  cleanup = temp.cleanup;
  // Never connected: port 1 is not dialled.
  core = createAppCore({
    dbPath: join(temp.dir, 'a.db'),
    settings: settingsFor({ port: 1 }),
    operator: () => 'pc-user',
  });
  const saved: string[] = [];
  const handlers = createRequestHandlers(core, {
    settings: undefined as never,
    exporter: undefined as never,
    now: () => Date.UTC(2026, 10, 29, 6, 0),
    saveFile: async (name, write) => {
      const path = join(temp.dir, name);
      saved.push(path);
      return { kind: 'saved', path, rows: await write(path) };
    },
  });
  return { handlers, dir: temp.dir, saved };
}

describe('the admin verbs', () => {
  it("record the computer user's name until a name is given this run, then that name", async () => {
    const { handlers } = start();
    expect(await handlers.getOperator(undefined)).toEqual({ name: 'pc-user', given: false });
    const [office] = await handlers.listShifts(undefined);
    await handlers.updateShift({ id: office!.id, input: { ...office!, lateGraceMinutes: 15 } });
    expect(await handlers.setOperator({ name: 'Maryam Ahmadi' })).toEqual({ name: 'Maryam Ahmadi', given: true });
    await handlers.addHoliday({ date: '2026-12-01', name: 'Anniversary' });
    const employee = await handlers.addEmployee({ phone: '09121234567', name: 'Reza', department: '' });
    const correction = await handlers.correctPunch({
      correction: {
        kind: 'add',
        phone: employee.phone,
        employeeId: null,
        status: 'exit',
        at: Date.UTC(2026, 10, 29, 13, 0),
      },
      why: 'forgot the exit',
    });
    expect(correction).toMatchObject({ kind: 'add', who: 'Maryam Ahmadi', why: 'forgot the exit', status: 'exit' });
    const moved = await handlers.correctAddedPunch({
      correction: { kind: 'replace', correctionId: correction.id, at: Date.UTC(2026, 10, 29, 13, 30) },
      why: 'the exit was at 17:00',
    });
    expect(moved).toMatchObject({
      kind: 'replace',
      who: 'Maryam Ahmadi',
      status: 'exit',
      countedAt: Date.UTC(2026, 10, 29, 13, 30),
    });
    expect(await handlers.listAddedPunches({ phone: '09121234567', limit: 10 })).toMatchObject([
      {
        id: correction.id,
        source: 'manual',
        status: 'exit',
        at: Date.UTC(2026, 10, 29, 13, 30),
        added: { at: Date.UTC(2026, 10, 29, 13, 0), who: 'Maryam Ahmadi', why: 'forgot the exit' },
        correction: { kind: 'replace', who: 'Maryam Ahmadi', why: 'the exit was at 17:00' },
      },
    ]);

    const log = await handlers.listAudit({ offset: 0, limit: 50 });
    const byEntity = new Map(log.rows.map((e) => [e.entity, e]));
    expect(byEntity.get('shift')).toMatchObject({ who: 'pc-user', action: 'update', subject: 'Office' });
    expect(byEntity.get('holiday')).toMatchObject({ who: 'Maryam Ahmadi', action: 'add' });
    expect(byEntity.get('punch')).toMatchObject({ who: 'Maryam Ahmadi', action: 'add', why: 'forgot the exit' });
    expect(log.rows.find((e) => e.entity === 'punch')).toMatchObject({
      who: 'Maryam Ahmadi',
      action: 'replace',
      why: 'the exit was at 17:00',
    });
    expect(byEntity.get('employee')).toMatchObject({ who: 'Maryam Ahmadi', action: 'add' });
    expect((await handlers.listAudit({ offset: 0, limit: 50, entity: 'punch' })).total).toBe(2);
  });

  it('refuse a correction without a reason at the contract, and one inside a closed period in the store', async () => {
    const { handlers } = start();
    const add = { kind: 'add', phone: '09121234567', employeeId: null, status: 'exit', at: Date.UTC(2026, 10, 29, 13) };
    expect(requestSchemas.correctPunch.safeParse({ correction: add, why: '  ' }).success).toBe(false);
    expect(requestSchemas.correctPunch.safeParse({ correction: add, why: 'ok' }).success).toBe(true);
    core!.store.closePeriod({ from: '2026-11-01', to: '2026-11-30' }, { who: 'x', now: Date.now() });
    await expect(
      handlers.correctPunch({ correction: { ...add, kind: 'add', status: 'exit' }, why: 'late entry' }),
    ).rejects.toMatchObject({ reason: { code: 'period-closed' } });
  });

  it('add and list hourly leave, and export the audit log as CSV where the host says', async () => {
    const { handlers, saved } = start();
    const employee = await handlers.addEmployee({ phone: '09121234567', name: 'Reza', department: 'Sales' });
    const leave = await handlers.addLeave({
      employeeId: employee.id,
      date: '2026-11-29',
      kind: 'sick',
      from: 540,
      to: 690,
      note: 'dentist',
    });
    expect(await handlers.listLeave({ from: '2026-11-01', to: '2026-11-30' })).toEqual([leave]);
    const result = await handlers.exportAudit(undefined);
    const total = (await handlers.listAudit({ offset: 0, limit: 1 })).total;
    expect(result).toEqual({ kind: 'saved', path: saved[0], rows: total });
    expect(saved[0]).toMatch(/audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const records = parse(readFileSync(saved[0]!, 'utf8').slice(1)) as string[][];
    expect(records[0]).toEqual(['id', 'at', 'who', 'entity', 'action', 'subject', 'before', 'after', 'why']);
    expect(records.length - 1).toBe(total);
    expect(records.some((r) => r[3] === 'leave' && r[4] === 'add')).toBe(true);
  });
});
