/**
 * Row counts read straight from a store's database file, on a read-only connection of their own:
 * what the tests check was committed, without a store method that only tests would call.
 */
import Database from 'better-sqlite3';
import type { AckState } from '../../src-main/core/model.js';

function count(path: string, sql: string, ...params: string[]): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (
      db
        .prepare<string[], number>(sql)
        .pluck()
        .get(...params) ?? 0
    );
  } finally {
    db.close();
  }
}

/** Every event row, corrected ones included. */
export function countEvents(store: { path: string }): number {
  return count(store.path, 'SELECT COUNT(*) FROM events');
}

export function countAcks(store: { path: string }, state?: AckState): number {
  return state
    ? count(store.path, 'SELECT COUNT(*) FROM acks WHERE state = ?', state)
    : count(store.path, 'SELECT COUNT(*) FROM acks');
}
