/**
 * Sends the acknowledgements waiting in the outbox (the `acks` table) as submit_sm.
 *
 * The outbox is the source of truth: an ack is written in the same transaction as its message, so
 * after a crash or a restart whatever was not yet submitted is simply still `queued`. The sender
 * keeps at most `window` submit_sm outstanding, spaces them to respect an optional per-minute rate
 * (Android limits how many SMS an app may send), and retries with backoff when the gateway says
 * it is throttled or its queue is full.
 */
import type { AckQueueStatus, AckReason, AckState, AckUpdate } from '../model.js';
import { GatewayError } from '../gateway/gateway-errors.js';
import { errorText } from '../text/error-text.js';
import type { AttendanceStore, OutboxAck } from '../store/attendance-store.js';
import type { SubmitRequest, SubmitResult } from '../gateway/gateway-session.js';
import { SMPP_STATUS } from '../gateway/smpp-status.js';
import { encodeGsm0338 } from '../protocol/gsm0338.js';
import type { CoreLogLine } from '../app-core-types.js';
import type { GroupCommit } from '../store/group-commit.js';

export interface AckSenderDeps {
  store: AttendanceStore;
  /** The store's group commit, shared with the inbound pipeline. */
  commits: GroupCommit;
  submit: (req: SubmitRequest) => Promise<SubmitResult>;
  isBound: () => boolean;
  now: () => number;
  random: () => number;
  window: number;
  /** 0: no limit. */
  ratePerMinute: number;
  onUpdate: (update: AckUpdate) => void;
  log: (level: CoreLogLine['level'], message: string, fields?: Record<string, unknown>) => void;
  /** After this many failed attempts for reasons other than throttling, the ack is marked failed. */
  maxAttempts?: number;
}

/** Statuses that mean "not now", not "never". */
const TRANSIENT = new Set<number>([
  SMPP_STATUS.ESME_RTHROTTLED,
  SMPP_STATUS.ESME_RMSGQFUL,
  SMPP_STATUS.ESME_RSYSERR,
  SMPP_STATUS.ESME_RX_T_APPN,
]);

/** First and largest delay before writing a kept outcome again, while the database refuses writes. */
const UNSAVED_RETRY_MS = { first: 1_000, max: 30_000 } as const;

/** An outcome the gateway gave us that the database did not take yet. */
interface UnsavedOutcome {
  ack: OutboxAck;
  write: () => void;
  state: AckState;
  error: AckReason | null;
}

export class AckSender {
  private readonly inFlight = new Set<number>();
  /**
   * Answered by the gateway, outcome not committed yet (it waits for a group commit, see
   * store/group-commit.ts). Out of the window, so the next acks go out meanwhile, but still
   * excluded from the outbox query, which would otherwise hand them out again.
   */
  private readonly recording = new Set<number>();
  /**
   * Acks whose submit_sm was answered but whose new state could not be written (disk full, database
   * locked). They stay `queued` in the database, so without this map the next pump would submit them
   * again at once — and again, as fast as the gateway answers: an SMS storm to the employees' phones.
   * Kept here, they are excluded from sending and their outcome is written as soon as the database
   * takes writes again. A crash before that loses only the outcome: the ack is sent once more after
   * the restart (at least once, never a loop).
   */
  private readonly unsaved = new Map<number, UnsavedOutcome>();
  private unsavedTimer: NodeJS.Timeout | null = null;
  private unsavedDelayMs: number = UNSAVED_RETRY_MS.first;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private lastSubmitAt = -Infinity;
  private running = false;
  private pumping = false;
  private wakeQueued = false;
  private ratePerMinute: number;
  private window: number;

  constructor(private readonly deps: AckSenderDeps) {
    this.ratePerMinute = deps.ratePerMinute;
    this.window = Math.max(1, deps.window);
  }

  start(): void {
    this.running = true;
    this.wake();
  }

  stop(): void {
    this.running = false;
    this.clearTimer();
    if (this.unsavedTimer) clearTimeout(this.unsavedTimer);
    this.unsavedTimer = null;
  }

  setLimits(limits: { ratePerMinute: number; window?: number }): void {
    this.ratePerMinute = limits.ratePerMinute;
    if (limits.window) this.window = Math.max(1, limits.window);
    this.wake();
  }

  /**
   * The outbox as the user sees it: how many acks wait, and when the last of them goes out at the
   * current pace if the link stays up (retries after a refusal may add to it). Without a pace,
   * they all go as fast as the window allows: now.
   */
  queueStatus(): AckQueueStatus {
    const now = this.deps.now();
    const queued = this.deps.store.queuedAcks();
    const waiting = Math.max(0, queued - this.inFlight.size - this.recording.size);
    const spacing = this.ratePerMinute > 0 ? 60_000 / this.ratePerMinute : 0;
    let lastAt: number | null = null;
    if (waiting > 0)
      lastAt = spacing === 0 ? now : Math.round(Math.max(now, this.lastSubmitAt + spacing) + (waiting - 1) * spacing);
    return { queued: waiting, lastAt, ratePerMinute: this.ratePerMinute };
  }

  get outstanding(): number {
    return this.inFlight.size;
  }

  /**
   * Something may be due: a new ack was queued, the session bound, a response came back. The
   * outbox is read once for all the wakes of one burst (a group commit settles a whole window of
   * messages and ack outcomes at once, each of which wakes us), in a microtask after them.
   */
  wake(): void {
    if (!this.running || this.wakeQueued) return;
    this.wakeQueued = true;
    queueMicrotask(() => {
      this.wakeQueued = false;
      if (!this.running || this.pumping) return;
      this.pumping = true;
      try {
        this.pump();
      } finally {
        this.pumping = false;
      }
    });
  }

  private pump(): void {
    if (!this.deps.isBound()) return; // the 'bound' state change wakes us
    const now = this.deps.now();
    const free = this.window - this.inFlight.size;
    if (free <= 0) return; // a response wakes us
    const spacing = this.ratePerMinute > 0 ? 60_000 / this.ratePerMinute : 0;
    let allowance = free;
    if (spacing > 0) {
      const waitMs = this.lastSubmitAt + spacing - now;
      if (waitMs > 0) {
        this.schedule(now + waitMs);
        return;
      }
      allowance = 1;
    }

    let due: OutboxAck[];
    try {
      due = this.deps.store
        .dueAcks(now, allowance + this.inFlight.size + this.recording.size + this.unsaved.size)
        .filter((a) => !this.inFlight.has(a.id) && !this.recording.has(a.id) && !this.unsaved.has(a.id))
        .slice(0, allowance);
    } catch (error) {
      this.deps.log('error', `could not read the ack outbox: ${(error as Error).message}`);
      this.schedule(now + 5_000);
      return;
    }
    for (const ack of due) this.send(ack, now);

    if (spacing > 0 && due.length > 0) {
      this.schedule(now + spacing);
      return;
    }
    if (this.inFlight.size < this.window) {
      const next = this.safeNextDue();
      if (next !== null && next > now) this.schedule(next);
    }
  }

  private send(ack: OutboxAck, now: number): void {
    this.inFlight.add(ack.id);
    this.lastSubmitAt = now;
    let shortMessage: Buffer;
    try {
      shortMessage = encodeGsm0338(ack.text);
    } catch (error) {
      const reason: AckReason = { code: 'ack-unencodable', params: { detail: errorText(error) } };
      this.settle(ack, () => this.deps.store.markAckFailed(ack.id, reason, now), 'failed', reason);
      return;
    }
    this.deps
      .submit({ source: ack.source, destination: ack.destination, shortMessage, dataCoding: 0, registeredDelivery: 1 })
      .then(
        (result) => this.onResult(ack, result),
        (error: unknown) =>
          this.onTransportError(
            ack,
            error instanceof GatewayError
              ? error.reason
              : { code: 'internal-error', params: { detail: errorText(error) } },
          ),
      );
  }

  private onResult(ack: OutboxAck, result: SubmitResult): void {
    const now = this.deps.now();
    if (result.ok) {
      this.settle(ack, () => this.deps.store.markAckSubmitted(ack.id, result.messageId, now), 'submitted', null);
    } else if (TRANSIENT.has(result.status)) {
      const delay = retryDelay(ack.attempts + 1, this.deps.random);
      this.deps.log(
        'warn',
        `ack ${ack.id} to ${ack.destination}: ${result.statusName}, retrying in ${Math.round(delay / 1000)} s`,
      );
      const reason: AckReason = { code: 'ack-refused', params: { status: result.statusName } };
      this.settle(ack, () => this.deps.store.markAckRetry(ack.id, reason, now + delay), 'queued', reason);
    } else {
      this.deps.log('error', `ack ${ack.id} to ${ack.destination} refused by the gateway: ${result.statusName}`);
      const reason: AckReason = { code: 'ack-refused', params: { status: result.statusName } };
      this.settle(ack, () => this.deps.store.markAckFailed(ack.id, reason, now), 'failed', reason);
    }
  }

  /** Not bound, timed out, or the link dropped: the gateway may or may not have it; sending again is the safe side. */
  private onTransportError(ack: OutboxAck, error: AckReason): void {
    const now = this.deps.now();
    const attempts = ack.attempts + 1;
    const maxAttempts = this.deps.maxAttempts ?? 50;
    if (attempts >= maxAttempts) {
      const reason: AckReason = { code: 'ack-gave-up', params: { attempts, cause: error } };
      this.settle(ack, () => this.deps.store.markAckFailed(ack.id, reason, now), 'failed', reason);
      return;
    }
    const delay = retryDelay(attempts, this.deps.random);
    this.settle(ack, () => this.deps.store.markAckRetry(ack.id, error, now + delay), 'queued', error);
  }

  /**
   * Frees the ack's place in the window at once and writes its outcome with the next group commit
   * (with the next batch of messages, before any delivery receipt in it; see group-commit.ts). The
   * owner hears of the new state only once it is stored. A crash before that loses only the
   * outcome: the ack is still `queued` and goes out once more after the restart.
   */
  private settle(ack: OutboxAck, write: () => void, state: AckState, error: AckReason | null): void {
    this.inFlight.delete(ack.id);
    this.recording.add(ack.id);
    this.wake();
    this.deps.commits.run(write, 'first').then(
      () => {
        this.recording.delete(ack.id);
        this.deps.onUpdate({ messageId: ack.messageId, ackId: ack.id, state, error });
        // While unwritten it still looked due in the outbox, hiding when the next ack is due.
        this.wake();
      },
      (storeError: unknown) => {
        // Not sent again while we wait: see `unsaved`.
        this.deps.log(
          'error',
          `could not record that ack ${ack.id} is ${state}: ${(storeError as Error).message}; keeping the outcome and writing it when the database works again`,
        );
        this.recording.delete(ack.id);
        this.unsaved.set(ack.id, { ack, write, state, error });
        this.scheduleUnsavedWrite();
      },
    );
  }

  private scheduleUnsavedWrite(): void {
    if (this.unsavedTimer || !this.running) return;
    this.unsavedTimer = setTimeout(() => {
      this.unsavedTimer = null;
      this.writeUnsaved();
    }, this.unsavedDelayMs);
    this.unsavedTimer.unref?.();
  }

  /** Writes the kept outcomes in order; stops at the first failure and tries again later, waiting longer each time. */
  private writeUnsaved(): void {
    for (const [id, outcome] of this.unsaved) {
      try {
        outcome.write();
      } catch {
        this.unsavedDelayMs = Math.min(UNSAVED_RETRY_MS.max, this.unsavedDelayMs * 2);
        this.scheduleUnsavedWrite();
        return;
      }
      this.unsaved.delete(id);
      this.deps.onUpdate({ messageId: outcome.ack.messageId, ackId: id, state: outcome.state, error: outcome.error });
    }
    this.unsavedDelayMs = UNSAVED_RETRY_MS.first;
    this.deps.log('info', 'the outcomes of acks kept while the database refused writes are recorded now');
    this.wake();
  }

  private safeNextDue(): number | null {
    try {
      return this.deps.store.nextAckDueAt();
    } catch {
      return null;
    }
  }

  private schedule(at: number): void {
    if (!this.running) return;
    if (this.timer && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.wake();
      },
      Math.max(0, at - this.deps.now()),
    );
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Infinity;
  }
}

/** 2 s, 4 s, 8 s ... up to 5 minutes, with ±20 % jitter so many acks do not retry in lockstep. */
export function retryDelay(attempt: number, random: () => number): number {
  const base = Math.min(300_000, 2_000 * 2 ** Math.min(attempt - 1, 10));
  return Math.round(base * (0.8 + 0.4 * random()));
}
