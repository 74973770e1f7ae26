/**
 * `npm run preview` as a process (the built dist/preview/preview-main.js): prints the URL with its
 * token, serves the renderer, refuses bad options with the usage, and stops cleanly on SIGTERM.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsFor, tempDir } from '../support/core-harness.js';
import { createAppCore } from '../../src-main/core/app-core.js';
import { takeBackup } from '../../src-main/core/backup/take-backup.js';
import { projectDir } from './support/ui-world.js';

const entry = join(projectDir, 'dist', 'preview', 'preview-main.js');

describe('npm run preview', () => {
  const children: ChildProcess[] = [];
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('is built', () => {
    expect(existsSync(entry), `${entry} is missing: run npm run build`).toBe(true);
  });

  it('prints the URL, serves the page with the token, and exits 0 on SIGTERM after closing the database', async () => {
    const { dir, cleanup } = tempDir('preview-main-');
    cleanups.push(cleanup);
    const child = spawn(process.execPath, [entry, '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!/Preview: (\S+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const url = /Preview: (\S+)/.exec(out)?.[1];
    expect(url, `no URL printed; output: ${out}`).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(out).toContain(`Data: ${dir}`);
    expect((await fetch(url!)).status).toBe(200);
    expect((await fetch(url!.replace(/\?.*/, ''))).status).toBe(403);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('unbinding and closing the database');
    expect(existsSync(join(dir, 'attendance.db'))).toBe(true);
  });

  it('refuses a bad option with the usage and exit code 2; --help names the default data folder', () => {
    const bad = spawnSync(process.execPath, [entry, '--port', 'eighty'], { encoding: 'utf8', timeout: 10_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port takes a number/);
    expect(bad.stderr).toMatch(/Usage: npm run preview/);
    const help = spawnSync(process.execPath, [entry, '--help'], { encoding: 'utf8', timeout: 10_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--data DIR .*\n.*\(default .*smpp-attendance-preview\)/);
  });

  describe.skipIf(process.platform === 'win32')('its data folder', () => {
    const umask022 = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
      spawn('/bin/sh', ['-c', 'umask 022; exec "$0" "$@"', process.execPath, entry, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env,
      });

    it('by default is per user under XDG_STATE_HOME, 0700, with the database 0600', async () => {
      const { dir, cleanup } = tempDir('preview-state-');
      cleanups.push(cleanup);
      const child = umask022([], { ...process.env, XDG_STATE_HOME: dir });
      children.push(child);
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const deadline = Date.now() + 10_000;
      while (!/Preview: (\S+)/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const data = join(dir, 'smpp-attendance-preview');
      expect(out).toContain(`Data: ${data}`);
      const url = /Preview: (\S+)/.exec(out)![1]!;
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      expect((await fetch(url)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(statSync(data).mode & 0o777).toBe(0o700);
      expect(statSync(join(data, 'attendance.db')).mode & 0o777).toBe(0o600);
    });

    it('refuses a folder that others may write to, and one that belongs to another user', async () => {
      const { dir, cleanup } = tempDir('preview-shared-');
      cleanups.push(cleanup);
      const open = join(dir, 'open');
      mkdirSync(open);
      chmodSync(open, 0o777);
      const refused = spawnSync(process.execPath, [entry, '--data', open], { encoding: 'utf8', timeout: 10_000 });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/the data folder '.*open' can be written by other users \(mode 777\)/);
      expect(existsSync(join(open, 'attendance.db'))).toBe(false);

      if (process.getuid?.() === 0) {
        const theirs = join(dir, 'theirs');
        mkdirSync(theirs, { mode: 0o755 });
        chownSync(theirs, 65534, 65534);
        const other = spawnSync(process.execPath, [entry, '--data', theirs], { encoding: 'utf8', timeout: 10_000 });
        expect(other.status).toBe(2);
        expect(other.stderr).toMatch(/belongs to another user \(uid 65534\)/);
      }
    });
  });
});

describe('npm run preview on a damaged database', () => {
  it('says the database is damaged, names the newest good backup and the restore line, without a stack trace, and exits 1', async () => {
    const { dir, cleanup } = tempDir('preview-damaged-');
    try {
      const dbPath = join(dir, 'attendance.db');
      const core = createAppCore({ dbPath, settings: settingsFor({ port: 2775 }) });
      await core.close();
      const backup = await takeBackup(dbPath, join(dir, 'backups'), 'manual');
      expect(backup.ok).toBe(true);
      for (const suffix of ['-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
      writeFileSync(
        dbPath,
        'these are not the bytes of an SQLite database, but they are long enough to look like one '.repeat(20),
      );
      const run = spawnSync(process.execPath, [entry, '--data', dir], { encoding: 'utf8', timeout: 15_000 });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`The newest good backup is '${backup.file}'`);
      expect(run.stderr).toContain(`npx smpp-attendance restore --db ${dbPath} --from ${backup.file}`);
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(run.stdout).not.toMatch(/Preview: /);
    } finally {
      cleanup();
    }
  });
});
