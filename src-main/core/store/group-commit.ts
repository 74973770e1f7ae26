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
 * The writes are job descriptions (store/commit-jobs.ts) handed to a writer
 * (store/store-writer.ts): a thread that owns the write connection, so the transaction and its
 * fsync run beside the event loop, which goes on reading and judging the next deliver_sm. One
 * batch is with the writer at a time; what arrives meanwhile waits and goes as the next batch
 * the moment the writer answers (so batches grow with the load, and commits stay in order).
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
import type { BatchOutcome, CommitJob, CommitJobResults } from './commit-jobs.js';

export { TransactionLostError } from './commit-jobs.js';

/** Writes one batch in one transaction: at once (the event loop's own connection) or later (the writer thread). */
export type BatchWriter = (jobs: CommitJob[]) => BatchOutcome | Promise<BatchOutcome>;

/**
 * `first`: written before the `normal` jobs of its batch, and does not start a commit before
 * `lazyMs` (see above). `normal`: committed at the end of this turn of the event loop.
 */
export type CommitLane = 'first' | 'normal';

/** How long a `first` write waits for a batch of messages to ride with. */
export const LAZY_COMMIT_MS = 20;

interface Queued {
  job: CommitJob;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private first: Queued[] = [];
  private normal: Queued[] = [];
  private scheduled = false;
  private lazyTimer: NodeJS.Timeout | null = null;
  /** A batch is with the writer; a flush asked for meanwhile waits for its answer. */
  private inFlight: Promise<void> | null = null;
  private flushWanted = false;

  constructor(
    private readonly write: BatchWriter,
    private readonly lazyMs = LAZY_COMMIT_MS,
  ) {}

  /**
   * Queues `job` for this turn's transaction; settles after that transaction commits. The batch
   * is a turn's worth of PDUs (one socket read is at most 64 KiB, some 700 deliver_sm) plus what
   * arrived while the previous batch was being written, so it needs no size limit of its own.
   */
  run<J extends CommitJob>(job: J, lane: CommitLane = 'normal'): Promise<CommitJobResults[J['kind']]> {
    return new Promise((resolve, reject) => {
      const queued: Queued = { job, resolve: resolve as (value: unknown) => void, reject };
      if (lane === 'first') {
        this.first.push(queued);
        if (!this.scheduled && !this.lazyTimer) this.lazyTimer = setTimeout(() => this.flush(), this.lazyMs);
      } else {
        this.normal.push(queued);
        if (!this.scheduled) {
          this.scheduled = true;
          // setImmediate runs after this turn's I/O callbacks and their promise callbacks: every PDU
          // already read, and every ack outcome it settled, is queued by then.
          setImmediate(() => this.flush());
        }
      }
    });
  }

  /** Sends what is queued now to the writer (or as soon as the batch it holds is committed). */
  flush(): void {
    this.scheduled = false;
    if (this.lazyTimer) clearTimeout(this.lazyTimer);
    this.lazyTimer = null;
    if (this.inFlight) {
      this.flushWanted = true;
      return;
    }
    const jobs = this.first.length === 0 ? this.normal : this.first.concat(this.normal);
    this.first = [];
    this.normal = [];
    if (jobs.length === 0) return;
    let outcome: BatchOutcome | Promise<BatchOutcome>;
    try {
      outcome = this.write(jobs.map((q) => q.job));
    } catch (error) {
      outcome = { ok: false, error };
    }
    if (!(outcome instanceof Promise)) {
      settle(jobs, outcome);
      return;
    }
    this.inFlight = outcome.then(
      (done) => this.written(jobs, done),
      (error: unknown) => this.written(jobs, { ok: false, error }),
    );
  }

  /** Resolves once everything queued so far is committed (or has failed): before the store closes. */
  async drain(): Promise<void> {
    for (;;) {
      this.flush();
      if (this.inFlight) await this.inFlight;
      else if (this.first.length === 0 && this.normal.length === 0) return;
    }
  }

  private written(jobs: Queued[], outcome: BatchOutcome): void {
    this.inFlight = null;
    settle(jobs, outcome);
    if (this.flushWanted) {
      this.flushWanted = false;
      this.flush();
    }
  }
}

function settle(jobs: Queued[], outcome: BatchOutcome): void {
  if (!outcome.ok) {
    for (const q of jobs) q.reject(outcome.error);
    return;
  }
  jobs.forEach((q, i) => {
    const o = outcome.outcomes[i]!;
    if (o.ok) q.resolve(o.value);
    else q.reject(o.error);
  });
}
