/**
 * Files at rest are the owner's only, checked with stat() after real runs of the CLI under a umask
 * of 022 (what CI and most desktops have): the database and its -wal/-shm, exports, backups and
 * their folder. And secrets: from a file, with a warning when it is readable by others or given as
 * a flag (visible in `ps`).
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_KEY, phoneMessage } from '../../support/phone.js';
import { PASSWORD } from '../../support/core-harness.js';
import { cliWorld, runCli, serveArgs, startCli } from '../../support/cli-process.js';

const posix = process.platform !== 'win32';
const mode = (path: string): number => statSync(path).mode & 0o777;
/** The CLI started from a shell with umask 022, like a user's terminal. */
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { env, umask022: true });

describe.skipIf(!posix)('files at rest and secrets (CLI, umask 022)', () => {
  const world = cliWorld('cli-modes-');
  const db = join(world.dir, 'office.db');

  it('serve with secrets from files: the database, -wal and -shm are 0600 while it runs; a readable secret file is warned about', async () => {
    const passwordFile = join(world.dir, 'smpp-password');
    const keyFile = join(world.dir, 'key');
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    writeFileSync(keyFile, `${FIELD_KEY}\n`);
    chmodSync(keyFile, 0o644);
    const serve = startCli(serveArgs(world.smsc.port, db, '--password-file', passwordFile, '--key-file', keyFile), {
      env: { SMPP_PASSWORD: '', ATTENDANCE_KEY: '' },
      umask022: true,
    });
    try {
      await world.smsc.waitFor(
        () => world.smsc.boundSessions() === 1,
        15_000,
        'serve to bind with the password from the file',
      );
      await world.smsc.deliver({ source: '989121234567', destination: '9102211824', ...phoneMessage('Arrival 08:31') });
      await world.smsc.waitFor(
        () => /message #1 .* recorded/.test(serve.stdout),
        10_000,
        'the message decrypted with the key from the file',
      );
      for (const path of [db, `${db}-wal`, `${db}-shm`]) {
        expect(existsSync(path)).toBe(true);
        expect([path, mode(path).toString(8)]).toEqual([path, '600']);
      }
      expect(await serve.stop()).toBe(0);
    } finally {
      serve.kill();
    }
    const err = serve.stderr;
    expect(err).toMatch(/warning: --key-file '.*key' can be read by other users \(mode 644\)/);
    expect(err).not.toMatch(/--password-file .* can be read/);
    expect(err).not.toMatch(/process list|\(ps\)/);
  });

  it('a secret given as a flag is warned about on stderr; a flag and a file together are refused', async () => {
    // Both refused while reading the arguments, before any connection is tried.
    const both = run(serveArgs(9500, db, '--key', FIELD_KEY, '--key-file', '/nonexistent'));
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/give --key or --key-file, not both/);
    const missing = run(serveArgs(9500, db, '--password-file', join(world.dir, 'nope')), { ATTENDANCE_KEY: FIELD_KEY });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read --password-file '.*nope': ENOENT/);

    const serve = startCli(
      serveArgs(world.smsc.port, db, '--password', PASSWORD, '--key', FIELD_KEY, '--backup-at', 'off'),
      {
        umask022: true,
      },
    );
    try {
      await world.smsc.waitFor(() => world.smsc.boundSessions() === 1, 15_000, 'serve to bind');
      expect(await serve.stop()).toBe(0);
    } finally {
      serve.kill();
    }
    const err = serve.stderr;
    expect(err).toMatch(/warning: --password on the command line can be read by other users of this computer \(ps\)/);
    expect(err).toMatch(/warning: --key on the command line/);
  });

  it('an existing database readable by others is made 0600 when opened for writing', () => {
    chmodSync(db, 0o644);
    expect(run(['employees', 'add', '--db', db, '--phone', '09121234567', '--name', 'Sara']).status).toBe(0);
    expect(mode(db)).toBe(0o600);
  });

  it('export --out writes 0600, also over an existing file that was 0644; backup writes 0600 into a 0700 folder', () => {
    const out = join(world.dir, 'payroll.csv');
    expect(run(['export', '--db', db, '--out', out]).status).toBe(0);
    expect(mode(out)).toBe(0o600);
    chmodSync(out, 0o644);
    expect(run(['export', '--db', db, '--out', out]).status).toBe(0);
    expect(mode(out)).toBe(0o600);

    const dir = join(world.dir, 'backups');
    const backup = run(['backup', '--db', db, '--to', dir]);
    expect(backup.status).toBe(0);
    expect(mode(dir)).toBe(0o700);
    const files = readdirSync(dir).filter((f) => f.endsWith('.db'));
    expect(files.length).toBe(1);
    expect(mode(join(dir, files[0]!))).toBe(0o600);
  });
});
