/**
 * `smpp-attendance serve` in a child process, started as an operator starts it (the package's
 * bin script, real argv and environment), for the ingest and start-up benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_KEY } from '../support/phone.js';

/** dist/bench/run.js -> the repository root. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const CLI_BIN = join(REPO_ROOT, 'src-main', 'cli', 'smpp-attendance.mjs');
export const BENCH_CREDENTIALS = { systemId: 'bench', password: 'bench1' } as const;

export interface ServeOptions {
  port: number;
  dbPath: string;
  /** serve's stdout and stderr go here (an operator's log file), or to a pipe when 'pipe'. */
  logPath: string | 'pipe';
  extraArgs?: string[];
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
}

export interface ServeProcess {
  child: ChildProcess;
  /** performance.now() just before spawn. */
  launchedAt: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then the exit code; SIGKILL if it does not exit within `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
  /** User + system CPU time the child has used so far, in ms (from /proc). */
  cpuMs(): number;
  log(): string;
}

export function startServe(options: ServeOptions): ServeProcess {
  const fd = options.logPath === 'pipe' ? null : openSync(options.logPath, 'a');
  const args = [
    ...(options.nodeFlags ?? []),
    CLI_BIN,
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--system-id',
    BENCH_CREDENTIALS.systemId,
    '--db',
    options.dbPath,
    '--ack-rate',
    '0',
    ...(options.extraArgs ?? []),
  ];
  const launchedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, SMPP_PASSWORD: BENCH_CREDENTIALS.password, ATTENDANCE_KEY: FIELD_KEY },
    stdio: ['ignore', fd ?? 'pipe', fd ?? 'pipe'],
  });
  if (fd !== null) closeSync(fd);
  let piped = '';
  child.stdout?.on('data', (d: Buffer) => (piped += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (piped += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    launchedAt,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const { code } = await exited;
      clearTimeout(timer);
      return code;
    },
    cpuMs: () => processCpuMs(child.pid),
    log: () => (options.logPath === 'pipe' ? piped : readFileSync(options.logPath, 'utf8')),
  };
}

/** utime + stime of a process from /proc/PID/stat, in ms; NaN where /proc is not there. */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** USER_HZ: 100 on every Linux architecture Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;
