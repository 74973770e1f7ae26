/**
 * Migration 8: a closed period's results are frozen (docs/attendance-rules.md section 4).
 *
 * - `frozen_days`: at close, each employee's day results of the period (a JSON array of
 *   DayResult, one row per employee and period), written in the close's transaction; the timesheet
 *   reads them back for the days inside the period instead of computing them again, so a later edit
 *   of a shift, an assignment or an employment date does not change a closed month. Reopening
 *   deletes the period's rows (the audit log keeps the story).
 * - `closed_periods.frozen`: 1 once the period's results were written. A period closed before this
 *   migration has none (0): its days are still computed, as they were.
 */
import { migration } from './migration.js';

const sql = /* sql */ `
ALTER TABLE closed_periods ADD COLUMN frozen INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1));

CREATE TABLE frozen_days (
  employee_id  INTEGER NOT NULL,
  period_id    INTEGER NOT NULL REFERENCES closed_periods (id),
  -- JSON: the employee's DayResult of each day of the period he was employed, in date order
  days         TEXT    NOT NULL,
  PRIMARY KEY (employee_id, period_id)
) WITHOUT ROWID;
CREATE INDEX frozen_days_period ON frozen_days (period_id);
`;

export const migration008 = migration(8, 'frozen-days', sql);
