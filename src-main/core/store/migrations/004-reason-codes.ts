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
import { migration, PAGE_ROWS } from './migration.js';
import type { Reason } from '../../model.js';
import { legacyAckReason, legacyMessageReason } from '../legacy-reasons.js';
import { reasonColumns } from '../reason-columns.js';

const sql = /* sql */ `
ALTER TABLE messages ADD COLUMN reason_code TEXT;
ALTER TABLE messages ADD COLUMN reason_params TEXT;
ALTER TABLE acks ADD COLUMN error_code TEXT;
ALTER TABLE acks ADD COLUMN error_params TEXT;
`;

/** Texts this app wrote become codes with parameters; other texts stay as they are. */
function codesFromTexts(db: Database): void {
  const convert = (
    table: 'messages' | 'acks',
    text: 'reason' | 'error',
    parse: (text: string) => Reason | null,
  ): void => {
    const codeColumn = table === 'messages' ? 'reason_code' : 'error_code';
    const paramsColumn = table === 'messages' ? 'reason_params' : 'error_params';
    const set = db.prepare<[string | null, string | null, number]>(
      `UPDATE ${table} SET ${codeColumn} = ?, ${paramsColumn} = ?, ${text} = NULL WHERE id = ?`,
    );
    // Read in pages by id, so that memory stays bounded however many rows have a reason (a
    // statement cannot write while another on the same connection is still iterating).
    const page = db.prepare<[number, number], { id: number; text: string }>(
      `SELECT id, ${text} AS text FROM ${table} WHERE id > ? AND ${text} IS NOT NULL ORDER BY id LIMIT ?`,
    );
    for (let after = 0; ;) {
      const rows = page.all(after, PAGE_ROWS);
      for (const { id, text: words } of rows) {
        const reason = parse(words);
        if (reason) set.run(...reasonColumns(reason), id);
      }
      if (rows.length < PAGE_ROWS) return;
      after = rows[rows.length - 1]!.id;
    }
  };
  convert('messages', 'reason', legacyMessageReason);
  convert('acks', 'error', legacyAckReason);
}

export const migration004 = migration(4, 'reason-codes', sql, codesFromTexts);
