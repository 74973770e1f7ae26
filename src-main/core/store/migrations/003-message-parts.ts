/**
 * Migration 3: the parts of long (multipart) messages, kept in the database.
 *
 * A part is answered ESME_ROK as soon as it is stored, and the gateway then forgets it; so a part
 * held only in memory would be lost with the process (a crash, a power cut) and its message could
 * never complete. Parts are therefore written before their deliver_sm is answered, and a message is
 * assembled from the rows in the same transaction that records it.
 *
 * `message_id` is NULL while the part waits for its siblings, then names the message it ended up
 * in: the assembled message, or the `rejected` message recorded when the set was given up. Kept
 * parts of assembled messages let a part the gateway delivers again (it got no response before a
 * crash) be recognised as a repeat of that message instead of the start of a new one.
 */
import { migration } from './migration.js';

const sql = /* sql */ `
CREATE TABLE message_parts (
  id           INTEGER PRIMARY KEY,
  source       TEXT    NOT NULL,
  destination  TEXT    NOT NULL,
  -- the concatenation reference, the number of parts and this part's number (1-based)
  ref          INTEGER NOT NULL,
  total        INTEGER NOT NULL CHECK (total BETWEEN 1 AND 255),
  seq          INTEGER NOT NULL CHECK (seq BETWEEN 1 AND total),
  data_coding  INTEGER NOT NULL,
  esm_class    INTEGER NOT NULL,
  -- the part's text octets, header (UDH) removed
  body         BLOB    NOT NULL,
  received_at  INTEGER NOT NULL,
  message_id   INTEGER REFERENCES messages (id)
);
-- One waiting copy of each part of a set.
CREATE UNIQUE INDEX message_parts_waiting ON message_parts (source, ref, total, seq) WHERE message_id IS NULL;
CREATE INDEX message_parts_set ON message_parts (source, ref, total, seq);
CREATE INDEX message_parts_message ON message_parts (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX message_parts_received ON message_parts (received_at);
`;

export const migration003 = migration(3, 'message-parts', sql);
