/**
 * Where better-sqlite3's entry module is, for worker threads started from source text (an eval
 * worker has no module resolution of its own: it is handed this path in `workerData`). The backup
 * copy and the WAL checkpointer both run that way. `null` when it cannot be resolved (then each
 * does its work on the calling thread instead); resolved once per process.
 */
import { createRequire } from 'node:module';

let modulePath: string | null | undefined;

export function betterSqlitePath(): string | null {
  if (modulePath === undefined) {
    try {
      modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
    } catch {
      modulePath = null;
    }
  }
  return modulePath;
}
