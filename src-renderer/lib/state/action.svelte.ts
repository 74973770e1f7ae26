/**
 * One thing the user asked the app to do (connect, save, import, deactivate): whether it is
 * running and how it failed, as view state. Loading data goes through loader.svelte.ts instead.
 */
import { failureOf, type Failure } from '../api/failure.js';

export class Action {
  busy = $state(false);
  error = $state.raw<Failure | null>(null);

  /** Runs `work`; resolves true when it succeeded, false when it failed (the failure is in `error`). */
  async run(work: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      await work();
      return true;
    } catch (error) {
      this.error = failureOf(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Forgets the last failure (the form was filled anew). */
  clear(): void {
    this.error = null;
  }
}
