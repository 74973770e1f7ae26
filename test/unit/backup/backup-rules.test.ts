/** The retention rule and the daily schedule, on dates in the tests' zone (Asia/Tehran). */
import { describe, expect, it } from 'vitest';
import { backupsToPrune, DEFAULT_RETENTION, type BackupFile } from '../../../src-main/core/backup/backup-files.js';
import { nextDailyBackupAt, parseBackupTime } from '../../../src-main/core/backup/backup-schedule.js';

const local = (iso: string): number => Date.parse(`${iso}+03:30`);
const DAY = 24 * 60 * 60_000;

function file(at: number, trigger: BackupFile['trigger'] = 'daily'): BackupFile {
  return { file: `/b/${at}-${trigger}.db`, at, trigger, bytes: 1 };
}

describe('retention (7 daily, 4 weekly, 12 monthly)', () => {
  it('after two years of one backup a day keeps 7 days, the weeks and months before them, and nothing else', () => {
    const today = local('2026-11-29T13:00:00'); // a Sunday
    const files = Array.from({ length: 730 }, (_, i) => file(today - i * DAY));
    const kept = files
      .filter((f) => !backupsToPrune(files).includes(f))
      .map((f) => new Date(f.at).toISOString().slice(0, 10));
    // 7 newest days; the newest of the 4 newest weeks (3 of them already kept as days); the newest of 12 months.
    expect(kept).toEqual(
      [
        '2026-11-29',
        '2026-11-28',
        '2026-11-27',
        '2026-11-26',
        '2026-11-25',
        '2026-11-24',
        '2026-11-23',
        '2026-11-22',
        '2026-11-15',
        '2026-11-08',
        '2026-10-31',
        '2026-09-30',
        '2026-08-31',
        '2026-07-31',
        '2026-06-30',
        '2026-05-31',
        '2026-04-30',
        '2026-03-31',
        '2026-02-28',
        '2026-01-31',
        '2025-12-31',
      ].map((d) => new Date(local(`${d}T13:00:00`)).toISOString().slice(0, 10)),
    );
  });

  it('keeps only the newest backup of a day among several, and never touches backups before migrations beyond the rule of 3', () => {
    const t = local('2026-11-29T09:00:00');
    const files = [
      file(t),
      file(t + 3600_000, 'manual'),
      file(t + 7200_000),
      file(t - 10 * DAY, 'pre-migration'),
      file(t - 20 * DAY, 'pre-migration'),
      file(t - 30 * DAY, 'pre-migration'),
      file(t - 400 * DAY, 'pre-migration'),
    ];
    const pruned = backupsToPrune(files, DEFAULT_RETENTION).map((f) => f.file);
    expect(pruned).toEqual([
      file(t + 3600_000, 'manual').file,
      file(t).file,
      file(t - 400 * DAY, 'pre-migration').file,
    ]);
  });

  it('prunes nothing while there are fewer backups than the rule keeps', () => {
    const t = local('2026-11-29T13:00:00');
    expect(backupsToPrune([file(t), file(t - DAY), file(t - 40 * DAY)])).toEqual([]);
  });
});

describe('daily schedule', () => {
  it('is due at once when the most recent slot has no good backup after it', () => {
    const now = local('2026-11-29T15:00:00');
    expect(nextDailyBackupAt('13:00', null, now)).toBe(now);
    expect(nextDailyBackupAt('13:00', local('2026-11-29T12:59:00'), now)).toBe(now);
    // The PC was off at yesterday's 13:00 and starts this morning: due now, not at 13:00.
    expect(nextDailyBackupAt('13:00', local('2026-11-27T13:05:00'), local('2026-11-29T08:00:00'))).toBe(
      local('2026-11-29T08:00:00'),
    );
  });

  it('waits for the next slot when the last one is covered', () => {
    expect(nextDailyBackupAt('13:00', local('2026-11-29T13:00:02'), local('2026-11-29T15:00:00'))).toBe(
      local('2026-11-30T13:00:00'),
    );
    expect(nextDailyBackupAt('13:00', local('2026-11-28T13:01:00'), local('2026-11-29T08:00:00'))).toBe(
      local('2026-11-29T13:00:00'),
    );
    expect(nextDailyBackupAt('00:30', local('2026-11-29T00:31:00'), local('2026-11-29T23:59:00'))).toBe(
      local('2026-11-30T00:30:00'),
    );
  });

  it('takes HH:MM only', () => {
    expect(parseBackupTime('7:05')).toEqual({ hours: 7, minutes: 5 });
    for (const bad of ['24:00', '12:60', 'noon', '1300', '']) expect(() => parseBackupTime(bad)).toThrow(RangeError);
  });
});
