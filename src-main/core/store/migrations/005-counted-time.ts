/**
 * Migration 5: counted time, flags, corrections and the app's connection history
 * (docs/attendance-rules.md sections 1 and 4).
 *
 * - `events.at` is from now on the COUNTED time: the time every view and export uses. It was the
 *   reported time when that parsed, else the receipt; the existing indexes on it (events_at,
 *   events_phone_at) serve the counted time unchanged. `occurred_at` stays the reported time.
 * - `events.flags`: the punch's flag codes joined by ';' (NULL when none), decided when the punch
 *   is recorded and never changed afterwards. The partial index events_flagged keeps the Review
 *   list a small index scan.
 * - `corrections`: new rows that add a punch, replace one (time, status) or void one, with who,
 *   when and why; events are never edited. It replaces the unused correction columns of migration
 *   1 (`events.corrects_id`, written by nothing): any such row becomes a `void` of the event it
 *   pointed at, which is what the views made of it.
 * - `connection_history`: the app's own bound / not-bound intervals, so that a message the gateway
 *   held while the app was away (`held`) can be told from a late report.
 *
 * Existing events get counted times and flags by the same rules, with the default tolerances (the
 * settings live outside the database) and with one difference: there is no connection history
 * for them, so the `held` case cannot apply, and a reported time more than the tolerance before
 * its receipt is counted at receipt and flagged `late_report` (the README says so). Only the rows
 * a rule can touch are visited: one pass over the table picks them in pages by id, so the step
 * stays fast at millions of events (the README gives the time on 2,000,000 events).
 */
import type { Database } from 'better-sqlite3';
import { migration, PAGE_ROWS } from './migration.js';
import type { PunchFlag } from '../../model.js';
import { countedTime, flagsColumn, MAX_PUNCHES_PER_DAY, readFlags } from '../../attendance/counted-time.js';
import { hasExplicitDate } from '../../protocol/attendance-text.js';
import { startOfLocalDay } from '../local-day.js';
import { SETTINGS_DEFAULTS, MINUTE_MS } from '../../settings/settings-defaults.js';

const sql = /* sql */ `
ALTER TABLE events ADD COLUMN flags TEXT;
CREATE INDEX events_flagged ON events (at) WHERE flags IS NOT NULL;

CREATE TABLE corrections (
  id          INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL CHECK (kind IN ('add', 'replace', 'void')),
  -- the punch it changes (NULL for an added punch)
  event_id    INTEGER REFERENCES events (id),
  -- the punch as corrected (NULL for a void); at is its counted time
  phone       TEXT,
  employee_id INTEGER REFERENCES employees (id),
  status      TEXT    CHECK (status IN ('arrival', 'exit')),
  at          INTEGER,
  -- set when the correction is a review decision
  decision    TEXT    CHECK (decision IN ('accept_reported', 'keep_received', 'void')),
  who         TEXT    NOT NULL,
  why         TEXT    NOT NULL,
  made_at     INTEGER NOT NULL,
  CHECK ((kind = 'add') = (event_id IS NULL)),
  CHECK ((kind = 'void') = (at IS NULL)),
  CHECK (kind = 'void' OR (phone IS NOT NULL AND status IS NOT NULL))
);
CREATE INDEX corrections_event ON corrections (event_id) WHERE event_id IS NOT NULL;
CREATE INDEX corrections_at ON corrections (at) WHERE at IS NOT NULL;

INSERT INTO corrections (kind, event_id, who, why, made_at)
  SELECT 'void', corrects_id, COALESCE(corrected_by, ''), COALESCE(correction_why, ''), received_at FROM events WHERE corrects_id IS NOT NULL;

CREATE TABLE connection_history (
  id        INTEGER PRIMARY KEY,
  state     TEXT    NOT NULL CHECK (state IN ('bound', 'not_bound')),
  from_at   INTEGER NOT NULL,
  -- NULL while the interval lasts
  to_at     INTEGER,
  -- the last time the app was known alive in it (a heartbeat): where a crash ended it
  alive_at  INTEGER NOT NULL
);
CREATE INDEX connection_history_from ON connection_history (from_at);
`;

/** Counted times and flags for the rows a rule can touch, in pages by id. */
function countedTimes(db: Database): void {
  const tolerances = {
    lateMs: SETTINGS_DEFAULTS.lateToleranceMinutes * MINUTE_MS,
    futureMs: SETTINGS_DEFAULTS.futureToleranceMinutes * MINUTE_MS,
  };
  // Candidates: rows some rule can change. Everything else keeps at = occurred_at and no flags.
  const page = db.prepare<[number, number, number, number], Row>(
    `SELECT id, employee_id AS employeeId, reported_time AS reportedTime, occurred_at AS occurredAt, received_at AS receivedAt
     FROM events
     WHERE id > ? AND (occurred_at IS NULL OR employee_id IS NULL OR occurred_at > received_at + ? OR occurred_at < received_at - ?
                       OR reported_time GLOB '*[-/]*')
     ORDER BY id LIMIT ?`,
  );
  const set = db.prepare<[number, string | null, number]>('UPDATE events SET at = ?, flags = ? WHERE id = ?');
  for (let after = 0; ;) {
    const rows = page.all(after, tolerances.futureMs, tolerances.lateMs, PAGE_ROWS);
    for (const row of rows) {
      const time = countedTime(
        {
          occurredAt: row.occurredAt,
          receivedAt: row.receivedAt,
          explicitDate: hasExplicitDate(row.reportedTime),
          wasNotBoundAt: () => false,
        },
        tolerances,
      );
      const flags: PunchFlag[] = [];
      if (time.flag) flags.push(time.flag);
      if (row.employeeId === null) flags.push('unknown_sender');
      if (flags.length > 0 || time.countedAt !== row.occurredAt) set.run(time.countedAt, flagsColumn(flags), row.id);
    }
    if (rows.length < PAGE_ROWS) break;
    after = rows[rows.length - 1]!.id;
  }
  flagTooMany(db);
}

export const migration005 = migration(5, 'counted-time', sql, countedTimes);

interface Row {
  id: number;
  employeeId: number | null;
  reportedTime: string;
  occurredAt: number | null;
  receivedAt: number;
}

/**
 * `too_many`: the punches after the 8th of one number on one local day (of the counted time), in
 * the order of the events_phone_at index, read in one pass (the ids are few and written after).
 */
function flagTooMany(db: Database): void {
  const over: number[] = [];
  let phone: string | null = null;
  let dayStart = 0;
  let dayEnd = 0;
  let n = 0;
  for (const [id, p, at] of db
    .prepare<[], [number, string, number]>('SELECT id, phone, at FROM events ORDER BY phone, at, id')
    .raw()
    .iterate()) {
    if (p !== phone || at >= dayEnd || at < dayStart) {
      phone = p;
      dayStart = startOfLocalDay(at);
      dayEnd = startOfLocalDay(dayStart + 36 * 60 * MINUTE_MS);
      n = 0;
    }
    n += 1;
    if (n > MAX_PUNCHES_PER_DAY) over.push(id);
  }
  const get = db.prepare<[number], string | null>('SELECT flags FROM events WHERE id = ?').pluck();
  const set = db.prepare<[string | null, number]>('UPDATE events SET flags = ? WHERE id = ?');
  for (const id of over) set.run(flagsColumn([...readFlags(get.get(id) ?? null), 'too_many']), id);
}
