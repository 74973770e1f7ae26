/**
 * The built `smpp-attendance` as an operator runs it, for the CLI tests: one command run to its
 * end (`runCli`), or `serve` (or any long-running command) as a child process whose output is
 * collected and which is stopped with real signals (`startCli`). `serveArgs` is the command line
 * that points `serve` at a test SMSC on 127.0.0.1, and `cliWorld` starts that SMSC and a temp
 * folder for a describe block.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { PASSWORD, SYSTEM_ID, tempDir } from './core-harness.js';
import { startTestSmsc, type TestSmsc } from './test-smsc.js';
import { FIELD_KEY } from './phone.js';

export const CLI_BIN = join(import.meta.dirname, '../../src-main/cli/smpp-attendance.mjs');
/** The environment every CLI test runs in: the office's time zone. */
export const CLI_ENV: NodeJS.ProcessEnv = { ...process.env, TZ: 'Asia/Tehran' };
/** The test SMSC's password and the phone app's key, where `serve` reads them: its environment. */
export const SERVE_SECRETS = { SMPP_PASSWORD: PASSWORD, ATTENDANCE_KEY: FIELD_KEY };

export interface CliOptions {
  /** Added to (or overriding) CLI_ENV. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Start from a shell with umask 022, like a user's terminal (POSIX only). */
  umask022?: boolean;
}

function command(args: string[], opts: CliOptions): [string, string[]] {
  if (opts.umask022) return ['/bin/sh', ['-c', 'umask 022; exec "$0" "$@"', process.execPath, CLI_BIN, ...args]];
  return [process.execPath, [CLI_BIN, ...args]];
}

/** Runs `smpp-attendance ARGS` to its end (at most 30 s) and returns its exit status and output. */
export function runCli(args: string[], opts: CliOptions = {}): SpawnSyncReturns<string> {
  const [cmd, argv] = command(args, opts);
  return spawnSync(cmd, argv, {
    encoding: 'utf8',
    env: { ...CLI_ENV, ...opts.env },
    timeout: 30_000,
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
}

/** `serve` bound to the test SMSC on 127.0.0.1:`port` as SYSTEM_ID, with the database `db`, then `more`. */
export function serveArgs(port: number, db: string, ...more: string[]): string[] {
  return ['serve', '--host', '127.0.0.1', '--port', String(port), '--system-id', SYSTEM_ID, '--db', db, ...more];
}

/** A running `smpp-attendance` child: what it wrote so far, and its exit code once it ends. */
export class CliChild {
  stdout = '';
  stderr = '';
  /** stdout and stderr together, in the order they arrived. */
  output = '';
  readonly exited: Promise<number | null>;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (d: Buffer) => {
      this.stdout += d.toString();
      this.output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString();
      this.output += d.toString();
    });
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  /** SIGTERM (a clean stop, as from a service manager) and its exit code. */
  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }

  /** SIGKILL: for a `finally`, so that a failed test leaves no process behind (a no-op once it has exited). */
  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/** Starts `smpp-attendance ARGS` as a child process. */
export function startCli(args: string[], opts: CliOptions = {}): CliChild {
  const [cmd, argv] = command(args, opts);
  return new CliChild(spawn(cmd, argv, { env: { ...CLI_ENV, ...opts.env }, ...(opts.cwd ? { cwd: opts.cwd } : {}) }));
}

/**
 * For a describe block of CLI tests: a test SMSC that accepts SYSTEM_ID / PASSWORD, started before
 * its tests, and a temp folder; both gone after them.
 */
export function cliWorld(prefix: string): { readonly smsc: TestSmsc; readonly dir: string } {
  const tmp = tempDir(prefix);
  let smsc: TestSmsc | undefined;
  beforeAll(async () => {
    smsc = await startTestSmsc({ systemId: SYSTEM_ID, password: PASSWORD });
  });
  afterAll(async () => {
    await smsc?.close();
    tmp.cleanup();
  });
  return {
    get smsc(): TestSmsc {
      if (!smsc) throw new Error('the test SMSC starts in beforeAll: use it inside a test or a hook');
      return smsc;
    },
    dir: tmp.dir,
  };
}

/** No stack trace in what a command printed. */
export const STACK_TRACE = /\n\s+at .+:\d+:\d+/;
