/**
 * The migration runner: applies the numbered migrations of `migrations/index.ts` above the file's
 * `PRAGMA user_version`, each in its own IMMEDIATE transaction together with the version bump, so a
 * crash leaves the file at the previous version, never half-migrated.
 */
import type Database from 'better-sqlite3';
import { migrations, type Migration } from './migrations/index.js';

export function latestSchemaVersion(list: readonly Migration[] = migrations): number {
  return list.length === 0 ? 0 : list[list.length - 1]!.version;
}

/** Returns the versions applied. Throws if the list is not numbered 1, 2, 3, ... */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number[] {
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration list broken: entry ${i} ('${m.name}') has version ${m.version}, expected ${i + 1}`);
  });
  const applied: number[] = [];
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of list) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.data?.(db);
      // Not a bound parameter: PRAGMA takes none; the value is an integer we own.
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
