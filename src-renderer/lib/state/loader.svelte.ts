/**
 * One request's result as view state: the value, whether it is loading, and the error in words.
 * A newer `run` supersedes an older one still in flight (typing in a search box), so a slow
 * answer can never overwrite a fresher one.
 */
import { errorText } from '../error-text.js';

export class Loader<T> {
  value = $state.raw<T | undefined>(undefined);
  loading = $state(false);
  error = $state<string | null>(null);
  #generation = 0;

  async run(fetch: () => Promise<T>): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    this.error = null;
    try {
      const value = await fetch();
      if (generation === this.#generation) this.value = value;
    } catch (error) {
      if (generation === this.#generation) this.error = errorText(error, 'the request failed');
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}
