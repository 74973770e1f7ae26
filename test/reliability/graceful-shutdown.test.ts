/**
 * Graceful shutdown: SIGTERM to the real `serve` in the middle of a burst. It must unbind (the
 * gateway sees `unbind`), exit 0 promptly, and leave a clean database: integrity ok, the WAL
 * checkpointed away, every message the gateway saw accepted stored with its event and ack. After a
 * restart the rest arrives, and everything is stored exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FaultSmsc } from '../support/fault-smsc.js';
import { tempDir } from '../support/core-harness.js';
import { attendanceTraffic } from './support/traffic.js';
import { PASSWORD, SYSTEM_ID, ServeProcess, isState } from './support/serve-process.js';
import { auditDatabase, exactlyOnceProblems, queuedAcks } from './support/audit.js';

const COUNT = 1_500;

describe('graceful shutdown on SIGTERM', () => {
  let smsc: FaultSmsc;
  let serve: ServeProcess | null = null;
  const tmp = tempDir('reliability-shutdown-');
  const dbPath = join(tmp.dir, 'attendance.db');

  beforeAll(async () => {
    smsc = await FaultSmsc.start({ systemId: SYSTEM_ID, password: PASSWORD, window: 10 });
  });
  afterAll(async () => {
    serve?.kill('SIGKILL');
    await serve?.exited;
    await smsc.close();
    tmp.cleanup();
  });

  it('unbinds, exits 0 with a clean database, and loses nothing across the restart', async () => {
    const traffic = attendanceTraffic(COUNT, { phones: 30 });
    smsc.enqueue(...traffic.map((m) => ({ key: m.key, fields: m.fields })));
    let child = (serve = ServeProcess.start({ port: smsc.port, dbPath }));

    await new Promise<void>((resolve) => {
      const onResp = (): void => {
        if (smsc.acceptedKeys < COUNT / 3) return;
        smsc.off('deliverResp', onResp);
        child.kill('SIGTERM');
        resolve();
      };
      smsc.on('deliverResp', onResp);
    });
    const signalledAt = Date.now();
    const exit = await child.exited;
    const stopMs = Date.now() - signalledAt;
    expect(exit.code, child.stderr).toBe(0);
    expect(stopMs).toBeLessThan(5_000);
    expect(smsc.unbinds).toBe(1);
    expect(existsSync(`${dbPath}-wal`)).toBe(false); // closed cleanly: checkpointed, WAL removed
    expect(child.otherOutput).toEqual([]);

    // Everything the gateway considers delivered is stored, with its event and ack row.
    const midway = auditDatabase(dbPath);
    expect(midway.integrity).toBe('ok');
    expect(midway.orphans).toBe(0);
    expect(midway.unacknowledged).toBe(0);
    const accepted = traffic.filter((m) => smsc.accepted.has(m.key));
    expect(accepted.filter((m) => midway.eventsByKey.get(m.key) !== 1).map((m) => m.key)).toEqual([]);
    const acceptedAtStop = smsc.acceptedKeys;

    child = serve = ServeProcess.start({ port: smsc.port, dbPath });
    await child.waitForLine(isState('bound'), 15_000, 'bound after the restart');
    await smsc.waitFor(() => smsc.undelivered === 0, 30_000, 'the rest delivered');
    await smsc.waitFor(() => queuedAcks(dbPath) === 0, 30_000, 'the outbox to drain');
    child.kill('SIGTERM');
    expect((await child.exited).code).toBe(0);
    expect(smsc.unbinds).toBe(2);

    const audit = auditDatabase(dbPath);
    expect(exactlyOnceProblems(audit, traffic)).toEqual([]);
    expect([...smsc.accepted.values()].filter((n) => n !== 1)).toEqual([]);
    console.info(
      `[reliability] graceful shutdown: SIGTERM after ${acceptedAtStop} of ${COUNT} messages, stopped in ${stopMs} ms with unbind, ` +
        `${midway.outcomes.recorded} stored at the stop; after the restart ${audit.outcomes.recorded} recorded, ${audit.outcomes.repeat} repeats; lost 0`,
    );
  }, 90_000);
});
