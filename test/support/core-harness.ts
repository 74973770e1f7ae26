/**
 * Builds a real core (real SQLite file in a temp dir) bound to a real test SMSC on 127.0.0.1, and
 * reads the database back with a second connection, as an auditor would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createAppCore } from '../../src-main/core/app-core.js';
import type { AppCore, CoreSettings } from '../../src-main/core/app-core-types.js';
import type { ConnectionState } from '../../src-main/core/model.js';
import { startTestSmsc, type TestSmsc } from './test-smsc.js';
import { FIELD_KEY } from './phone.js';

export const SYSTEM_ID = 'office';
export const PASSWORD = 'secret1';

export function tempDir(prefix = 'attendance-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function settingsFor(smsc: { port: number }, overrides: Partial<CoreSettings> = {}): CoreSettings {
  return {
    host: '127.0.0.1',
    port: smsc.port,
    systemId: SYSTEM_ID,
    password: PASSWORD,
    key: FIELD_KEY,
    ignoreNumbers: ['11111'],
    repeatWindowMs: 10 * 60_000,
    ackRatePerMinute: 0,
    defaultCountry: 'IR',
    enquireLinkMs: 30_000,
    ackWindow: 10,
    ...overrides,
  };
}

export interface Harness {
  smsc: TestSmsc;
  core: AppCore;
  dbPath: string;
  states: ConnectionState[];
  waitForState(kind: ConnectionState['kind'], timeoutMs?: number): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
  restartCore(overrides?: Partial<CoreSettings>): Promise<AppCore>;
  close(): Promise<void>;
}

export async function startHarness(
  overrides: Partial<CoreSettings> = {},
  opts: { connect?: boolean; now?: () => number } = {},
): Promise<Harness> {
  const smsc = await startTestSmsc({ systemId: SYSTEM_ID, password: PASSWORD });
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'attendance.db');
  const states: ConnectionState[] = [];
  const build = (extra: Partial<CoreSettings>): AppCore => {
    const core = createAppCore({
      dbPath,
      settings: settingsFor(smsc, { ...overrides, ...extra }),
      ...(opts.now ? { now: opts.now } : {}),
    });
    core.on('connectionState', (s) => states.push(s));
    return core;
  };
  let core = build({});
  const harness: Harness = {
    smsc,
    get core() {
      return core;
    },
    dbPath,
    states,
    async waitForState(kind, timeoutMs = 10_000) {
      await smsc.waitFor(() => core.connectionState().kind === kind, timeoutMs, `connection state ${kind}`);
    },
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async restartCore(extra = {}) {
      await core.close();
      core = build(extra);
      return core;
    },
    async close() {
      await core.close();
      await smsc.close();
      cleanup();
    },
  };
  if (opts.connect !== false) {
    core.connect();
    await harness.waitForState('bound');
  }
  return harness;
}
