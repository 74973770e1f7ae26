/**
 * The demo without a phone: the demo gateway (an SMPP server in the same process) and a real core
 * with a real database file. Every message a demo phone sends must end as a recorded event, a
 * repeat, or (the phone with the old key) a rejected message; every ack must be one a phone would
 * accept; every receipt must mark its ack delivered.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../src-main/core/app-core.js';
import type { AppCore } from '../../../src-main/core/app-core-types.js';
import { startDemoGateway, type DemoGateway } from '../../../src-main/demo/demo-gateway.js';
import { DEMO_EMPLOYEES, demoSecrets } from '../../../src-main/demo/demo-office.js';
import { addDemoEmployees } from '../../../src-main/demo/demo-setup.js';
import { settingsFor, tempDir } from '../../support/core-harness.js';

async function waitFor(predicate: () => boolean, label: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('demo gateway', () => {
  let gateway: DemoGateway | null = null;
  let core: AppCore | null = null;
  let cleanup: (() => void) | null = null;

  afterEach(async () => {
    await core?.close();
    await gateway?.close();
    cleanup?.();
    core = gateway = cleanup = null;
  });

  it('plays the office phone end to end: messages recorded, resends counted once, old keys rejected, acks verified and delivered', async () => {
    const secrets = demoSecrets();
    expect(secrets.key).toHaveLength(32);
    expect(secrets.password).toHaveLength(8);
    expect(demoSecrets().key).not.toBe(secrets.key);

    gateway = await startDemoGateway({
      ...secrets,
      employees: DEMO_EMPLOYEES,
      paceMs: [5, 15],
      chances: { resend: 0.3, wrongKey: 0.15, lateReport: 0.1 },
    });
    const temp = tempDir('demo-');
    cleanup = temp.cleanup;
    const dbPath = join(temp.dir, 'attendance.db');
    core = createAppCore({
      dbPath,
      settings: settingsFor(gateway, { systemId: secrets.systemId, password: secrets.password, key: secrets.key }),
    });
    expect(addDemoEmployees(core)).toBe(DEMO_EMPLOYEES.length);
    expect(addDemoEmployees(core)).toBe(0); // a second run keeps the directory as it is
    core.connect();

    const g = gateway;
    await waitFor(
      () => g.stats().delivered >= 120 && g.stats().resends >= 5 && g.stats().wrongKey >= 5,
      '120 demo messages',
    );
    g.stopSending();
    // The phones have stopped: wait until every delivered message is stored, every recorded or
    // repeated one acknowledged, and every ack's receipt sent.
    const db = new Database(dbPath, { readonly: true });
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    const settled = (): boolean => {
      const s = g.stats();
      const stored = count('SELECT count(*) AS n FROM messages WHERE esm_class & 4 = 0');
      const answered = count("SELECT count(*) AS n FROM messages WHERE outcome IN ('recorded', 'repeat')");
      return stored === s.delivered && s.acks === answered && s.receiptsSent === s.acks;
    };
    await waitFor(settled, 'every message stored, acknowledged and receipted');
    await waitFor(
      () => count("SELECT count(*) AS n FROM acks WHERE state <> 'delivered'") === 0,
      'every ack delivered',
    );
    await core.disconnect();
    const stats = g.stats();

    try {
      const messages = count('SELECT count(*) AS n FROM messages WHERE esm_class & 4 = 0');
      const recorded = count("SELECT count(*) AS n FROM messages WHERE outcome = 'recorded'");
      const repeats = count("SELECT count(*) AS n FROM messages WHERE outcome = 'repeat'");
      const rejected = count("SELECT count(*) AS n FROM messages WHERE outcome = 'rejected'");
      // Every message the gateway handed over is stored and judged.
      expect(messages).toBe(stats.delivered);
      expect(recorded + repeats + rejected).toBe(messages);
      expect(rejected).toBe(stats.wrongKey);
      expect(repeats).toBeGreaterThan(0);
      expect(count('SELECT count(*) AS n FROM events')).toBe(recorded);
      // Every event belongs to a demo employee, and the senders' names resolved.
      expect(count('SELECT count(*) AS n FROM events WHERE employee_id IS NULL')).toBe(0);
      // An ack for each recorded and repeated message; each one a phone accepts.
      expect(stats.acks).toBeGreaterThan(0);
      expect(stats.acksBad).toBe(0);
      expect(stats.acksVerified).toBe(stats.acks);
      expect(stats.acks).toBe(recorded + repeats);
      // Every receipt reached its ack.
      expect(count("SELECT count(*) AS n FROM acks WHERE state = 'delivered'")).toBe(stats.acks);
    } finally {
      db.close();
    }
  });

  it('refuses a bind with the wrong password, as the phone does', async () => {
    const secrets = demoSecrets();
    gateway = await startDemoGateway({ ...secrets, employees: DEMO_EMPLOYEES, paceMs: [50, 60] });
    const temp = tempDir('demo-');
    cleanup = temp.cleanup;
    core = createAppCore({
      dbPath: join(temp.dir, 'attendance.db'),
      settings: settingsFor(gateway, { systemId: secrets.systemId, password: 'wrong', key: secrets.key }),
    });
    core.connect();
    const c = core;
    await waitFor(() => c.connectionState().kind === 'refused', 'the refusal');
    expect(c.connectionState()).toMatchObject({ kind: 'refused', status: 'ESME_RINVPASWD' });
    expect(gateway.stats().binds).toBe(0);
  });
});
