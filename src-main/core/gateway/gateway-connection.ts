/**
 * The core's link to the gateway across settings changes: one GatewaySession at a time, made from
 * the settings of the moment when the user connects, with its state passed on (and only its own:
 * a session that was replaced says nothing more).
 */
import type { CoreSettings } from '../app-core-types.js';
import type { ConnectionState } from '../model.js';
import { assertValidKey } from '../protocol/cipher.js';
import { SETTINGS_DEFAULTS } from '../settings/settings-defaults.js';
import {
  GatewaySession,
  type GatewaySessionOptions,
  type SubmitRequest,
  type SubmitResult,
} from './gateway-session.js';

export interface GatewayConnectionDeps {
  settings: () => CoreSettings;
  now: () => number;
  random: () => number;
  onDeliver: GatewaySessionOptions['onDeliver'];
  onState: (state: ConnectionState) => void;
  log: NonNullable<GatewaySessionOptions['log']>;
}

export class GatewayConnection {
  private session: GatewaySession | null = null;
  private current: ConnectionState = { kind: 'disconnected' };

  constructor(private readonly deps: GatewayConnectionDeps) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** Starts binding (a no-op while a session runs, unless the last bind was refused). */
  connect(): void {
    if (this.session && this.current.kind !== 'refused') return;
    if (this.session) void this.session.stop(); // refused: the user changed something and tries again
    const settings = this.deps.settings();
    assertValidKey(settings.key);
    const session = new GatewaySession({
      host: settings.host,
      port: settings.port,
      systemId: settings.systemId,
      password: settings.password,
      enquireLinkMs: settings.enquireLinkMs ?? SETTINGS_DEFAULTS.enquireLinkSeconds * 1000,
      random: this.deps.random,
      now: this.deps.now,
      onDeliver: this.deps.onDeliver,
      log: this.deps.log,
    });
    this.session = session;
    session.on('state', (next) => {
      if (this.session === session) this.setState(next);
    });
    session.start();
  }

  /** Unbinds (waiting briefly for unbind_resp) and stops reconnecting. */
  async disconnect(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) await session.stop();
    this.setState({ kind: 'disconnected' });
  }

  submit(req: SubmitRequest): Promise<SubmitResult> {
    if (!this.session) return Promise.reject(new Error('not connected'));
    return this.session.submit(req);
  }

  private setState(next: ConnectionState): void {
    this.current = next;
    this.deps.onState(next);
  }
}
