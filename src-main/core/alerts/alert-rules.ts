/**
 * The alerts that tell the manager something needs doing, as codes with parameters (the renderer
 * and the command line put them into words). Pure: everything it looks at, the time included, is
 * handed in, so each rule is tested with an injected clock.
 */
import type { Alert, WorkingHours } from '../model.js';

export interface AlertConfig {
  /** The gateway not bound this long during working hours raises `gatewayDown`. */
  gatewayDownMinutes: number;
  workingHours: WorkingHours;
  /** Failed acknowledgements within `ackFailureWindowMs` that raise `acksFailing`. */
  ackFailuresToAlert: number;
  ackFailureWindowMs: number;
  /**
   * The ack queue growing over this long (while bound) to at least `ackQueueMin` raises
   * `ackQueueGrowing`; at an ack pace, only if fewer than `ackPaceShare` of the acks the pace lets
   * out over that time left (see evaluateAlerts).
   */
  ackQueueWindowMs: number;
  ackQueueMin: number;
  ackPaceShare: number;
  /** Free space below this on the database's disk raises `diskLow`. */
  diskMinFreeBytes: number;
  /** A last good backup (or, with none, the start of watching) older than this raises `backupOld`. */
  backupMaxAgeMs: number;
}

/** Saturday to Wednesday, 07:00 to 19:00: the office week in Iran. */
export const DEFAULT_WORKING_HOURS: WorkingHours = { days: [6, 0, 1, 2, 3], from: '07:00', to: '19:00' };

export const DEFAULT_ALERT_CONFIG: AlertConfig = {
  gatewayDownMinutes: 5,
  workingHours: DEFAULT_WORKING_HOURS,
  ackFailuresToAlert: 3,
  ackFailureWindowMs: 30 * 60_000,
  ackQueueWindowMs: 10 * 60_000,
  ackQueueMin: 10,
  ackPaceShare: 0.5,
  diskMinFreeBytes: 1024 * 1024 * 1024,
  backupMaxAgeMs: 2 * 24 * 60 * 60_000,
};

/** What the rules look at, sampled by the monitor (alert-monitor.ts). */
export interface AlertInputs {
  now: number;
  /** Since when the gateway has not been bound while the app tries to be; null when bound or disconnected on purpose. */
  notBoundSince: number | null;
  /** When acknowledgements failed, recently (older ones may be included; they are ignored). */
  ackFailures: readonly number[];
  /**
   * Queued acks sampled while bound, oldest first, each with `sent`: how many acks the gateway had
   * accepted by then (a running count); a sample while not bound starts the series anew.
   */
  queueSamples: readonly { at: number; queued: number; sent: number }[];
  /** The ack pace in force: acks per minute, 0 for none. */
  ackRatePerMinute: number;
  /** The database's disk; null when unknown. */
  disk: { freeBytes: number; folder: string } | null;
  /** null when this owner takes no backups (the demo). */
  backup: { lastGoodAt: number | null; watchingSince: number; lastFailed: { at: number; error: string } | null } | null;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** True when `at` (local time) falls on a working day between `from` and `to` (`to` before `from`: over midnight; equal: all day). */
export function inWorkingHours(at: number, hours: WorkingHours): boolean {
  const d = new Date(at);
  const minute = d.getHours() * 60 + d.getMinutes();
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  if (from === to) return hours.days.includes(d.getDay()); // the whole day
  if (from < to) return hours.days.includes(d.getDay()) && minute >= from && minute < to;
  // Over midnight: the part after midnight belongs to the day before.
  if (minute >= from) return hours.days.includes(d.getDay());
  return minute < to && hours.days.includes((d.getDay() + 6) % 7);
}

export function evaluateAlerts(input: AlertInputs, config: AlertConfig = DEFAULT_ALERT_CONFIG): Alert[] {
  const alerts: Alert[] = [];
  const { now } = input;

  if (input.notBoundSince !== null && inWorkingHours(now, config.workingHours)) {
    const downMs = now - input.notBoundSince;
    if (downMs > config.gatewayDownMinutes * 60_000)
      alerts.push({ code: 'gatewayDown', since: input.notBoundSince, minutes: Math.floor(downMs / 60_000) });
  }

  const failures = input.ackFailures.filter((at) => now - at <= config.ackFailureWindowMs);
  if (failures.length >= config.ackFailuresToAlert) {
    alerts.push({
      code: 'acksFailing',
      failed: failures.length,
      windowMinutes: Math.round(config.ackFailureWindowMs / 60_000),
    });
  }

  const samples = input.queueSamples;
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first && last && last.at - first.at >= config.ackQueueWindowMs && last.queued >= config.ackQueueMin) {
    // Growing: never shrank over the window, and more now than at its start.
    const windowStart = samples.filter((s) => last.at - s.at >= config.ackQueueWindowMs).pop() ?? first;
    const inWindow = samples.filter((s) => s.at >= windowStart.at);
    const neverShrank = inWindow.every((s, i) => i === 0 || s.queued >= inWindow[i - 1]!.queued);
    // At a pace the queue grows whenever people punch faster than the pace lets acks out (a morning
    // burst at one a minute): that is the pace at work, and the queue empties later. It is a problem
    // only when acks leave well below the pace, i.e. the gateway is not taking them.
    const allowed = (input.ackRatePerMinute * (last.at - windowStart.at)) / 60_000;
    const keptPace = input.ackRatePerMinute > 0 && last.sent - windowStart.sent >= allowed * config.ackPaceShare;
    if (neverShrank && !keptPace && last.queued > windowStart.queued)
      alerts.push({
        code: 'ackQueueGrowing',
        queued: last.queued,
        was: windowStart.queued,
        minutes: Math.round((last.at - windowStart.at) / 60_000),
      });
  }

  if (input.disk && input.disk.freeBytes < config.diskMinFreeBytes) {
    alerts.push({ code: 'diskLow', freeBytes: input.disk.freeBytes, folder: input.disk.folder });
  }

  const backup = input.backup;
  if (backup) {
    if (backup.lastFailed && (backup.lastGoodAt === null || backup.lastFailed.at > backup.lastGoodAt)) {
      alerts.push({ code: 'backupFailed', at: backup.lastFailed.at, error: backup.lastFailed.error });
    }
    const reference = backup.lastGoodAt ?? backup.watchingSince;
    if (now - reference > config.backupMaxAgeMs) {
      alerts.push({
        code: 'backupOld',
        lastGoodAt: backup.lastGoodAt,
        days: Math.floor((now - reference) / (24 * 60 * 60_000)),
      });
    }
  }
  return alerts;
}

/** The same alerts (by code and the parameters that matter to the words), so a change is told once. */
export function sameAlerts(a: readonly Alert[], b: readonly Alert[]): boolean {
  return JSON.stringify(a.map(identity)) === JSON.stringify(b.map(identity));
}

function identity(alert: Alert): string {
  switch (alert.code) {
    case 'gatewayDown':
      return `gatewayDown:${alert.since}`;
    case 'backupOld':
      return `backupOld:${alert.lastGoodAt}:${alert.days}`;
    case 'backupFailed':
      return `backupFailed:${alert.at}`;
    default:
      return alert.code;
  }
}
