/**
 * Migration 7: the timesheet (docs/attendance-rules.md sections 2–5).
 *
 * - `shifts`: hours per weekday (`days`, JSON of 7 entries, Sunday first, null for a weekend day),
 *   graces, unpaid break, overtime settings; exactly one is the default (a partial unique index).
 *   Seeded with the default "Office": 08:00–16:00 Saturday to Wednesday, graces 10/10.
 * - `shift_assignments`: a shift for one employee or one department from a date on.
 * - `holidays`: the holidays the manager added, and the built-in ones the manager removed for a
 *   year (`removed` = 1). Iran's fixed solar holidays are computed on read for any year
 *   (core/attendance/calendar.ts), so no span of years has to be seeded; a row here adds a date,
 *   renames a built-in one, or (removed) hides it.
 * - `leave`: whole-day (from/to NULL) or hourly leave of one employee on one date.
 * - `audit_log`: append-only; triggers refuse every UPDATE and DELETE.
 * - `closed_periods`: a period is in force while `reopened_at` is NULL; reopening keeps the row.
 * - `employees.employment_start` / `employment_end`: optional YYYY-MM-DD.
 * - `corrections.source`: 'manual' (by hand) or 'import' (a punches file), for added punches.
 * - `events_employee_at`: one employee's punches of a range in time order, read from the index
 *   alone (the timesheet reads its employees a slice at a time).
 */
export const migration007 = {
  version: 7,
  name: 'timesheet',
  sql: /* sql */ `
ALTER TABLE employees ADD COLUMN employment_start TEXT;
ALTER TABLE employees ADD COLUMN employment_end TEXT;

ALTER TABLE corrections ADD COLUMN source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import'));
CREATE INDEX corrections_employee_at ON corrections (employee_id, at) WHERE at IS NOT NULL;

-- Covering for the timesheet's read (status, reported time, flags): a month of one employee is one
-- run of the index, with no visit of the table's rows, which lie scattered among everyone's.
CREATE INDEX events_employee_at ON events (employee_id, at, status, occurred_at, flags) WHERE employee_id IS NOT NULL;

CREATE TABLE shifts (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT    NOT NULL,
  -- JSON: 7 entries, index 0 Sunday … 6 Saturday, each {"start","end"} in minutes after midnight or null
  days                 TEXT    NOT NULL,
  late_grace           INTEGER NOT NULL DEFAULT 10,
  early_grace          INTEGER NOT NULL DEFAULT 10,
  break_start          INTEGER,
  break_end            INTEGER,
  early_work_overtime  INTEGER NOT NULL DEFAULT 0 CHECK (early_work_overtime IN (0, 1)),
  overtime_minimum     INTEGER NOT NULL DEFAULT 0,
  overtime_cap         INTEGER,
  is_default           INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
  CHECK ((break_start IS NULL) = (break_end IS NULL))
);
CREATE UNIQUE INDEX shifts_one_default ON shifts (is_default) WHERE is_default = 1;
INSERT INTO shifts (name, days, is_default) VALUES (
  'Office',
  '[{"start":480,"end":960},{"start":480,"end":960},{"start":480,"end":960},{"start":480,"end":960},null,null,{"start":480,"end":960}]',
  1
);

CREATE TABLE shift_assignments (
  id           INTEGER PRIMARY KEY,
  shift_id     INTEGER NOT NULL REFERENCES shifts (id),
  employee_id  INTEGER REFERENCES employees (id),
  department   TEXT,
  from_date    TEXT    NOT NULL,
  CHECK ((employee_id IS NULL) <> (department IS NULL))
);
CREATE INDEX shift_assignments_shift ON shift_assignments (shift_id);

CREATE TABLE holidays (
  date     TEXT    PRIMARY KEY,
  name     TEXT    NOT NULL,
  -- 1: hides the built-in holiday of this date (the office works that day this year)
  removed  INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE leave (
  id           INTEGER PRIMARY KEY,
  employee_id  INTEGER NOT NULL REFERENCES employees (id),
  date         TEXT    NOT NULL,
  kind         TEXT    NOT NULL CHECK (kind IN ('paid', 'unpaid', 'sick', 'mission')),
  -- hourly leave: minutes after midnight; both NULL for a whole day
  from_minute  INTEGER,
  to_minute    INTEGER,
  note         TEXT    NOT NULL DEFAULT '',
  CHECK ((from_minute IS NULL) = (to_minute IS NULL))
);
CREATE INDEX leave_date ON leave (date);
CREATE INDEX leave_employee_date ON leave (employee_id, date);

CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  who      TEXT    NOT NULL,
  entity   TEXT    NOT NULL,
  action   TEXT    NOT NULL,
  subject  TEXT    NOT NULL,
  -- JSON, NULL when the thing did not exist before / does not exist after
  before   TEXT,
  after    TEXT,
  why      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log (entity, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE closed_periods (
  id           INTEGER PRIMARY KEY,
  from_date    TEXT    NOT NULL,
  to_date      TEXT    NOT NULL,
  closed_at    INTEGER NOT NULL,
  closed_by    TEXT    NOT NULL,
  reopened_at  INTEGER,
  reopened_by  TEXT,
  reopen_why   TEXT,
  CHECK (from_date <= to_date)
);
`,
} as const;
