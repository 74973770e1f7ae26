/**
 * The rows of the message log the window holds: newest first, paged backwards from the database
 * by id (keyset, so page 1000 costs what page 1 does), live rows prepended as they are pushed, ack
 * states patched in place. Memory is capped: past `cap` rows the far end is dropped (the oldest
 * while the user is at the top; the newest while they page far back, with a way back to the top).
 * A PagedLoader (loader.svelte.ts) underneath, like every list the views load.
 */
import type { AckUpdate, AppApi } from '../../../src-main/contract/app-api.js';
import type { MessageOutcome, MessageRecord } from '../../../src-main/contract/domain.js';
import { applyAckUpdates, mergePushed } from '../messages/merge-rows.js';
import { PagedLoader } from './loader.svelte.js';

export interface MessageLogOptions {
  /** Most rows held at once. */
  cap?: number;
  pageSize?: number;
}

export class MessageLog extends PagedLoader<MessageRecord> {
  outcome = $state<MessageOutcome | null>(null);
  /** Newer rows were dropped to stay under the cap (the user paged far back). */
  newerDropped = $state(false);
  /** Rows that arrived while the user was not looking at the top. */
  unseen = $state(0);
  /** Set by the list view: is its scroll position at the top? */
  atTop = true;
  /** Called with the number of rows inserted (+) or removed (-) above the current ones. */
  onShift: ((delta: number) => void) | null = null;

  readonly cap: number;
  #api: AppApi | null = null;

  constructor(options: MessageLogOptions = {}) {
    super(options.pageSize ?? 200);
    this.cap = options.cap ?? 20_000;
  }

  start(api: AppApi): () => void {
    this.#api = api;
    const offMessages = api.onMessages((batch) => this.receive(batch));
    const offAcks = api.onAckUpdates((batch) => this.applyAcks(batch));
    void this.reload();
    return () => {
      offMessages();
      offAcks();
      this.#api = null;
    };
  }

  setOutcome(outcome: MessageOutcome | null): void {
    if (outcome === this.outcome) return;
    this.outcome = outcome;
    void this.reload();
  }

  /** Back to the newest rows for the current filter; older pages are read by id (keyset). */
  override reload(): Promise<boolean> {
    const api = this.#api;
    if (!api) return Promise.resolve(false);
    const outcome = this.outcome;
    return this.load((held, limit) => {
      const last = held.at(-1);
      return api.listMessages({ limit, ...(last ? { beforeId: last.id } : {}), ...(outcome ? { outcome } : {}) });
    });
  }

  /** The next page of older rows, when the user scrolls near the end of what is held. */
  async loadOlder(): Promise<void> {
    if (this.#api) await this.loadMore();
  }

  protected override pageRead(first: boolean): void {
    if (first) {
      this.newerDropped = false;
      this.unseen = 0;
      return;
    }
    const overflow = this.rows.length - this.cap;
    if (overflow > 0) {
      this.rows = this.rows.slice(overflow);
      this.newerDropped = true;
      this.onShift?.(-overflow);
    }
  }

  /** A pushed batch (oldest first, as the core recorded them); rows already held are replaced. */
  receive(batch: MessageRecord[]): void {
    const matching = this.outcome ? batch.filter((m) => m.outcome === this.outcome) : batch;
    if (matching.length === 0) return;
    const { fresh, rows: held } = mergePushed(this.rows, matching);
    if (this.newerDropped) {
      // The top of the log is not held; the new rows wait for "back to the newest".
      this.unseen += fresh.length;
      this.total += fresh.length;
      this.rows = held;
      return;
    }
    let rows = [...fresh, ...held];
    if (rows.length > this.cap) {
      rows = rows.slice(0, this.cap);
      this.reachedEnd = false;
    }
    this.rows = rows;
    this.total += fresh.length;
    if (fresh.length > 0) {
      if (!this.atTop) this.unseen += fresh.length;
      this.onShift?.(fresh.length);
    }
  }

  applyAcks(updates: AckUpdate[]): void {
    this.rows = applyAckUpdates(this.rows, updates);
  }

  markSeen(): void {
    this.unseen = 0;
  }
}
