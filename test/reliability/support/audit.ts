/**
 * Reads the database back the way an auditor would — a separate read-only connection, plain SQL
 * against the schema — and checks it against the traffic that was sent: every message exactly once
 * as an event, every redelivery of a stored message a `repeat` row, every valid message
 * acknowledged, nothing left in the outbox.
 */
import Database from 'better-sqlite3';
import type { TrafficMessage } from './traffic.js';

export interface DatabaseAudit {
  /** `${phone}|${plaintext}` → number of (uncorrected, original) events. */
  eventsByKey: Map<string, number>;
  outcomes: Record<'recorded' | 'repeat' | 'ignored' | 'rejected', number>;
  /** Rejected messages: reason → count. */
  rejectedReasons: Map<string, number>;
  /** recorded messages without exactly one event, or events whose message is not `recorded`. */
  orphans: number;
  /** repeat rows whose repeat_of is missing or not the same source and envelope. */
  badRepeats: number;
  /** Ack rows by state. */
  acks: Record<'queued' | 'submitted' | 'delivered' | 'failed', number>;
  /** recorded/repeat messages with no ack row. */
  unacknowledged: number;
  /** Ack texts per destination phone: `${phone} ${text}` → ack rows. */
  ackTexts: Map<string, number>;
  integrity: string;
}

export function readOnly<T>(dbPath: string, fn: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return fn(db);
  } finally {
    db.close();
  }
}

/** How many messages are stored, by outcome, right now (cheap enough to poll). */
export function countOutcomes(dbPath: string): Record<string, number> {
  return readOnly(dbPath, (db) => {
    const rows = db.prepare('SELECT outcome, count(*) AS n FROM messages GROUP BY outcome').all() as {
      outcome: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
  });
}

export function queuedAcks(dbPath: string): number {
  return readOnly(
    dbPath,
    (db) => (db.prepare("SELECT count(*) AS n FROM acks WHERE state = 'queued'").get() as { n: number }).n,
  );
}

export function auditDatabase(dbPath: string): DatabaseAudit {
  return readOnly(dbPath, (db) => {
    const eventsByKey = new Map<string, number>();
    const events = db.prepare('SELECT phone, status, reported_time FROM events WHERE corrects_id IS NULL').all() as {
      phone: string;
      status: string;
      reported_time: string;
    }[];
    for (const e of events) {
      const key = `${e.phone}|${e.status === 'arrival' ? 'Arrival' : 'Exit'}${e.reported_time}`;
      eventsByKey.set(key, (eventsByKey.get(key) ?? 0) + 1);
    }
    const outcomes = { recorded: 0, repeat: 0, ignored: 0, rejected: 0 };
    for (const r of db.prepare('SELECT outcome, count(*) AS n FROM messages GROUP BY outcome').all() as {
      outcome: keyof typeof outcomes;
      n: number;
    }[]) {
      outcomes[r.outcome] = r.n;
    }
    const rejectedReasons = new Map<string, number>();
    for (const r of db
      .prepare(
        "SELECT coalesce(reason_code, reason, '') AS reason, count(*) AS n FROM messages WHERE outcome = 'rejected' GROUP BY 1",
      )
      .all() as { reason: string; n: number }[]) {
      rejectedReasons.set(r.reason, r.n);
    }
    const orphans = (
      db
        .prepare(
          `SELECT
           (SELECT count(*) FROM messages m WHERE m.outcome = 'recorded'
              AND (SELECT count(*) FROM events e WHERE e.message_id = m.id AND e.corrects_id IS NULL) <> 1)
         + (SELECT count(*) FROM events e JOIN messages m ON m.id = e.message_id WHERE m.outcome <> 'recorded') AS n`,
        )
        .get() as { n: number }
    ).n;
    const badRepeats = (
      db
        .prepare(
          `SELECT count(*) AS n FROM messages r LEFT JOIN messages o ON o.id = r.repeat_of
         WHERE r.outcome = 'repeat' AND (o.id IS NULL OR o.outcome <> 'recorded' OR o.source <> r.source OR o.envelope IS NOT r.envelope)`,
        )
        .get() as { n: number }
    ).n;
    const acks = { queued: 0, submitted: 0, delivered: 0, failed: 0 };
    for (const r of db.prepare('SELECT state, count(*) AS n FROM acks GROUP BY state').all() as {
      state: keyof typeof acks;
      n: number;
    }[])
      acks[r.state] = r.n;
    const unacknowledged = (
      db
        .prepare(
          "SELECT count(*) AS n FROM messages m WHERE m.outcome IN ('recorded', 'repeat') AND NOT EXISTS (SELECT 1 FROM acks a WHERE a.message_id = m.id)",
        )
        .get() as { n: number }
    ).n;
    const ackTexts = new Map<string, number>();
    for (const r of db.prepare('SELECT destination, text FROM acks').all() as { destination: string; text: string }[]) {
      const key = `${r.destination} ${r.text}`;
      ackTexts.set(key, (ackTexts.get(key) ?? 0) + 1);
    }
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? '';
    return { eventsByKey, outcomes, rejectedReasons, orphans, badRepeats, acks, unacknowledged, ackTexts, integrity };
  });
}

/**
 * Everything that is wrong with the database given the traffic sent (empty = exactly once).
 * Keys sent more than once on purpose (the phone's retries) are still one event each.
 */
export function exactlyOnceProblems(audit: DatabaseAudit, traffic: readonly TrafficMessage[]): string[] {
  const problems: string[] = [];
  const expected = new Set(traffic.map((m) => m.key));
  const missing = [...expected].filter((k) => !audit.eventsByKey.has(k));
  const doubled = [...audit.eventsByKey].filter(([, n]) => n > 1);
  const unexpected = [...audit.eventsByKey.keys()].filter((k) => !expected.has(k));
  if (missing.length)
    problems.push(`${missing.length} messages lost (no event), e.g. ${missing.slice(0, 3).join(', ')}`);
  if (doubled.length)
    problems.push(
      `${doubled.length} messages doubled, e.g. ${doubled
        .slice(0, 3)
        .map(([k, n]) => `${k} ×${n}`)
        .join(', ')}`,
    );
  if (unexpected.length)
    problems.push(`${unexpected.length} events nobody sent, e.g. ${unexpected.slice(0, 3).join(', ')}`);
  if (audit.outcomes.recorded !== expected.size)
    problems.push(`${audit.outcomes.recorded} recorded messages for ${expected.size} distinct ones sent`);
  if (audit.orphans)
    problems.push(`${audit.orphans} recorded messages without exactly one event (or events of non-recorded messages)`);
  if (audit.badRepeats) problems.push(`${audit.badRepeats} repeat rows not pointing at the recorded original`);
  if (audit.unacknowledged) problems.push(`${audit.unacknowledged} recorded/repeat messages without an ack row`);
  if (audit.acks.queued) problems.push(`${audit.acks.queued} acks still queued in the outbox`);
  if (audit.acks.failed) problems.push(`${audit.acks.failed} acks failed`);
  const noAck = traffic.filter((m) => !audit.ackTexts.has(`${m.phone} ${m.ackText}`));
  if (noAck.length)
    problems.push(
      `${noAck.length} messages without the expected ack text, e.g. ${noAck
        .slice(0, 2)
        .map((m) => m.key)
        .join(', ')}`,
    );
  if (audit.integrity !== 'ok') problems.push(`integrity_check: ${audit.integrity}`);
  return problems;
}
