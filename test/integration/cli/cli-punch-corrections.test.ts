/**
 * Correcting a punch added by hand or imported from the command line, on a real database file with
 * the built `smpp-attendance` in child processes: `punches added` lists a number's added punches
 * with their ids, `punches correct` moves one (and changes its status) or voids it with a reason;
 * the punch as added stays, the audit log and the timesheet follow, a closed period refuses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/core-harness.js';
import { runCli as run, STACK_TRACE } from '../../support/cli-process.js';
import { openStore } from '../../../src-main/core/store/attendance-store.js';
import type { AddedPunch } from '../../../src-main/core/model.js';

const WHO = ['--who', 'Mina Karimi'];
/** Local (Asia/Tehran, the tests' zone) epoch ms. */
const tehran = (text: string): number => new Date(`${text}+03:30`).getTime();

describe('smpp-attendance punches added / punches correct', () => {
  const tmp = tempDir('cli-punch-corrections-');
  const db = join(tmp.dir, 'office.db');
  const ok = (args: string[]): string => {
    const res = run(args);
    expect(res.stderr).not.toMatch(STACK_TRACE);
    expect({ args, status: res.status, stderr: res.stderr }).toEqual({ args, status: 0, stderr: '' });
    return res.stdout;
  };
  const added = (): AddedPunch[] =>
    JSON.parse(ok(['punches', 'added', '--db', db, '--phone', '09102211824', '--json'])) as AddedPunch[];

  beforeAll(() => {
    ok(['employees', 'add', '--db', db, '--phone', '09102211824', '--name', 'Ali Rezaei', '--department', 'Sales']);
    const file = join(tmp.dir, 'punches.csv');
    writeFileSync(
      file,
      'phone,status,time\n09102211824,arrival,2026-11-22 08:05\n09102211824,arrival,2026-11-22 16:30\n',
    );
    ok(['punches', 'import', '--db', db, file, ...WHO]);
  });
  afterAll(() => tmp.cleanup());

  it('lists the added punches with their ids, newest first, as a table and as JSON', () => {
    const table = ok(['punches', 'added', '--db', db, '--phone', '+989102211824']);
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id +source +status +time +as added +added by +why +corrected by +why$/);
    expect(lines.slice(2).map((l) => l.split(/ {2,}/).slice(1, 4))).toEqual([
      ['import', 'arrival', '2026-11-22 16:30'],
      ['import', 'arrival', '2026-11-22 08:05'],
    ]);
    expect(added().map((p) => [p.source, p.status, p.at, p.added.who, p.correction])).toEqual([
      ['import', 'arrival', tehran('2026-11-22T16:30:00'), 'Mina Karimi', null],
      ['import', 'arrival', tehran('2026-11-22T08:05:00'), 'Mina Karimi', null],
    ]);
    expect(ok(['punches', 'added', '--db', db, '--phone', '09121234567'])).toBe(
      'No punches added by hand or imported for 09121234567.\n',
    );
  });

  it('moves one and makes it an exit, then voids the other; the timesheet and the audit log follow', () => {
    const [late, early] = added();
    // The 16:30 punch was the exit, at 16:45.
    expect(
      ok([
        'punches',
        'correct',
        '--db',
        db,
        '--id',
        String(late!.id),
        '--at',
        '2026-11-22 16:45',
        '--status',
        'exit',
        '--why',
        'It was the exit',
        ...WHO,
      ]),
    ).toMatch(new RegExp(`^punch ${late!.id} now exit at 2026-11-22 16:45 \\(correction \\d+\\)\\n$`));
    const [moved] = added();
    expect(moved).toMatchObject({
      id: late!.id,
      status: 'exit',
      at: tehran('2026-11-22T16:45:00'),
      added: { status: 'arrival', at: tehran('2026-11-22T16:30:00') },
      correction: { kind: 'replace', who: 'Mina Karimi', why: 'It was the exit' },
    });
    const store = openStore(db);
    try {
      const day = store.timesheet({ from: '2026-11-22', to: '2026-11-22', now: tehran('2026-11-29T12:00:00') }).rows[0]!
        .days[0]!;
      expect(day).toMatchObject({
        firstIn: tehran('2026-11-22T08:05:00'),
        lastOut: tehran('2026-11-22T16:45:00'),
        corrected: true,
      });
    } finally {
      store.close();
    }

    expect(
      ok(['punches', 'correct', '--db', db, '--id', String(early!.id), '--void', '--why', 'Not his', ...WHO]),
    ).toMatch(new RegExp(`^punch ${early!.id} voided \\(correction \\d+\\)\\n$`));
    expect(added()[1]).toMatchObject({ at: null, correction: { kind: 'void', why: 'Not his' } });
    const table = ok(['punches', 'added', '--db', db, '--phone', '09102211824']);
    expect(table).toMatch(/import +void +arrival 2026-11-22 08:05 +Mina Karimi, .* +Not his/);
    const audit = ok(['audit', '--db', db, '--entity', 'punch']);
    expect(audit).toContain('It was the exit');
    expect(audit).toContain('Not his');
  });

  it.each([
    [['--id', '1', '--at', '2026-11-22 09:00'], 2, /needs --why TEXT/],
    [['--id', '1', '--why', 'x'], 2, /either --void or --at TIME/],
    [['--id', '1', '--void', '--at', '2026-11-22 09:00', '--why', 'x'], 2, /either --void or --at TIME/],
    [['--id', '1', '--void', '--status', 'exit', '--why', 'x'], 2, /--status goes with --at/],
    [['--id', '1', '--at', '2026-11-22 09:00', '--status', 'out', '--why', 'x'], 2, /--status is arrival or exit/],
    [['--id', '1', '--at', '2026-11-22 9:00', '--why', 'x'], 2, /--at: the time '2026-11-22 9:00' is not/],
    [['--id', '1', '--at', '2999-01-01 09:00', '--why', 'x'], 2, /in the future/],
    [['--id', 'one', '--void', '--why', 'x'], 2, /must be a whole number/],
    [['--id', '999', '--void', '--why', 'x'], 1, /999/],
  ])('refuses %j (exit %i)', (args, status, message) => {
    const res = run(['punches', 'correct', '--db', db, ...args]);
    expect(res.stderr).not.toMatch(STACK_TRACE);
    expect(res.status).toBe(status);
    expect(res.stderr).toMatch(message);
  });

  it('refuses a correction inside a closed period, and a database that does not exist', () => {
    const [first] = added();
    ok(['periods', 'close', '--db', db, '--from', '2026-11-01', '--to', '2026-11-30', ...WHO]);
    const res = run(['punches', 'correct', '--db', db, '--id', String(first!.id), '--void', '--why', 'again']);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/closed/);
    expect(res.stderr).not.toMatch(STACK_TRACE);
    expect(added()[0]).toMatchObject({ status: 'exit', at: tehran('2026-11-22T16:45:00') });

    const missing = run(['punches', 'added', '--db', join(tmp.dir, 'none.db'), '--phone', '09102211824']);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/there is no database/);
  });
});
