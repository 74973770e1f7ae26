/**
 * The command line on a new database path, its help, and backup / restore as an operator runs
 * them: the built `smpp-attendance` in child processes, real files, a real `serve` holding the
 * database against a real SMPP server on 127.0.0.1.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { FIELD_KEY, phoneMessage } from '../../support/phone.js';
import { tempDir } from '../../support/core-harness.js';
import { PASSWORD, ServeProcess, SYSTEM_ID, isState } from '../../reliability/support/serve-process.js';
import { cliWorld, runCli } from '../../support/cli-process.js';

const run = (args: string[], cwd?: string) => runCli(args, { cwd });

/** The events and messages, read over a read-only connection (beside a running serve). */
function rowsOf(path: string): unknown[] {
  const reader = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return reader
      .prepare(
        'SELECT e.id, e.phone, e.status, e.at, m.id AS m FROM events e JOIN messages m ON m.id = e.message_id ORDER BY e.id',
      )
      .all();
  } finally {
    reader.close();
  }
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

const NO_STACK = /\n\s+at .+:\d+:\d+/;

describe('smpp-attendance on a new database path', () => {
  const tmp = tempDir('cli-new-');
  afterAll(() => tmp.cleanup());

  it.each([[['status']], [['export']], [['employees', 'list']], [['backup']]])(
    '%j says there is no database, creates none, exit 2',
    (args) => {
      const db = join(tmp.dir, `none-${args.join('-')}.db`);
      const res = run([...args, '--db', db]);
      expect(res.status).toBe(2);
      expect(res.stderr).toBe(
        `smpp-attendance: there is no database at '${db}' yet. serve, employees add, employees import and punches import create it; check the path.\n`,
      );
      expect(existsSync(db)).toBe(false);
    },
  );

  it('employees add creates the database; a wrong add creates nothing', () => {
    const db = join(tmp.dir, 'add.db');
    const wrong = run(['employees', 'add', '--db', db, '--phone', '09121234567']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/missing --name/);
    expect(existsSync(db)).toBe(false);
    const res = run(['employees', 'add', '--db', db, '--phone', '09121234567', '--name', 'Sara Ahmadi']);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe('added Sara Ahmadi (989121234567)\n');
    expect(res.status).toBe(0);
    expect(run(['employees', 'list', '--db', db]).stdout).toMatch(/989121234567\s+Sara Ahmadi/);
    expect(run(['status', '--db', db]).stdout).toBe('Nobody is in now.\n');
  });

  it('employees import creates the database; an unreadable CSV creates nothing', () => {
    const db = join(tmp.dir, 'import.db');
    const missing = run(['employees', 'import', '--db', db, join(tmp.dir, 'no-such.csv')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*no-such\.csv.*ENOENT/);
    expect(existsSync(db)).toBe(false);
    const csv = join(tmp.dir, 'staff.csv');
    writeFileSync(csv, 'phone,name,department\n09102211824,Ali Rezaei,Sales\n');
    const res = run(['employees', 'import', '--db', db, csv]);
    expect(res.stdout).toBe('1 added, 0 updated, 0 lines with errors\n');
    expect(res.status).toBe(0);
    const exported = run(['export', '--db', db]);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe('\uFEFFphone,name,status,reported_time,occurred_at,received_at,counted_at,flags\n');
  });

  it('help, help <command> and <command> --help print only our help, exit 0', () => {
    const all = run(['help']);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/^Usage: smpp-attendance <command>/);
    for (const command of ['serve', 'export', 'status', 'employees', 'backup', 'restore'])
      expect(all.stdout).toContain(`\n${command}: `);
    const one = run(['help', 'restore']);
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^Usage: smpp-attendance restore \[options\]\n\nrestore: /);
    expect(one.stdout).not.toMatch(/serve:/);
    const backupHelp = run(['help', 'backup']).stdout;
    expect(backupHelp).toMatch(/^Usage: smpp-attendance backup \[options\]\n\nbackup: /);
    expect(run(['backup', '--help']).stdout).toBe(backupHelp);
    const bogus = run(['help', 'frobnicate']);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/no help for 'frobnicate'/);
  });
});

describe('smpp-attendance backup and restore', () => {
  const world = cliWorld('cli-backup-');
  const db = join(world.dir, 'office.db');
  const backups = join(world.dir, 'chosen-folder');
  let good = '';

  it('serve records; backup (while serve runs) prints the verified file; restore is refused while serve holds the database', async () => {
    const serve = ServeProcess.start({ port: world.smsc.port, dbPath: db });
    try {
      await serve.waitForLine(isState('bound'), 15_000, 'bind');
      expect(JSON.parse(readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: serve.pid, owner: 'serve' });
      for (let i = 0; i < 5; i++) {
        const r = await world.smsc.deliver({
          source: `98912123456${i}`,
          ...phoneMessage(`Arrival 2026-11-25 08:0${i}:00`),
        });
        expect(r.commandStatus).toBe(0);
      }
      const res = run(['backup', '--db', db, '--to', backups]);
      expect(res.stderr).toMatch(/^backup verified: 5 events, 5 messages, 0 employees/);
      expect(res.status).toBe(0);
      good = res.stdout.trim();
      expect(good).toMatch(/chosen-folder\/attendance-\d{4}-\d{2}-\d{2}_\d{6}-manual\.db$/);
      expect(statSync(good).mode & 0o777).toBe(0o600);

      const second = ServeProcess.start({ port: world.smsc.port, dbPath: db });
      const exit = await second.exited;
      expect(exit.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`in use by serve \\(process ${serve.pid}`));

      await world.smsc.deliver({ source: '989121234569', ...phoneMessage('Exit 2026-11-25 17:00:00') });
      // Not the file's bytes: serve's checkpoint worker may copy committed pages into it at any
      // moment. The same file (not replaced by the backup) holding the same rows.
      const before = { file: statSync(db).ino, rows: rowsOf(db) };
      const refused = run(['restore', '--db', db, '--from', good]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(
        new RegExp(
          `^smpp-attendance: the database '.*office\\.db' is in use by serve \\(process ${serve.pid}, since .*\\)\\. Stop it first`,
        ),
      );
      expect(refused.stderr).not.toMatch(NO_STACK);
      expect({ file: statSync(db).ino, rows: rowsOf(db) }).toEqual(before);
    } finally {
      serve.kill('SIGTERM');
      expect((await serve.exited).code).toBe(0);
    }
    expect(existsSync(`${db}.lock`)).toBe(false);
  });

  it('restore from a truncated backup is refused and the database is untouched', () => {
    const truncated = join(world.dir, 'truncated.db');
    const bytes = readFileSync(good);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const before = sha(db);
    const res = run(['restore', '--db', db, '--from', truncated]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(
      /^smpp-attendance: '.*truncated\.db' cannot be restored: .*The database was not changed\.\n$/,
    );
    expect(sha(db)).toBe(before);
    expect(readdirSync(world.dir).filter((n) => n.includes('before-restore') || n.endsWith('.restoring'))).toEqual([]);
  });

  it('restore from the good backup once serve has stopped, keeping the replaced database', () => {
    const res = run(['restore', '--db', db, '--from', good]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(
      /^restored .*office\.db from .*-manual\.db: 5 events, 5 messages, 0 employees\nthe database it replaced is kept as (.*office\.db\.before-restore-[\d_-]+)\n$/,
    );
    const safety = /kept as (.*)\n$/.exec(res.stdout)![1]!;
    expect(
      run(['export', '--db', safety])
        .stdout.split('\n')
        .filter((l) => l.includes('Exit')),
    ).toHaveLength(1); // the exit recorded after the backup
    const exported = run(['export', '--db', db]).stdout;
    expect(exported.split('\n').filter((l) => /Arrival|Exit/.test(l))).toHaveLength(5);
  });

  it('restore onto a path with no database creates it from the backup', () => {
    const fresh = join(world.dir, 'fresh', 'office.db');
    const res = run(['restore', '--db', fresh, '--from', good]);
    expect(res.status, res.stderr).toBe(1); // the folder does not exist
    expect(res.stderr).toBe(
      `smpp-attendance: the folder '${join(world.dir, 'fresh')}' does not exist; create it first or check --db\n`,
    );
    const here = join(world.dir, 'fresh.db');
    const ok = run(['restore', '--db', here, '--from', good]);
    expect(ok.stdout).toMatch(/^restored .*fresh\.db from .*: 5 events, 5 messages, 0 employees\n$/);
    expect(run(['status', '--db', here]).status).toBe(0);
  });

  it('a wrecked database: every command names the newest good backup and how to restore it, no stack trace', () => {
    const wrecked = join(world.dir, 'wrecked.db');
    writeFileSync(wrecked, readFileSync(db));
    const backup = run(['backup', '--db', wrecked]);
    expect(backup.status).toBe(0);
    const newest = backup.stdout.trim();
    expect(newest.startsWith(join(world.dir, 'backups'))).toBe(true);

    const fd = openSync(wrecked, 'r+');
    writeSync(fd, Buffer.from('this is not a database at all, it was overwritten!'), 0, 50, 0);
    closeSync(fd);
    // Secrets from private files: as flags they would add a warning (visible in `ps`) to stderr.
    const passwordFile = join(world.dir, 'password');
    const keyFile = join(world.dir, 'key');
    writeFileSync(passwordFile, PASSWORD, { mode: 0o600 });
    writeFileSync(keyFile, FIELD_KEY, { mode: 0o600 });
    const serveArgs = [
      'serve',
      '--host',
      '127.0.0.1',
      '--port',
      String(world.smsc.port),
      '--system-id',
      SYSTEM_ID,
      '--password-file',
      passwordFile,
      '--key-file',
      keyFile,
    ];
    for (const args of [
      ['status'],
      ['export'],
      ['employees', 'list'],
      ['employees', 'add', '--phone', '09121234567', '--name', 'X'],
      serveArgs,
    ]) {
      const res = run([...args, '--db', wrecked]);
      expect(res.status, args.join(' ')).toBe(1);
      expect(res.stderr).toBe(
        `smpp-attendance: The database file '${wrecked}' is not a readable database (its header is wrong) (SQLITE_NOTADB).\n` +
          `The newest good backup is '${newest}' (taken ${/taken (\d{4}-\d{2}-\d{2} \d{2}:\d{2}),/.exec(res.stderr)?.[1]}, 5 events, 0 employees).\n` +
          'To put it back (the damaged file is kept beside it as a safety copy):\n' +
          `  smpp-attendance restore --db ${wrecked} --from ${newest}\n`,
      );
    }
    expect(existsSync(`${wrecked}.lock`)).toBe(false); // serve let go of the lock when it could not open the database
    const restored = run(['restore', '--db', wrecked, '--from', newest]);
    expect(restored.status).toBe(0);
    expect(run(['status', '--db', wrecked]).status).toBe(0);
  });

  it('backup of a database with a damaged page fails its check: exit 1, no backup file left', () => {
    const damaged = join(world.dir, 'damaged.db');
    writeFileSync(damaged, readFileSync(db));
    const size = statSync(damaged).size;
    const fd = openSync(damaged, 'r+');
    for (let page = 1; page * 4096 < size; page++) writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, page * 4096 + 8);
    closeSync(fd);
    const folder = join(world.dir, 'damaged-backups');
    const res = run(['backup', '--db', damaged, '--to', folder]);
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(
      /^smpp-attendance: the backup failed: The database file is damaged \(SQLITE_CORRUPT: database disk image is malformed\)\n$/,
    );
    expect(res.stderr).not.toMatch(NO_STACK);
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
  });
});
