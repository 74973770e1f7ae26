/**
 * Strings of the office's safety features (alerts, backups, the demo, working hours, start at
 * login), kept in their own part of the dictionary. Values arrive formatted for the language.
 */
import type { AlertCode } from '../../../src-main/contract/domain.js';

type Week = readonly [string, string, string, string, string, string, string];

export const officeEn = {
  demo: {
    banner: 'Demo — no real phone; the data is made up.',
    tryHeading: 'No gateway phone yet?',
    tryText:
      'Try the app without one: a demo phone and a dozen demo employees send arrivals and exits in real time. The demo uses its own database; your settings and data are not touched.',
    tryButton: 'Try it without a phone',
    starting: 'Starting the demo…',
  },
  alerts: {
    label: 'Alerts',
    /** What is wrong, per alert; each ends with what to do (`todo`). */
    /** Since when, not for how long: the banner is not redrawn every minute. */
    gatewayDown: (since: string) => `The gateway phone has not been connected since ${since}.`,
    acksFailing: (failed: string, minutes: string) =>
      `${failed} acknowledgements failed in the last ${minutes} minutes.`,
    ackQueueGrowing: (was: string, queued: string, minutes: string) =>
      `Acknowledgements are piling up: ${was} → ${queued} waiting over ${minutes} minutes.`,
    diskLow: (free: string, folder: string) => `The disk of ${folder} has only ${free} free.`,
    backupOld: (days: string, lastGood: string | null) =>
      lastGood
        ? `The last good backup is ${days} days old (${lastGood}).`
        : `No good backup has been taken for ${days} days.`,
    backupFailed: (at: string, error: string) => `The latest backup failed (${at}): ${error}.`,
    todo: {
      gatewayDown: 'Check that the phone is on and on the office Wi-Fi, and that the gateway app is running.',
      acksFailing: 'The phone may have hit Android’s SMS limit: see “Setting up the gateway phone” in the README.',
      ackQueueGrowing: 'The phone may have hit Android’s SMS limit: see “Setting up the gateway phone” in the README.',
      diskLow: 'Free some space on the disk, or new messages cannot be stored.',
      backupOld: 'Open Backups and take one now; check the backup folder.',
      backupFailed: 'Open Backups, check the folder and its free space, and take one again.',
    } satisfies Record<AlertCode, string>,
  },
  backups: {
    heading: 'Backups',
    intro: 'A verified copy of the database is taken every day and can be put back if the computer or the file fails.',
    lastGood: (time: string) => `Last good backup: ${time}`,
    lastGoodCounts: (events: string, employees: string) => `${events} events, ${employees} employees`,
    none: 'No good backup yet.',
    stale: 'The last good backup is older than two days. Take one now.',
    /** The warning when no good backup was ever taken. */
    staleNone: 'There is no backup of this database yet. Take one now.',
    lastFailed: (time: string, error: string) => `The latest backup failed (${time}): ${error}`,
    nextDaily: (time: string) => `Next daily backup: ${time}`,
    /** The daily backup is due now (it runs shortly after the app starts). */
    nextDailySoon: 'Next daily backup: in a few minutes',
    backupNow: 'Back up now',
    backingUp: 'Backing up…',
    done: 'Backup written and verified.',
    settingsHeading: 'Backup settings',
    folder: 'Backup folder',
    folderHint: (defaultFolder: string) =>
      `Leave empty for the default: ${defaultFolder}. Another disk or a network folder keeps the copies safe if this disk fails.`,
    time: 'Daily backup time',
    timeHint: 'HH:MM, 24 hours. A computer that is off at that time takes the backup when the app next runs.',
    save: 'Save backup settings',
    saved: 'Backup settings saved.',
    invalidTime: 'Enter a time as HH:MM, for example 13:00.',
    files: 'Backup files',
    noFiles: 'No backup files in the folder yet.',
    columns: { time: 'Taken', kind: 'Kind', size: 'Size', actions: 'Actions' },
    trigger: { daily: 'Daily', manual: 'By hand', 'pre-migration': 'Before an update' },
    restore: 'Restore…',
    restoreLabel: (time: string) => `Restore the backup of ${time}`,
    confirmHeading: 'Restore this backup?',
    confirmText: (time: string, backupCounts: string, database: string, currentCounts: string) =>
      `The database ${database} (now ${currentCounts}) will be replaced by the backup of ${time} (${backupCounts}). Everything recorded after that backup is no longer shown. The current database is kept beside it as a safety copy. The app closes and starts again.`,
    counts: (events: string, messages: string, employees: string) =>
      `${events} events, ${messages} messages, ${employees} employees`,
    countsUnknown: 'contents unknown',
    confirm: 'Replace the database',
    cancel: 'Cancel',
    restoring: 'Restoring…',
    restored: (counts: string) => `Restored (${counts}). The app is closing to start again with the restored database.`,
    notAvailable: 'Backups are not kept in the demo.',
    size: (kb: string) => `${kb} KB`,
  },
  appSettings: {
    heading: 'Working hours and start-up',
    workingDays: 'Working days',
    from: 'From',
    to: 'To',
    hoursHint: 'Alerts about the gateway phone are raised only during working hours.',
    startAtLogin: 'Start SMPP Attendance when I log in to the computer',
    startAtLoginHint: 'It starts in the tray and connects again if it was connected when it was closed.',
    save: 'Save',
    saved: 'Saved.',
    invalid: 'Enter the times as HH:MM.',
    /** Sunday first (0 … 6, as Date.getDay()). */
    dayNames: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] satisfies Week,
  },
};
