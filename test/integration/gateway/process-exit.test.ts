/**
 * stop() must leave nothing behind: no timer, no socket. The strongest check is a real process
 * that has to exit on its own after stop(). The fixture is bundled with esbuild (smpp stays an
 * external CommonJS module, as in the app) and run with plain Node.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'gateway-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a process whose sessions were stopped exits by itself, promptly', async () => {
  const smppUrl = pathToFileURL(createRequire(import.meta.url).resolve('smpp')).href;
  const outfile = join(dir, 'stop-then-exit.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/stop-then-exit.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    plugins: [
      {
        name: 'smpp-external',
        setup: (b) => b.onResolve({ filter: /^smpp$/ }, () => ({ path: smppUrl, external: true })),
      },
    ],
  });
  const child = spawn(process.execPath, [outfile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const started = Date.now();
  const code = await new Promise<number | string>((resolve) => {
    const killer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('still running after 10 s: something kept the event loop alive');
    }, 10_000);
    child.on('exit', (c) => {
      clearTimeout(killer);
      resolve(c ?? 'killed');
    });
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual({
    deliver: 0,
    submit: 'LinkLostError',
    unbinds: 1,
    states: ['disconnected', 'disconnected', 'disconnected'],
  });
  // The sessions had 30–60 s timers pending; exiting well before that proves they were cleared.
  expect(Date.now() - started).toBeLessThan(5_000);
});
