/**
 * `npm run preview` as a process (the built dist/preview/preview-main.js): prints the URL with its
 * token, serves the renderer, refuses bad options with the usage, and stops cleanly on SIGTERM.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
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
      writeFileSync(dbPath, 'these are not the bytes of an SQLite database, but they are long enough to look like one '.repeat(20));
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
