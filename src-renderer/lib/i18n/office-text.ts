/**
 * Strings of the office's safety features (alerts, backups, the demo, working hours, start at
 * login), kept in their own part of the dictionary. Values arrive formatted for the language.
 */
import type { AlertCode } from '../../../src-main/core/model.js';

export interface OfficeDictionary {
  demo: { banner: string; tryHeading: string; tryText: string; tryButton: string; starting: string };
  alerts: {
    label: string;
    /** What is wrong, per alert; each ends with what to do (`todo`). */
    /** Since when, not for how long: the banner is not redrawn every minute. */
    gatewayDown: (since: string) => string;
    acksFailing: (failed: string, minutes: string) => string;
    ackQueueGrowing: (was: string, queued: string, minutes: string) => string;
    diskLow: (free: string, folder: string) => string;
    backupOld: (days: string, lastGood: string | null) => string;
    backupFailed: (at: string, error: string) => string;
    todo: Record<AlertCode, string>;
  };
  backups: {
    heading: string;
    intro: string;
    lastGood: (time: string) => string;
    lastGoodCounts: (events: string, employees: string) => string;
    none: string;
    stale: string;
    /** The warning when no good backup was ever taken. */
    staleNone: string;
    lastFailed: (time: string, error: string) => string;
    nextDaily: (time: string) => string;
    /** The daily backup is due now (it runs shortly after the app starts). */
    nextDailySoon: string;
    backupNow: string;
    backingUp: string;
    done: string;
    settingsHeading: string;
    folder: string;
    folderHint: (defaultFolder: string) => string;
    time: string;
    timeHint: string;
    save: string;
    saved: string;
    invalidTime: string;
    files: string;
    noFiles: string;
    columns: { time: string; kind: string; size: string; actions: string };
    trigger: { daily: string; manual: string; 'pre-migration': string };
    restore: string;
    restoreLabel: (time: string) => string;
    confirmHeading: string;
    confirmText: (time: string, backupCounts: string, database: string, currentCounts: string) => string;
    counts: (events: string, messages: string, employees: string) => string;
    countsUnknown: string;
    confirm: string;
    cancel: string;
    restoring: string;
    restored: (counts: string) => string;
    notAvailable: string;
    size: (kb: string) => string;
  };
  appSettings: {
    heading: string;
    workingDays: string;
    from: string;
    to: string;
    hoursHint: string;
    startAtLogin: string;
    startAtLoginHint: string;
    save: string;
    saved: string;
    invalid: string;
    /** Sunday first (0 … 6, as Date.getDay()). */
    dayNames: readonly [string, string, string, string, string, string, string];
  };
}
