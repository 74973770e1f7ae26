/**
 * Migration 1: the four tables of docs/architecture.md. Append-only: never edit a released migration,
 * add the next numbered file instead.
 *
 * Conventions: times are INTEGER milliseconds since the epoch (UTC); phones are normalised
 * international digits without '+'. Rows of `messages` and `events` are never updated in a
 * way that loses what was received: events are corrected by new rows pointing at the old.
 */
import { migration } from './migration.js';

const sql = /* sql */ `
CREATE TABLE employees (
  id          INTEGER PRIMARY KEY,
  phone       TEXT    NOT NULL UNIQUE,
  name        TEXT    NOT NULL,
  department  TEXT    NOT NULL DEFAULT '',
  own_key     TEXT,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX employees_name ON employees (name COLLATE NOCASE);

CREATE TABLE messages (
  id           INTEGER PRIMARY KEY,
  received_at  INTEGER NOT NULL,
  source       TEXT    NOT NULL,
  destination  TEXT    NOT NULL,
  data_coding  INTEGER NOT NULL,
  esm_class    INTEGER NOT NULL DEFAULT 0,
  raw          BLOB    NOT NULL,
  -- the base64 text between the $$ delimiters, when one was found
  envelope     TEXT,
  plaintext    TEXT,
  outcome      TEXT    NOT NULL CHECK (outcome IN ('recorded', 'repeat', 'ignored', 'rejected')),
  reason       TEXT,
  -- for outcome 'repeat': the message first recorded with the same source and envelope
  repeat_of    INTEGER REFERENCES messages (id)
);
CREATE INDEX messages_received ON messages (received_at);
CREATE INDEX messages_repeat ON messages (source, envelope, received_at) WHERE envelope IS NOT NULL;
CREATE INDEX messages_outcome ON messages (outcome, id);

CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  message_id     INTEGER NOT NULL UNIQUE REFERENCES messages (id),
  phone          TEXT    NOT NULL,
  employee_id    INTEGER REFERENCES employees (id),
  status         TEXT    NOT NULL CHECK (status IN ('arrival', 'exit')),
  reported_time  TEXT    NOT NULL,
  occurred_at    INTEGER,
  received_at    INTEGER NOT NULL,
  -- occurred_at when it parsed, else received_at: what ranges, summaries and presence use
  at             INTEGER NOT NULL,
  corrects_id    INTEGER REFERENCES events (id),
  corrected_by   TEXT,
  correction_why TEXT
);
CREATE INDEX events_at ON events (at);
CREATE INDEX events_phone_at ON events (phone, at);

CREATE TABLE acks (
  id               INTEGER PRIMARY KEY,
  message_id       INTEGER NOT NULL UNIQUE REFERENCES messages (id),
  -- the employee's phone (the incoming source) and the gateway's number (the incoming destination)
  destination      TEXT    NOT NULL,
  source           TEXT    NOT NULL,
  text             TEXT    NOT NULL,
  state            TEXT    NOT NULL CHECK (state IN ('queued', 'submitted', 'delivered', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  smsc_message_id  TEXT,
  error            TEXT,
  queued_at        INTEGER NOT NULL,
  submitted_at     INTEGER,
  finished_at      INTEGER
);
CREATE INDEX acks_outbox ON acks (next_attempt_at) WHERE state = 'queued';
CREATE INDEX acks_smsc_id ON acks (smsc_message_id) WHERE smsc_message_id IS NOT NULL;
`;

export const migration001 = migration(1, 'initial', sql);
