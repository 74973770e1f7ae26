/**
 * Migration 10: one index fewer written per recorded event.
 *
 * `events_employee` (migration 2: employee_id, where not NULL) is the leading column of
 * `events_employee_at` (migration 7: employee_id, at, status, occurred_at, flags, where
 * employee_id is not NULL), with the same condition: every lookup by employee (a name search's
 * events, one employee's month, the timesheet's slices, a punch import's duplicate check) is
 * served by the covering index as well, and those that also bound the time are served better. Each
 * new event inserted into both, at a random place (events arrive in time order, not by employee),
 * so in a large database each cost a page written per event. Dropping an index loses no data; the
 * database shrinks by the index's pages at the next VACUUM (SQLite reuses them meanwhile).
 */
import { migration } from './migration.js';

const sql = /* sql */ `
DROP INDEX IF EXISTS events_employee;
`;

export const migration010 = migration(10, 'fewer-event-indexes', sql);
