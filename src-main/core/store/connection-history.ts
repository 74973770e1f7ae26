/**
 * The app's own connection history (table `connection_history`, migration 5): intervals in which
 * the app ran and was bound to the gateway, or ran and was not. Time outside every interval (the
 * app was not running) is not bound too; time before the first interval is unknown (the database,
 * or this history, did not exist yet) and never counts as "not bound".
 *
 * The core opens an interval when it starts and on every change of state, refreshes `alive_at`
 * with a heartbeat, and closes the last one on a clean shutdown. After a crash the interval left
 * open is closed on the next start at the last time the app was known alive: its heartbeat or the
 * last message it committed, whichever is later.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ConnectionInterval } from '../model.js';

export class ConnectionHistory {
  private readonly open: Statement<
    [],
    { id: number; state: ConnectionInterval['state']; fromAt: number; aliveAt: number }
  >;
  private readonly lastMessageSince: Statement<[number], number | null>;
  private readonly closeStatement: Statement<[number, number, number]>;
  private readonly insert: Statement<[string, number, number]>;
  private readonly alive: Statement<[number]>;
  private readonly first: Statement<[], number | null>;
  private readonly boundAt: Statement<[number, number], number>;
  private readonly range: Statement<
    [number, number],
    { state: ConnectionInterval['state']; from: number; to: number | null }
  >;

  constructor(db: Database) {
    this.open = db.prepare(
      'SELECT id, state, from_at AS fromAt, alive_at AS aliveAt FROM connection_history WHERE to_at IS NULL ORDER BY id',
    );
    this.lastMessageSince = db
      .prepare<[number], number | null>('SELECT MAX(received_at) FROM messages WHERE received_at >= ?')
      .pluck();
    this.closeStatement = db.prepare(
      'UPDATE connection_history SET to_at = ?, alive_at = MAX(alive_at, ?) WHERE id = ?',
    );
    this.insert = db.prepare('INSERT INTO connection_history (state, from_at, alive_at) VALUES (?, ?, ?)');
    this.alive = db.prepare('UPDATE connection_history SET alive_at = ? WHERE to_at IS NULL');
    this.first = db.prepare<[], number | null>('SELECT MIN(from_at) FROM connection_history').pluck();
    // Intervals start in order, so only the latest one starting at or before `at` can contain it.
    this.boundAt = db
      .prepare<[number, number], number>(
        `SELECT COUNT(*) FROM (SELECT state, to_at FROM connection_history WHERE from_at <= ? ORDER BY from_at DESC, id DESC LIMIT 1)
         WHERE state = 'bound' AND (to_at IS NULL OR to_at > ?)`,
      )
      .pluck();
    this.range = db.prepare(
      `SELECT state, from_at AS "from", to_at AS "to" FROM connection_history WHERE (to_at IS NULL OR to_at > ?) AND from_at < ? ORDER BY from_at, id`,
    );
  }

  private close(at: number, id: number): void {
    this.closeStatement.run(at, at, id);
  }

  /** At start: closes what a crash left open (at its last sign of life), then opens a not-bound interval. */
  start(now: number): void {
    for (const row of this.open.all()) {
      const end = Math.max(row.aliveAt, this.lastMessageSince.get(row.fromAt) ?? 0, row.fromAt);
      this.close(Math.min(end, now), row.id);
    }
    this.insert.run('not_bound', now, now);
  }

  /** The link changed: closes the open interval and opens one of `state` (nothing when the state is the same). */
  change(state: ConnectionInterval['state'], now: number): void {
    const open = this.open.all();
    if (open.length === 1 && open[0]!.state === state) return;
    for (const row of open) this.close(Math.max(now, row.fromAt), row.id);
    this.insert.run(state, now, now);
  }

  heartbeat(now: number): void {
    this.alive.run(now);
  }

  /** Clean shutdown: the open interval ends now. */
  stop(now: number): void {
    for (const row of this.open.all()) this.close(Math.max(now, row.fromAt), row.id);
  }

  /** True when the history shows the app NOT bound at `at`; false when bound, or when `at` is before the history begins. */
  wasNotBoundAt(at: number): boolean {
    const first = this.first.get();
    if (first === null || first === undefined || at < first) return false;
    return this.boundAt.get(at, at) === 0;
  }

  /** The intervals that overlap [from, to). */
  intervals(from: number, to: number): ConnectionInterval[] {
    return this.range.all(from, to);
  }
}
