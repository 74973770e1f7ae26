/** An alert (a code with parameters from the core) in the window's language: what is wrong, and what to do. */
import type { Alert } from '../../../src-main/contract/domain.js';
import type { Dictionary } from './dictionary.js';
import type { Formatter } from './format.js';

export function alertText(alert: Alert, t: Dictionary, f: Formatter): { text: string; todo: string } {
  const a = t.office.alerts;
  const n = f.number;
  const text = ((): string => {
    switch (alert.code) {
      case 'gatewayDown':
        return a.gatewayDown(f.time(alert.since));
      case 'acksFailing':
        return a.acksFailing(n(alert.failed), n(alert.windowMinutes));
      case 'ackQueueGrowing':
        return a.ackQueueGrowing(n(alert.was), n(alert.queued), n(alert.minutes));
      case 'diskLow':
        return a.diskLow(`${n(Math.round(alert.freeBytes / (1024 * 1024)))} MB`, `\u2066${alert.folder}\u2069`);
      case 'backupOld':
        return a.backupOld(n(alert.days), alert.lastGoodAt === null ? null : f.dateTime(alert.lastGoodAt));
      case 'backupFailed':
        return a.backupFailed(f.dateTime(alert.at), alert.error);
    }
  })();
  return { text, todo: a.todo[alert.code] };
}
