/** The gateway connection state as the main process last reported it, shared by every view. */
import type { AppApi } from '../../../src-main/contract/app-api.js';
import type { ConnectionState } from '../../../src-main/contract/domain.js';

export class ConnectionStore {
  state = $state.raw<ConnectionState>({ kind: 'disconnected' });
  /** When this window learned of the state (local clock), for a countdown that survives clock skew. */
  receivedAt = $state(Date.now());
  #known = false;

  set(state: ConnectionState, receivedAt = Date.now()): void {
    this.state = state;
    this.receivedAt = receivedAt;
    this.#known = true;
  }

  /** Subscribes to pushes first, then asks, so no change between the two is lost. */
  start(api: AppApi): () => void {
    const off = api.onConnectionState((s) => this.set(s));
    api
      .getConnectionState()
      .then((s) => {
        if (!this.#known) this.set(s);
      })
      .catch((error: unknown) => console.error('could not read the connection state', error));
    return off;
  }
}
