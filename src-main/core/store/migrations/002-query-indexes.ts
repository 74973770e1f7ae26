/**
 * Migration 2: indexes for the store's queries (no change to the data).
 * - events_employee: name search goes names -> employee ids -> events.
 * - events_unlinked: "unknown senders" and linking a new employee's earlier events read only
 *   events without an employee; covering (phone, received_at) keeps that a small index scan.
 * - events_corrects: views skip events that a later correction row replaces.
 * - acks_state: outbox counts per state.
 */
import { migration } from './migration.js';

const sql = /* sql */ `
CREATE INDEX events_employee ON events (employee_id) WHERE employee_id IS NOT NULL;
CREATE INDEX events_unlinked ON events (phone, received_at) WHERE employee_id IS NULL;
CREATE INDEX events_corrects ON events (corrects_id) WHERE corrects_id IS NOT NULL;
CREATE INDEX acks_state ON acks (state);
`;

export const migration002 = migration(2, 'query-indexes', sql);
