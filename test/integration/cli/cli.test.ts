/**
 * The command line as an operator runs it: the built `smpp-attendance` in a child process, a real
 * SMPP server on 127.0.0.1, a real database file, real signals.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { phoneMessage } from '../../support/phone.js';

import { cliWorld, runCli, SERVE_SECRETS, serveArgs, startCli } from '../../support/cli-process.js';

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { env });

describe('smpp-attendance CLI', () => {
  const world = cliWorld('cli-');
  const db = join(world.dir, 'office.db');

  it('serve records and acknowledges, then unbinds and exits 0 on SIGTERM', async () => {
    const serve = startCli(serveArgs(world.smsc.port, db, '--ack-rate', '0'), {
      env: SERVE_SECRETS,
    });
    try {
      await world.smsc.waitFor(() => world.smsc.boundSessions() === 1, 15_000, 'serve to bind');
      await world.smsc.deliver({ source: '989102211824', destination: '9102211824', ...phoneMessage('Arrival 08:31') });
      await world.smsc.deliver({
        source: '989121234567',
        destination: '9102211824',
        ...phoneMessage('Arrival 2026-11-25 09:02:00'),
      });
      await world.smsc.deliver({
        source: '989121234567',
        destination: '9102211824',
        ...phoneMessage('Exit 2026-11-25 17:45:00'),
      });
      await world.smsc.deliver({ source: '11111', destination: '9102211824', ...phoneMessage('Arrival 08:31') });
      await world.smsc.waitFor(() => world.smsc.submits.length === 3, 10_000, 'three acks');
      await world.smsc.waitFor(() => /ack for message #3 submitted/.test(serve.output), 10_000, 'ack log line');
      const unbindsBefore = world.smsc.unbinds;
      expect(await serve.stop()).toBe(0);
      expect(world.smsc.unbinds).toBe(unbindsBefore + 1);
    } finally {
      serve.kill();
    }
    expect(serve.output).toMatch(/state: bound/);
    expect(serve.output).toMatch(/message #1 from 989102211824 "Arrival 08:31" recorded/);
    expect(serve.output).toMatch(/from 11111 .*ignored/);
    expect(serve.output).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  });

  it('export writes exactly the recorded events as CSV', () => {
    const res = run(['export', '--db', db]);
    expect(res.status).toBe(0);
    const text = res.stdout.replace(/^\uFEFF/, '');
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'phone',
      'name',
      'status',
      'reported_time',
      'occurred_at',
      'received_at',
      'counted_at',
      'flags',
    ]);
    // Ordered by counted time: the dated reports name a day other than the day of receipt (or the
    // day before), so they count at their receipt, flagged; `08:31` is today, and counts at or before its receipt.
    expect(rows.map((r) => [r.phone, r.status, r.reported_time])).toEqual([
      ['989102211824', 'Arrival', '08:31'],
      ['989121234567', 'Arrival', '2026-11-25 09:02:00'],
      ['989121234567', 'Exit', '2026-11-25 17:45:00'],
    ]);
    expect(rows.slice(1).map((r) => [r.flags, r.counted_at === r.received_at])).toEqual([
      ['date_mismatch;unknown_sender', true],
      ['date_mismatch;unknown_sender', true],
    ]);
    expect(rows.find((r) => r.status === 'Exit')!.occurred_at).toBe('2026-11-25T17:45:00+03:30');

    const out = join(world.dir, 'payroll.csv');
    const toFile = run(['export', '--db', db, '--from', '2026-11-25', '--to', '2026-11-25', '--out', out]);
    expect(toFile.status).toBe(0);
    const fileRows = parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as unknown[];
    expect(fileRows.length).toBe(0); // the days are those of the counted times: the dated reports count on the day they arrived
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(run(['export', '--db', db, '--from', today, '--to', today, '--out', out]).status).toBe(0);
    expect((parse(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as unknown[]).length).toBe(3);
  });

  it('employees import and status show who is in now, by name', () => {
    const csv = join(world.dir, 'staff.csv');
    writeFileSync(
      csv,
      'phone,name,department\n09102211824,Ali Rezaei,Sales\n+98 912 123 4567,Sara Ahmadi,IT\nnot-a-number,,\n',
    );
    const imported = run(['employees', 'import', '--db', db, csv]);
    expect(imported.stdout).toMatch(/2 added/);
    expect(imported.stderr).toMatch(/line 4/);
    expect(run(['employees', 'list', '--db', db]).stdout).toMatch(/989102211824\s+Ali Rezaei\s+Sales/);

    const status = run(['status', '--db', db]);
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/989102211824\s+Ali Rezaei/);
    expect(status.stdout).not.toMatch(/Sara Ahmadi/); // her last event is an exit
    expect(run(['status', '--db', db, '--search', 'sara']).stdout).toMatch(/Nobody matching 'sara' is in now/);
  });

  it.each([
    [[], /no command given/],
    [['serve', '--host', 'x'], /missing --port/],
    [['serve', '--host', 'x', '--port', '99999'], /--port must be between 1 and 65535/],
    [['serve', '--host', 'x', '--port', '9500', '--key', 'short'], /32/],
    [['export'], /missing --db/],
    [['export', '--db', 'x.db', '--from', '25/11/2026'], /--from must be a date as YYYY-MM-DD/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['status', '--bogus'], /bogus/],
  ])('%j is a usage error: message, usage, exit 2, no stack trace', (args, message) => {
    const res = run(args as string[], { ATTENDANCE_KEY: '', SMPP_PASSWORD: '' });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).toMatch(/Usage: smpp-attendance/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
