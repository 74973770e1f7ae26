/**
 * Migration 9: a punch added by hand or by import can be corrected like a recorded one
 * (docs/attendance-rules.md section 4).
 *
 * `corrections.corrects_id` points at the `add` row of the added punch a `replace` or `void`
 * changes (`event_id` stays NULL for those). Every correction of an added punch points at its `add`
 * row, the latest is in force, and the `add` row is in force while none points at it. SQLite cannot
 * change a table's CHECK constraints in place, so the table is built again with its rows and
 * indexes as they were (corrections are few: hand-made and imported punches).
 */
import { migration } from './migration.js';

const sql = /* sql */ `
CREATE TABLE corrections_new (
  id          INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL CHECK (kind IN ('add', 'replace', 'void')),
  -- the recorded punch it changes (NULL for an added punch and for a correction of one)
  event_id    INTEGER REFERENCES events (id),
  -- the added punch (its 'add' row) it changes
  corrects_id INTEGER REFERENCES corrections_new (id),
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
  source      TEXT    NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import')),
  CHECK (event_id IS NULL OR corrects_id IS NULL),
  CHECK ((kind = 'add') = (event_id IS NULL AND corrects_id IS NULL)),
  CHECK ((kind = 'void') = (at IS NULL)),
  CHECK (kind = 'void' OR (phone IS NOT NULL AND status IS NOT NULL))
);
INSERT INTO corrections_new (id, kind, event_id, phone, employee_id, status, at, decision, who, why, made_at, source)
  SELECT id, kind, event_id, phone, employee_id, status, at, decision, who, why, made_at, source FROM corrections;
DROP TABLE corrections;
ALTER TABLE corrections_new RENAME TO corrections;
CREATE INDEX corrections_event ON corrections (event_id) WHERE event_id IS NOT NULL;
CREATE INDEX corrections_at ON corrections (at) WHERE at IS NOT NULL;
CREATE INDEX corrections_employee_at ON corrections (employee_id, at) WHERE at IS NOT NULL;
CREATE INDEX corrections_corrects ON corrections (corrects_id) WHERE corrects_id IS NOT NULL;
`;

export const migration009 = migration(9, 'added-punch-corrections', sql);
