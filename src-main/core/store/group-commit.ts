/**
 * Group commit for the inbound pipeline.
 *
 * Every commit with `synchronous=FULL` waits for an fsync of the WAL, so one transaction per
 * deliver_sm caps ingest at the disk's fsync rate however fast everything else is. Instead, the writes of all
 * deliver_sm that arrive in one turn of the event loop (the gateway's window: everything read
 * from the socket before the loop comes round) are queued and run in ONE transaction, in order,
 * and each caller's promise settles only after that transaction has committed. The pipeline
 * answers deliver_sm_resp from that promise, so the promise of "answered only once durable" is
 * kept, with one fsync per batch instead of one per message.
 *
 * Each write runs in its own savepoint (the store's writes nest): one that fails is undone alone
 * and only its caller sees the error. If the batch's transaction itself fails (the COMMIT, or
 * SQLite rolling everything back after disk-full or an I/O error), every caller sees the error
 * and nothing of the batch is stored — and nothing is answered ESME_ROK.
 *
 * The ack sender's outcome writes (`submitted`, retry, failed) share the batch and go first: a
 * delivery receipt read in the same turn as its ack's submit_sm_resp (the PDU is dispatched
 * before the response's promise callbacks run) must find the ack already `submitted`. Nobody is
 * waiting for them (the gateway has its answer already), so they do not start a commit of their
 * own: they ride with the next batch of messages, or are committed `lazyMs` later when none
 * comes. That halves the commits under load (otherwise every window of submit_sm_resp would cost
 * its own fsync), and keeps them off the path of the next deliver_sm at low load.
 */

/** Runs `body` in one transaction; `isOpen()` is false once SQLite has rolled it back by itself. */
export type RunInTransaction = (body: (isOpen: () => boolean) => void) => void;

/**
 * `first`: written before the `normal` jobs of its batch, and does not start a commit before
 * `lazyMs` (see above). `normal`: committed at the end of this turn of the event loop.
 */
export type CommitLane = 'first' | 'normal';

/** How long a `first` write waits for a batch of messages to ride with. */
export const LAZY_COMMIT_MS = 20;

interface Job {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Outcome of one job inside the transaction, kept until the commit decides whether it stands. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class GroupCommit {
  private first: Job[] = [];
  private normal: Job[] = [];
  private scheduled = false;
  private lazyTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly runInTransaction: RunInTransaction,
    private readonly lazyMs = LAZY_COMMIT_MS,
  ) {}

  /**
   * Queues `write` for this turn's transaction; settles after that transaction commits. The batch
   * is a turn's worth of PDUs (one socket read is at most 64 KiB, some 700 deliver_sm), so it
   * needs no size limit of its own.
   */
  run<T>(write: () => T, lane: CommitLane = 'normal'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job = { write, resolve: resolve as (value: unknown) => void, reject };
      if (lane === 'first') {
        this.first.push(job);
        if (!this.scheduled && !this.lazyTimer) this.lazyTimer = setTimeout(() => this.flush(), this.lazyMs);
      } else {
        this.normal.push(job);
        if (!this.scheduled) {
          this.scheduled = true;
          // setImmediate runs after this turn's I/O callbacks and their promise callbacks: every PDU
          // already read, and every ack outcome it settled, is queued by then.
          setImmediate(() => this.flush());
        }
      }
    });
  }

  /** Commits what is queued now (the owner calls it once more before closing the store). */
  flush(): void {
    this.scheduled = false;
    if (this.lazyTimer) clearTimeout(this.lazyTimer);
    this.lazyTimer = null;
    const jobs = this.first.length === 0 ? this.normal : this.first.concat(this.normal);
    this.first = [];
    this.normal = [];
    if (jobs.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      this.runInTransaction((isOpen) => {
        for (const job of jobs) {
          if (!isOpen()) throw new TransactionLostError();
          try {
            outcomes.push({ ok: true, value: job.write() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
        if (!isOpen()) throw new TransactionLostError();
      });
    } catch (error) {
      // Nothing of this batch is stored: the first real cause is the most useful one to report.
      const cause =
        error instanceof TransactionLostError
          ? ((outcomes.find((o) => !o.ok) as { error: unknown } | undefined)?.error ?? error)
          : error;
      for (const job of jobs) job.reject(cause);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}

/** SQLite ended the batch's transaction by itself (after SQLITE_FULL, SQLITE_IOERR, ...). */
export class TransactionLostError extends Error {
  override readonly name = 'TransactionLostError';

  constructor() {
    super('the database rolled back the transaction after an error; nothing of this batch was stored');
  }
}
