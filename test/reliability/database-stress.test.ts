/**
 * Scenario 4, the database under stress, with the real `serve`:
 * - locked by another process (`BEGIN EXCLUSIVE` held by this test's own connection — a different
 *   process from serve's point of view, with its own POSIX locks);
 * - disk full: the serve process's file-size limit (RLIMIT_FSIZE) is lowered while it runs, with
 *   `prlimit --pid`, so every write that would grow the WAL fails (EFBIG: SQLite reports a write
 *   error), then raised again. Chosen because it is a real OS-level write failure inside the real
 *   process and needs no root; `PRAGMA max_page_count` would not do (it is per connection, so
 *   another connection cannot impose it) and a tiny tmpfs needs mount rights CI may not have.
 *   Skipped, with the reason printed, where `prlimit` is missing;
 * - a file written by a newer version (`user_version` above ours): refused with a clear message,
 *   its bytes unchanged.
 * In the first two the gateway must get an error status (so it keeps the message), no ack must go
 * out for the message that was not stored, a `problem` must be shown, and everything must recover
 * by itself once the cause is gone — each message stored exactly once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FaultSmsc } from '../support/fault-smsc.js';
import { STATUS } from '../support/smpp-wire.js';
import { tempDir } from '../support/core-harness.js';
import { attendanceTraffic, type TrafficMessage } from './support/traffic.js';
import { CLI_BIN, PASSWORD, SYSTEM_ID, ServeProcess, isState, type LogLine } from './support/serve-process.js';
import { auditDatabase, exactlyOnceProblems, queuedAcks } from './support/audit.js';

const HAVE_PRLIMIT = spawnSync('prlimit', ['--version']).status === 0;
if (!HAVE_PRLIMIT) console.warn('[reliability] disk-full scenario skipped: `prlimit` (util-linux) is not installed');

const isProblem = (active: boolean) => (line: LogLine) =>
  line.type === 'problem' && line.kind === 'storage' && line.active === active;

describe('database under stress', () => {
  let smsc: FaultSmsc;
  let serve: ServeProcess | null = null;
  let tmp: ReturnType<typeof tempDir>;
  let dbPath: string;

  beforeEach(async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD, retryDelayMs: 300 });
    tmp = tempDir('reliability-db-');
    dbPath = join(tmp.dir, 'attendance.db');
  });
  afterEach(async () => {
    serve?.kill('SIGKILL');
    await serve?.exited;
    serve = null;
    await smsc.close();
    tmp.cleanup();
  });

  const enqueue = (messages: TrafficMessage[]): void =>
    smsc.enqueue(...messages.map((m) => ({ key: m.key, fields: m.fields })));

  /**
   * Runs serve and sends `before`; the fault strikes while the last of their acks is in flight (the
   * SMSC applies it on receiving that submit_sm, before answering), so the app learns the ack went
   * out but cannot write it down. Then `during` is sent and must be refused with an error status and
   * no ack while a problem is shown; the in-flight ack must not be sent again. After `heal`, all is
   * stored exactly once and every ack sent exactly once.
   */
  async function faultAndRecover(
    fault: (child: ServeProcess) => void,
    heal: () => void,
    prlimit?: string[],
  ): Promise<string> {
    const traffic = attendanceTraffic(16, { phones: 4 });
    const before = traffic.slice(0, 6);
    const during = traffic.slice(6);
    const child = (serve = ServeProcess.start({ port: smsc.port, dbPath, ...(prlimit ? { prlimit } : {}) }));
    await child.waitForLine(isState('bound'), 15_000, 'bound');
    smsc.beforeSubmitAnswer = (record) => {
      if (record.destination !== before[before.length - 1]!.phone || smsc.submits.length < before.length) return;
      smsc.beforeSubmitAnswer = null;
      fault(child);
    };
    enqueue(before);
    await smsc.waitFor(
      () => smsc.acceptedKeys === before.length && smsc.submits.length === before.length,
      10_000,
      'the first messages stored and their acks sent',
    );
    expect(smsc.beforeSubmitAnswer, 'the fault struck between the last ack and its response').toBeNull();

    enqueue(during);
    const problem = await child.waitForLine(isProblem(true), 20_000, 'a storage problem to be shown');
    await smsc.waitFor(
      () => (smsc.deliverRespStatuses.get(STATUS.ESME_RX_T_APPN) ?? 0) >= during.length,
      30_000,
      'error statuses for the refused messages',
    );
    // The gateway offers them again and the app refuses them again: a whole further round through
    // the app's write path, during which a wrongly sent ack or a resent one would have gone out.
    await smsc.waitFor(
      () => (smsc.deliverRespStatuses.get(STATUS.ESME_RX_T_APPN) ?? 0) >= 2 * during.length,
      30_000,
      'a second round of refusals',
    );
    // Refused, so the gateway still holds them; no ack for a message that was not stored, and the
    // ack whose outcome could not be written is not sent again.
    expect(smsc.acceptedKeys).toBe(before.length);
    expect(smsc.submits.length).toBe(before.length);
    expect(child.running).toBe(true);

    heal();
    await smsc.waitFor(
      () => smsc.acceptedKeys === traffic.length,
      30_000,
      'the refused messages stored after recovery',
    );
    await child.waitForLine(isProblem(false), 10_000, 'the problem to clear');
    await smsc.waitFor(() => queuedAcks(dbPath) === 0, 30_000, 'every ack recorded as sent');
    child.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);

    const audit = auditDatabase(dbPath);
    expect(exactlyOnceProblems(audit, traffic)).toEqual([]);
    expect([...smsc.accepted.values()].filter((n) => n !== 1)).toEqual([]);
    expect(smsc.submits.length).toBe(traffic.length); // each ack exactly once
    return String(problem.message);
  }

  it('a locked database: error status, no ack, a problem shown, recovery by itself', async () => {
    const lock: { db?: Database.Database } = {};
    const message = await faultAndRecover(
      () => {
        lock.db = new Database(dbPath);
        lock.db.exec('BEGIN EXCLUSIVE');
      },
      () => {
        lock.db!.exec('ROLLBACK');
        lock.db!.close();
      },
    );
    expect(message).toMatch(/locked/i);
    console.info(
      `[reliability] locked database: 10 messages refused with ESME_RX_T_APPN (${smsc.deliverRespStatuses.get(STATUS.ESME_RX_T_APPN)} refusals), then stored; 16 acks, each sent once; lost 0. Problem shown: "${message}"`,
    );
  }, 90_000);

  it.runIf(HAVE_PRLIMIT)(
    'a full disk: error status, no ack, a problem shown, recovery by itself',
    async () => {
      let pid = 0;
      const setLimit = (soft: string): void => {
        const res = spawnSync('prlimit', ['--pid', String(pid), `--fsize=${soft}:unlimited`], { encoding: 'utf8' });
        if (res.status !== 0) throw new Error(`prlimit failed: ${res.stderr}`);
      };
      const message = await faultAndRecover(
        (child) => {
          pid = child.pid;
          setLimit('4096'); // below the end of the first WAL frame: every commit fails to write
        },
        () => setLimit('unlimited'),
        ['--fsize=unlimited:unlimited'],
      );
      expect(message).toMatch(/disk|full|written/i);
      console.info(
        `[reliability] full disk (RLIMIT_FSIZE): 10 messages refused (${smsc.deliverRespStatuses.get(STATUS.ESME_RX_T_APPN)} refusals), then stored; 16 acks, each sent once; lost 0. Problem shown: "${message}"`,
      );
    },
    90_000,
  );

  it('a database written by a newer version is refused with a clear message and left unchanged', () => {
    const db = new Database(dbPath);
    db.exec('CREATE TABLE future (x); INSERT INTO future VALUES (1);');
    db.pragma('user_version = 999');
    db.close();
    const hash = (): string => createHash('sha256').update(readFileSync(dbPath)).digest('hex');
    const before = hash();

    for (const args of [
      ['serve', '--host', '127.0.0.1', '--port', String(smsc.port), '--system-id', SYSTEM_ID, '--db', dbPath],
      ['status', '--db', dbPath],
      ['export', '--db', dbPath],
    ]) {
      const res = spawnSync(process.execPath, [CLI_BIN, ...args], {
        encoding: 'utf8',
        timeout: 20_000,
        env: { ...process.env, SMPP_PASSWORD: PASSWORD, ATTENDANCE_KEY: 'a7b2c3d4e5f6g789abcdef0123456789' },
      });
      expect(res.status, `${args[0]}: ${res.stderr}`).toBe(1);
      expect(res.stderr).toMatch(/newer version/);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
    expect(hash()).toBe(before);
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    expect(smsc.bindAttempts.length).toBe(0); // it refused before binding
  });
});
