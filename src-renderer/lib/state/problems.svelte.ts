/**
 * Problems the user must see (disk full, database locked, damaged settings, lost transport).
 * A problem is ended by one of the same kind with `active: false`, as the push batcher sends it.
 */
import type { AppApi, Problem } from '../../../src-main/contract/app-api.js';

export class ProblemStore {
  active = $state.raw<Problem[]>([]);

  note(problem: Problem): void {
    if (!problem.active) {
      this.active = this.active.filter((p) => p.kind !== problem.kind);
      return;
    }
    const same = JSON.stringify(problem.reason);
    const others = this.active.filter((p) => !(p.kind === problem.kind && JSON.stringify(p.reason) === same));
    this.active = [...others, problem];
  }

  start(api: AppApi): () => void {
    return api.onProblem((p) => this.note(p));
  }
}
