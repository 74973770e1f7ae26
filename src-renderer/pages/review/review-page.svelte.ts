/**
 * The Review view's state: flagged punches waiting for a decision, those decided, the reason typed
 * for each punch, and the decision being sent. Each decision is a correction in the core (who: the
 * operator at the PC, taken by the core, never from the window).
 */
import type { AppApi } from '../../../src-main/contract/app-api.js';
import type { EventRecord, ReviewDecision } from '../../../src-main/contract/domain.js';
import { Action } from '../../lib/state/action.svelte.js';
import { PagedLoader } from '../../lib/state/loader.svelte.js';

const PAGE_SIZE = 50;

export class ReviewPage {
  readonly pending = new PagedLoader<EventRecord>(PAGE_SIZE);
  readonly decided = new PagedLoader<EventRecord>(PAGE_SIZE);
  readonly action = new Action();
  /** The reason typed for each punch, by event id. */
  why = $state<Record<number, string>>({});
  /** The punch whose decision was refused for want of a reason. */
  missingWhy = $state<number | null>(null);
  /** The punch last decided (for the confirmation). */
  lastDecided = $state<number | null>(null);

  constructor(private readonly api: AppApi) {}

  refresh(): void {
    void this.pending.load((held, limit) => this.api.reviewList({ state: 'pending', offset: held.length, limit }));
    void this.decided.load((held, limit) => this.api.reviewList({ state: 'decided', offset: held.length, limit }));
  }

  async decide(event: EventRecord, decision: ReviewDecision): Promise<void> {
    const why = (this.why[event.id] ?? '').trim();
    if (why === '') {
      this.missingWhy = event.id;
      return;
    }
    this.missingWhy = null;
    if (await this.action.run(() => this.api.decideReview({ eventId: event.id, decision, why }))) {
      this.lastDecided = event.id;
      delete this.why[event.id];
      this.refresh();
    }
  }
}
