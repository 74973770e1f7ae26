/**
 * Who is at the PC: the name every change is recorded with. The core answers the computer user's
 * name until a name is given; the app asks for one once per run (the first time a change is about
 * to be made) and the core keeps it until the app closes.
 */
import type { AppApi } from '../../../src-main/contract/app-api.js';

class OperatorState {
  name = $state('');
  /** A name was given this run (not just the computer user's). */
  given = $state(false);
  loaded = $state(false);

  async load(api: AppApi): Promise<void> {
    const answer = await api.getOperator();
    this.name = answer.name;
    this.given = answer.given;
    this.loaded = true;
  }

  async set(api: AppApi, name: string): Promise<void> {
    const answer = await api.setOperator({ name });
    this.name = answer.name;
    this.given = answer.given;
    this.loaded = true;
  }
}

export const operator = new OperatorState();
