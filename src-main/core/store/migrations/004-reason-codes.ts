/**
 * Migration 4: reasons as codes with parameters. `messages.reason` and `acks.error` held English
 * sentences; the renderer speaks Persian too, and nothing should be decided by comparing texts. The
 * new columns hold the code (`reason_code`, `error_code`) and its parameters as JSON.
 *
 * Existing texts that match what this app wrote (store/legacy-reasons.ts) become codes and their
 * text column is cleared; a text no pattern matches stays in the text column as it was, and is
 * shown as it is (a `legacy-text` reason). Rows are visited by primary key, so the data step costs
 * one pass over the messages that have a reason and the acks that have an error.
 */
import type { Database } from 'better-sqlite3';
import { legacyAckReason, legacyMessageReason } from '../legacy-reasons.js';

export const migration004 = {
  version: 4,
  name: 'reason-codes',
  sql: /* sql */ `
ALTER TABLE messages ADD COLUMN reason_code TEXT;
ALTER TABLE messages ADD COLUMN reason_params TEXT;
ALTER TABLE acks ADD COLUMN error_code TEXT;
ALTER TABLE acks ADD COLUMN error_params TEXT;
`,
  data(db: Database): void {
    const setReason = db.prepare<[string, string | null, number]>('UPDATE messages SET reason_code = ?, reason_params = ?, reason = NULL WHERE id = ?');
    const messages = db.prepare<[], { id: number; text: string }>('SELECT id, reason AS text FROM messages WHERE reason IS NOT NULL').all();
    for (const { id, text } of messages) {
      const reason = legacyMessageReason(text);
      if (reason) setReason.run(reason.code, 'params' in reason ? JSON.stringify(reason.params) : null, id);
    }
    const setError = db.prepare<[string, string | null, number]>('UPDATE acks SET error_code = ?, error_params = ?, error = NULL WHERE id = ?');
    const acks = db.prepare<[], { id: number; text: string }>('SELECT id, error AS text FROM acks WHERE error IS NOT NULL').all();
    for (const { id, text } of acks) {
      const reason = legacyAckReason(text);
      if (reason) setError.run(reason.code, 'params' in reason ? JSON.stringify(reason.params) : null, id);
    }
  },
} as const;
