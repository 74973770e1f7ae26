/**
 * Alerts in English for the command line's log (the renderer has its own dictionaries). Each says
 * what is wrong and what to do.
 */
import type { Alert } from '../model.js';
import { localMinute } from '../backup/backup-files.js';

export function describeAlert(alert: Alert): string {
  switch (alert.code) {
    case 'gatewayDown':
      return `The gateway phone has not been connected for ${alert.minutes} minutes (since ${localMinute(alert.since)}). Check that the phone is on, on the office Wi-Fi, and that the gateway app is running.`;
    case 'acksFailing':
      return `${alert.failed} acknowledgements failed in the last ${alert.windowMinutes} minutes. The phone may have hit Android's SMS limit: see "Setting up the gateway phone" in the README.`;
    case 'ackQueueGrowing':
      return `Acknowledgements are piling up (${alert.was} → ${alert.queued} waiting over ${alert.minutes} minutes). The phone may have hit Android's SMS limit: see "Setting up the gateway phone" in the README.`;
    case 'diskLow':
      return `The disk of ${alert.folder} has only ${formatBytes(alert.freeBytes)} free. Free some space, or new messages cannot be stored.`;
    case 'backupOld':
      return alert.lastGoodAt === null
        ? `No good backup has been taken for ${alert.days} days. Take one now (backup --db DB --to DIR) and check the backup folder.`
        : `The last good backup is ${alert.days} days old (${localMinute(alert.lastGoodAt)}). Take one now and check the backup folder.`;
    case 'backupFailed':
      return `The latest backup failed (${localMinute(alert.at)}): ${alert.error}. Check the backup folder and its free space, then take one again.`;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
