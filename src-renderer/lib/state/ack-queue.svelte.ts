/**
 * The acknowledgement outbox as the status bar shows it: how many acks wait, and when the last of
 * them goes at the current pace. Asked again after each burst of messages or ack updates (at most
 * once a second), and every half minute while acks wait (the pace or the link may change).
 */
import type { AppApi } from '../../../src-main/contract/app-api.js';
import type { AckQueueStatus } from '../../../src-main/contract/domain.js';

const MIN_INTERVAL_MS = 1_000;
const WHILE_WAITING_MS = 30_000;

export class AckQueueStore {
  status = $state.raw<AckQueueStatus | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastAsked = 0;

  start(api: AppApi): () => void {
    const ask = (): void => {
      if (this.#timer) return;
      const wait = Math.max(0, this.#lastAsked + MIN_INTERVAL_MS - Date.now());
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#lastAsked = Date.now();
        api.getAckQueue().then(
          (status) => {
            this.status = status;
            if (status.queued > 0 && !this.#timer)
              this.#timer = setTimeout(() => ((this.#timer = null), ask()), WHILE_WAITING_MS);
          },
          () => undefined, // the status bar keeps the last answer; the transport's problem is shown on its own
        );
      }, wait);
    };
    ask();
    const stops = [api.onMessages(ask), api.onAckUpdates(ask)];
    return () => {
      for (const stop of stops) stop();
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
    };
  }
}
