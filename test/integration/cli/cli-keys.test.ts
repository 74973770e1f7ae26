/**
 * Employees' own keys through the command line as an operator runs it: the built `smpp-attendance`
 * in a child process, a real database file, then `serve` against a real SMPP server on 127.0.0.1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_KEY, phoneMessage } from '../../support/phone.js';

import { cliWorld, runCli, SERVE_SECRETS, serveArgs, startCli } from '../../support/cli-process.js';

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { env: { EMPLOYEE_KEY: '', ...env } });

function diskHas(db: string, text: string): boolean {
  return [db, `${db}-wal`].filter((p) => existsSync(p)).some((p) => readFileSync(p).includes(Buffer.from(text)));
}

describe('smpp-attendance employees set-key / generate-key / remove-key', () => {
  const world = cliWorld('cli-keys-');
  const db = join(world.dir, 'office.db');

  beforeAll(async () => {
    expect(run(['employees', 'add', '--db', db, '--phone', '09102211824', '--name', 'Sara']).status).toBe(0);
    expect(run(['employees', 'add', '--db', db, '--phone', '09121234567', '--name', 'Reza']).status).toBe(0);
  });

  it('generate-key prints a new 32-character key once with a terminal QR code; the list shows only that one is set', () => {
    const res = run(['employees', 'generate-key', '--db', db, '0910 221 1824']);
    expect(res.stderr).toMatch(/warning: own keys are sealed with the data key in .*office\.db\.datakey/);
    expect(res.status).toBe(0);
    const key = /\n {2}(\S{32})\n/.exec(res.stdout)?.[1];
    expect(key).toBeDefined();
    expect(res.stdout).toContain('Sara (989102211824)');
    // The QR code: rows of half-block characters, as wide as they are tall (in half rows).
    const qrRows = res.stdout.split('\n').filter((line) => /[█▀▄]/.test(line));
    expect(qrRows.length).toBeGreaterThan(10);
    expect(diskHas(db, key!)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(`${db}.datakey`).mode & 0o777).toBe(0o600);
    const list = run(['employees', 'list', '--db', db]);
    expect(list.stdout).toMatch(/989102211824\s+Sara\s+yes\s+set/);
    expect(list.stdout).not.toMatch(/989121234567\s+Reza\s+yes\s+set/);
    expect(list.stdout).not.toContain(key);
    // A second generate gives another key.
    const again = run(['employees', 'generate-key', '--db', db, '989102211824']);
    expect(/\n {2}(\S{32})\n/.exec(again.stdout)?.[1]).not.toBe(key);
  });

  it('set-key reads the key from a file or EMPLOYEE_KEY (never argv), checks it, and serve then accepts only that key from that phone', async () => {
    const keyFile = join(world.dir, 'reza.key');
    const rezaKey = 'RezaOwnKey4e5f6g789abcdef0123456';
    writeFileSync(keyFile, `${rezaKey}\n`);
    expect(run(['employees', 'set-key', '--db', db, '09121234567', '--key-file', keyFile])).toMatchObject({
      status: 0,
      stdout: 'set the own key of Reza (989121234567)\n',
    });
    expect(diskHas(db, rezaKey)).toBe(false);

    const short = run(['employees', 'set-key', '--db', db, '09121234567'], { EMPLOYEE_KEY: 'too-short' });
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/exactly 32 bytes/);
    const missing = run(['employees', 'set-key', '--db', db, '09121234567']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--key-file FILE or the environment variable EMPLOYEE_KEY/);
    const nobody = run(['employees', 'remove-key', '--db', db, '09120000000']);
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toMatch(/no employee has the number/);

    // serve with the shared (public) key: it warns on stderr; Reza's message under the shared key is refused, under his own accepted.
    const serve = startCli(serveArgs(world.smsc.port, db, '--ack-rate', '0'), {
      env: SERVE_SECRETS,
    });
    try {
      await world.smsc.waitFor(() => world.smsc.boundSessions() === 1, 15_000, 'serve to bind');
      await world.smsc.deliver({
        source: '989121234567',
        destination: '9102211824',
        ...phoneMessage('Arrival 08:31', { key: FIELD_KEY }),
      });
      await world.smsc.deliver({
        source: '989121234567',
        destination: '9102211824',
        ...phoneMessage('Arrival 08:32', { key: rezaKey }),
      });
      await world.smsc.waitFor(() => world.smsc.submits.length === 1, 10_000, 'one ack');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(world.smsc.submits).toHaveLength(1);
      expect(await serve.stop()).toBe(0);
    } finally {
      serve.kill();
    }
    expect(serve.stderr).toMatch(
      /warning: the well-known public key of the phone app is in use: anyone who has the app can forge arrivals/,
    );
    const status = run(['export', '--db', db]);
    expect(status.stdout.split('\n').filter((l) => l.includes('989121234567'))).toHaveLength(1);

    // remove-key: the phone is back on the shared key.
    expect(run(['employees', 'remove-key', '--db', db, '+98 912 123 4567'])).toMatchObject({ status: 0 });
    expect(run(['employees', 'list', '--db', db]).stdout).not.toMatch(/989121234567\s+Reza\s+yes\s+set/);
  });
});
