/** Real SQLite files in a temp dir, and message inputs as the pipeline would hand them over. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  openStore,
  type AttendanceStore,
  type RecordMessageInput,
  type StoreOptions,
} from '../../../src-main/core/store/attendance-store.js';

export const EMPLOYEE = '989102211824';
export const GATEWAY = '9102211824';

export interface StoreFixture {
  dir: string;
  path: string;
  clock: { now: number };
  open(opts?: Pick<StoreOptions, 'busyTimeoutMs' | 'ownKeys' | 'backgroundCheckpoints'>): AttendanceStore;
  cleanup(): void;
}

export function storeFixture(): StoreFixture {
  const dir = mkdtempSync(join(tmpdir(), 'smpp-store-'));
  const opened: AttendanceStore[] = [];
  const clock = { now: Date.parse('2026-11-25T09:00:00+03:30') };
  return {
    dir,
    path: join(dir, 'attendance.db'),
    clock,
    open(opts = {}) {
      const store = openStore(join(dir, 'attendance.db'), { now: () => clock.now, defaultCountry: 'IR', ...opts });
      opened.push(store);
      return store;
    },
    cleanup() {
      for (const s of opened) s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An attendance message from `source` at `receivedAt` (ms); occurredAt defaults to receivedAt. */
export function attendance(
  receivedAt: number,
  status: 'arrival' | 'exit',
  opts: {
    source?: string;
    envelope?: string;
    occurredAt?: number | null;
    reportedTime?: string;
    repeatWindowMs?: number;
  } = {},
): RecordMessageInput {
  const envelope = opts.envelope ?? `cipher-${status}-${receivedAt}`;
  return {
    receivedAt,
    source: opts.source ?? EMPLOYEE,
    destination: GATEWAY,
    dataCoding: 0,
    esmClass: 0,
    raw: Buffer.from(`$$${envelope}$$`),
    envelope,
    plaintext: `${status === 'arrival' ? 'Arrival' : 'Exit'}${opts.reportedTime ?? ' 08:31'}`,
    verdict: {
      kind: 'attendance',
      status,
      reportedTime: opts.reportedTime ?? ' 08:31',
      occurredAt: opts.occurredAt === undefined ? receivedAt : opts.occurredAt,
      ackText: `$$ack-${envelope}$$`,
    },
    repeatWindowMs: opts.repeatWindowMs ?? 10 * 60_000,
  };
}

/** Local time in Asia/Tehran (the tests' TZ) as ms. */
export function tehran(isoLocal: string): number {
  return Date.parse(`${isoLocal}+03:30`);
}
