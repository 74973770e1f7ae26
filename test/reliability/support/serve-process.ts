/**
 * The real `smpp-attendance serve` as a child process, the way an operator runs it: the built CLI,
 * `--log json`, real signals (SIGKILL for crashes, SIGTERM for a clean stop), and its memory and
 * file descriptors read from /proc.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CLI_BIN, CLI_ENV, SERVE_SECRETS, serveArgs } from '../../support/cli-process.js';
import { PASSWORD, SYSTEM_ID } from '../../support/core-harness.js';

export { CLI_BIN, PASSWORD, SYSTEM_ID };
/** Built before every run by the global setup (test/support/build-main.global.ts). */
const CLI_BUNDLE = join(import.meta.dirname, '../../../dist/cli/main.js');

/** One `--log json` line. */
export type LogLine = Record<string, unknown> & { type: string };

export interface ServeOptions {
  port: number;
  dbPath: string;
  /** Seconds; the CLI's smallest is 1. */
  enquireLinkS?: number;
  args?: string[];
  /** Run the child through `prlimit` with these options first (e.g. `--fsize=...`). */
  prlimit?: string[];
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ServeProcess {
  readonly lines: LogLine[] = [];
  stderr = '';
  /** stdout lines that were not JSON (there should be none). */
  readonly otherOutput: string[] = [];
  readonly exited: Promise<Exit>;
  private exit: Exit | null = null;
  private partial = '';

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.on('data', (chunk: Buffer) => this.onStdout(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      }),
    );
  }

  static start(opts: ServeOptions): ServeProcess {
    if (!existsSync(CLI_BUNDLE))
      throw new Error(
        `${CLI_BUNDLE} is missing: run the tests through vitest's config (its global setup builds it) or \`npm run build:main\``,
      );
    const args = [
      CLI_BIN,
      ...serveArgs(opts.port, opts.dbPath),
      '--log',
      'json',
      '--enquire-link',
      String(opts.enquireLinkS ?? 30),
      // Unpaced unless a test says otherwise (the default pace, one a minute, is for Android's SMS limit).
      '--ack-rate',
      '0',
      ...(opts.args ?? []),
    ];
    const env = { ...CLI_ENV, ...SERVE_SECRETS };
    const child = opts.prlimit
      ? spawn('prlimit', [...opts.prlimit, '--', process.execPath, ...args], { env })
      : spawn(process.execPath, args, { env });
    return new ServeProcess(child);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('serve child has no pid (did it start?)');
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === null;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.exit === null) this.child.kill(signal);
  }

  /** SIGKILL and wait for the exit. */
  async crash(): Promise<Exit> {
    this.kill('SIGKILL');
    return this.exited;
  }

  /** Waits for a log line matching `predicate`, checking lines already seen first. */
  async waitForLine(predicate: (line: LogLine) => boolean, timeoutMs: number, what: string): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    let seen = 0;
    for (;;) {
      for (; seen < this.lines.length; seen++) if (predicate(this.lines[seen]!)) return this.lines[seen]!;
      if (this.exit !== null)
        throw new Error(
          `serve exited (${JSON.stringify(this.exit)}) before ${what}; stderr: ${this.stderr.slice(-2000)}`,
        );
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last lines: ${this.tail(5)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  count(predicate: (line: LogLine) => boolean): number {
    return this.lines.filter(predicate).length;
  }

  tail(n: number): string {
    return this.lines
      .slice(-n)
      .map((l) => JSON.stringify(l))
      .join('\n');
  }

  /** Resident set size in KiB, from /proc/<pid>/status. */
  rssKb(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    if (!match) throw new Error(`no VmRSS in /proc/${this.pid}/status`);
    return Number(match[1]);
  }

  /** Open file descriptors (sockets, the database and its WAL, pipes). */
  openFds(): number {
    return readdirSync(`/proc/${this.pid}/fd`).length;
  }

  private onStdout(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    for (const part of parts) {
      if (part.trim() === '') continue;
      try {
        this.lines.push(JSON.parse(part) as LogLine);
      } catch {
        this.otherOutput.push(part);
      }
    }
  }
}

export function isState(kind: string): (line: LogLine) => boolean {
  return (line) => line.type === 'state' && line.kind === kind;
}
