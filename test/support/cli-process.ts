/**
 * The built `smpp-attendance` run as an operator runs it: a child process of the bin script
 * (dist/ is rebuilt from src-main by the global setup, test/support/build-main.global.ts), in the
 * office's time zone, its output and exit code returned.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const CLI_BIN = join(import.meta.dirname, '../../src-main/cli/smpp-attendance.mjs');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCliProcess(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): CliResult {
  const res = spawnSync(process.execPath, [CLI_BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'Asia/Tehran', ...opts.env },
    timeout: opts.timeoutMs ?? 30_000,
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** No stack trace in what a command printed. */
export const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
