/**
 * The daily backup: when one is due, and a timer that takes it.
 *
 * A backup is due when the most recent daily slot (today at the configured time if that time has
 * passed, else yesterday's) has no good backup after it. So an office PC that is off at the slot
 * gets its backup when the app next runs, and never more than one a day. After a failed attempt
 * the next try waits an hour (the failure is recorded and shown meanwhile).
 */
export const DEFAULT_BACKUP_TIME = '13:00';
const RETRY_AFTER_FAILURE_MS = 60 * 60_000;
/** The timer wakes at least this often, so that a changed clock or a sleeping PC is noticed. */
const MAX_SLEEP_MS = 60 * 60_000;

/** Parses `HH:MM` (24 h); throws RangeError otherwise. */
export function parseBackupTime(text: string): { hours: number; minutes: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hours = m ? Number(m[1]) : NaN;
  const minutes = m ? Number(m[2]) : NaN;
  if (!(hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59))
    throw new RangeError(`a backup time is HH:MM between 00:00 and 23:59, got '${text}'`);
  return { hours, minutes };
}

/** The slot at `time` on the local day of `dayMs`. */
function slotOn(dayMs: number, time: { hours: number; minutes: number }, dayOffset = 0): number {
  const d = new Date(dayMs);
  d.setDate(d.getDate() + dayOffset);
  d.setHours(time.hours, time.minutes, 0, 0);
  return d.getTime();
}

/** When the next daily backup is due: `now` if it is due already. */
export function nextDailyBackupAt(time: string, lastGoodAt: number | null, now: number): number {
  const t = parseBackupTime(time);
  const today = slotOn(now, t);
  const previous = now >= today ? today : slotOn(now, t, -1);
  if (lastGoodAt === null || lastGoodAt < previous) return now;
  return now >= today ? slotOn(now, t, 1) : today;
}

export interface DailyBackupTimerOptions {
  time: () => string;
  lastGoodAt: () => number | null;
  /** Takes the backup; resolves true when it was good. */
  run: () => Promise<boolean>;
  now?: () => number;
  /** Wait before the first check after start (let the gateway deliver what it held first). Default 0. */
  startDelayMs?: number;
}

export class DailyBackupTimer {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  private retryNotBefore = 0;
  private readonly now: () => number;

  constructor(private readonly opts: DailyBackupTimerOptions) {
    this.now = opts.now ?? Date.now;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.arm(this.opts.startDelayMs ?? 0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Re-reads the time (after a settings change). */
  reschedule(): void {
    if (!this.stopped) this.arm(0);
  }

  private arm(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), Math.max(0, Math.min(delayMs, MAX_SLEEP_MS)));
    this.timer.unref();
  }

  private async check(): Promise<void> {
    this.timer = null;
    if (this.stopped || this.running) return;
    const now = this.now();
    let due: number;
    try {
      due = Math.max(nextDailyBackupAt(this.opts.time(), this.opts.lastGoodAt(), now), this.retryNotBefore);
    } catch {
      due = now + MAX_SLEEP_MS; // an unreadable time: look again later
    }
    if (due > now) return this.arm(due - now);
    this.running = true;
    try {
      const good = await this.opts.run();
      this.retryNotBefore = this.now() + (good ? 60_000 : RETRY_AFTER_FAILURE_MS);
    } catch {
      this.retryNotBefore = this.now() + RETRY_AFTER_FAILURE_MS;
    } finally {
      this.running = false;
    }
    if (!this.stopped) this.arm(0);
  }
}
