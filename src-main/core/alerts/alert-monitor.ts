/**
 * Watches a running core (and its owner's backups) and keeps the list of active alerts: listens to
 * the connection state and failed acknowledgements, samples the ack queue and the disk every
 * `intervalMs`, and runs the pure rules (alert-rules.ts). Told once per change through `onChange`.
 */
import { statfsSync } from 'node:fs';
import type { AppCore } from '../app-core-types.js';
import type { Alert, ConnectionState } from '../model.js';
import type { BackupService } from '../backup/backup-service.js';
import { DEFAULT_ALERT_CONFIG, evaluateAlerts, sameAlerts, type AlertConfig, type AlertInputs } from './alert-rules.js';

export interface AlertMonitorOptions {
  core: Pick<AppCore, 'on' | 'connectionState' | 'store' | 'ackQueue'>;
  /** The owner's backups; null or omitted: no backup alerts (the demo's throw-away database). */
  backups?: Pick<BackupService, 'status'> | null;
  /** The database's folder: its disk's free space is watched. */
  folder: string;
  /** Read at every check, so a changed setting applies at once. */
  config?: () => AlertConfig;
  now?: () => number;
  /** Default 30 s. */
  intervalMs?: number;
  /** Free bytes on the disk of `folder`; default statfs. */
  freeBytes?: (folder: string) => number;
  onChange?: (alerts: Alert[]) => void;
}

export interface AlertMonitor {
  alerts(): Alert[];
  /** Told every change (after `onChange`); returns the unsubscribe. */
  subscribe(listener: (alerts: Alert[]) => void): () => void;
  /** Samples and evaluates now (also done every interval). */
  check(): Alert[];
  stop(): void;
}

const MAX_SAMPLES = 200;

export function statfsFreeBytes(folder: string): number {
  const s = statfsSync(folder);
  return Number(s.bavail) * Number(s.bsize);
}

export function createAlertMonitor(opts: AlertMonitorOptions): AlertMonitor {
  const now = opts.now ?? Date.now;
  const config = opts.config ?? (() => DEFAULT_ALERT_CONFIG);
  const freeBytes = opts.freeBytes ?? statfsFreeBytes;
  const watchingSince = now();
  let notBoundSince: number | null = null;
  let ackFailures: number[] = [];
  let queueSamples: { at: number; queued: number; sent: number }[] = [];
  /** Acks the gateway accepted since the start (compared between samples, never shown). */
  let acksSent = 0;
  let current: Alert[] = [];
  const listeners = new Set<(alerts: Alert[]) => void>();

  const noteState = (state: ConnectionState): void => {
    if (state.kind === 'bound' || state.kind === 'disconnected') notBoundSince = null;
    else notBoundSince ??= now();
    if (state.kind !== 'bound') queueSamples = [];
  };
  noteState(opts.core.connectionState());

  const offs = [
    opts.core.on('connectionState', (state) => {
      noteState(state);
      check();
    }),
    opts.core.on('ackUpdate', (update) => {
      if (update.state === 'submitted') acksSent += 1;
      if (update.state !== 'failed') return;
      ackFailures.push(now());
      if (ackFailures.length > MAX_SAMPLES) ackFailures = ackFailures.slice(-MAX_SAMPLES);
      check();
    }),
  ];

  function sample(at: number): AlertInputs {
    let ackRatePerMinute = 0;
    if (opts.core.connectionState().kind === 'bound') {
      try {
        ackRatePerMinute = opts.core.ackQueue().ratePerMinute;
        queueSamples.push({ at, queued: opts.core.store.queuedAcks(), sent: acksSent });
        if (queueSamples.length > MAX_SAMPLES) queueSamples = queueSamples.slice(-MAX_SAMPLES);
      } catch {
        // the database has a problem of its own, told as such
      }
    }
    let disk: AlertInputs['disk'] = null;
    try {
      disk = { freeBytes: freeBytes(opts.folder), folder: opts.folder };
    } catch {
      disk = null;
    }
    let backup: AlertInputs['backup'] = null;
    if (opts.backups) {
      const status = opts.backups.status();
      const attempt = status.lastAttempt;
      backup = {
        lastGoodAt: status.lastGood?.at ?? null,
        watchingSince,
        lastFailed: attempt && !attempt.ok ? { at: attempt.at, error: attempt.error ?? '' } : null,
      };
    }
    return { now: at, notBoundSince, ackFailures, queueSamples, ackRatePerMinute, disk, backup };
  }

  function check(): Alert[] {
    const next = evaluateAlerts(sample(now()), config());
    const changed = !sameAlerts(current, next);
    current = next;
    if (changed) {
      opts.onChange?.(next);
      for (const listener of [...listeners]) listener(next);
    }
    return next;
  }

  const timer = setInterval(check, opts.intervalMs ?? 30_000);
  timer.unref();
  // The first look right after start (once the owner has subscribed), not only after an interval.
  const first = setTimeout(check, 0);
  first.unref();

  return {
    alerts: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    check,
    stop() {
      clearInterval(timer);
      clearTimeout(first);
      for (const off of offs) off();
    },
  };
}
