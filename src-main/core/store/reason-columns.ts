/**
 * A reason in the database: its code in one column, its parameters as JSON in the next, and (only
 * for rows written before reasons were codes and matching no code) the old text in a third.
 */
import type { Reason } from '../model.js';

/** The code and the JSON of the parameters, for an INSERT or UPDATE. */
export function reasonColumns(reason: Reason | null): [code: string | null, params: string | null] {
  if (reason === null) return [null, null];
  return [reason.code, 'params' in reason ? JSON.stringify(reason.params) : null];
}

/** Back from the columns: the coded reason, the old text as a `legacy-text` reason, or null. */
export function readReason<R extends Reason>(
  code: string | null,
  params: string | null,
  text: string | null,
): R | { code: 'legacy-text'; params: { text: string } } | null {
  if (code !== null) return (params === null ? { code } : { code, params: JSON.parse(params) as unknown }) as R;
  return text === null ? null : { code: 'legacy-text', params: { text } };
}
