/**
 * Text from the network never reaches the terminal raw: the real `serve` process gets a message
 * from a real SMPP server whose plaintext tries to forge a log line and whose sender's name (from
 * an imported CSV) tries to change the terminal's title; `employees list` and `status` show them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { phoneMessage } from '../../support/phone.js';

import { cliWorld, runCli, SERVE_SECRETS, serveArgs, startCli } from '../../support/cli-process.js';
import { EMPLOYEE_IMPORT_LIMITS } from '../../../src-main/core/settings/settings-defaults.js';

const TITLE = '\x1b]0;pwned\x07';
const FORGED = 'Arrival 08:31\n12:00:00 state: bound';
/** Every line `serve` writes in the human format starts with its date and time. */
const LOG_LINE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /;

describe('hostile text from the network in the CLI', () => {
  const world = cliWorld('cli-hostile-');
  const db = join(world.dir, 'office.db');

  beforeAll(async () => {
    const csv = join(world.dir, 'staff.csv');
    writeFileSync(csv, `phone,name,department\n09121234567,"Sara${TITLE}",IT\n`);
    const imported = runCli(['employees', 'import', '--db', db, csv]);
    expect(imported.status).toBe(0);
  });

  for (const format of ['human', 'json'] as const) {
    it(`serve --log ${format} writes the forged plaintext and name escaped, one line per event`, async () => {
      const serve = startCli(serveArgs(world.smsc.port, db, '--log', format), {
        env: SERVE_SECRETS,
      });
      try {
        await world.smsc.waitFor(() => world.smsc.boundSessions() === 1, 15_000, 'serve to bind');
        await world.smsc.deliver({
          source: '989121234567',
          destination: '9102211824',
          ...phoneMessage('Arrival 08:30'),
        });
        await world.smsc.deliver({ source: '989121234567', destination: '9102211824', ...phoneMessage(FORGED) });
        await world.smsc.deliver({
          source: '989121234567',
          destination: '9102211824',
          ...phoneMessage(`Arrival ‮13:80${TITLE}`),
        });
        await world.smsc.waitFor(
          () => (serve.stdout.match(/message #\d+|"type":"message"/g) ?? []).length >= 3,
          10_000,
          'three message lines',
        );
        expect(await serve.stop()).toBe(0);
      } finally {
        serve.kill();
      }
      const out = serve.stdout;
      // eslint-disable-next-line no-control-regex -- the point of the test
      expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/u);
      const lines = out.trimEnd().split('\n');
      if (format === 'human') {
        for (const line of lines) expect(line).toMatch(LOG_LINE);
        expect(out).not.toMatch(/\n12:00:00 state: bound/);
        expect(out).toContain('Arrival 08:31\\n12:00:00 state: bound');
        expect(out).toContain('Sara\\x1b]0;pwned\\x07');
        expect(out).toContain('\\u{202e}13:80');
      } else {
        const records = lines.map((l) => JSON.parse(l) as { type: string; plaintext?: string; employeeName?: string });
        const messages = records.filter((r) => r.type === 'message');
        expect(messages.map((m) => m.plaintext)).toEqual(['Arrival 08:30', FORGED, `Arrival ‮13:80${TITLE}`]);
        expect(messages.map((m) => m.employeeName)).toEqual(Array(3).fill(`Sara${TITLE}`));
      }
    });
  }

  it('employees list and status print the name escaped', () => {
    for (const args of [
      ['employees', 'list', '--db', db],
      ['status', '--db', db],
    ]) {
      const res = runCli(args);
      expect(res.stdout).not.toContain('\x1b');
      expect(res.stdout).toContain('Sara\\x1b]0;pwned\\x07');
    }
  });

  it('employees import refuses a file over the byte limit without reading it, and imports nothing', () => {
    const big = join(world.dir, 'huge.csv');
    writeFileSync(big, `phone,name\n${'09121234567,X\n'.repeat(Math.ceil(EMPLOYEE_IMPORT_LIMITS.maxBytes / 14) + 1)}`);
    const res = runCli(['employees', 'import', '--db', db, big]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/the file is too large \(\d+ bytes; at most \d+\), nothing was imported/);
    expect(res.stderr).toContain(`at most ${EMPLOYEE_IMPORT_LIMITS.maxBytes})`);
  });
});
