/**
 * The shape of the composition root's product, `createAppCore(deps)` in app-core.ts. The Electron
 * main process, the browser preview and the CLI all build one core and then only adapt it.
 */
import type { AckQueueStatus, AckUpdate, ConnectionState, Employee, MessageRecord, Problem } from './model.js';
import type { DataKey, DataKeyProtection } from './employees/data-key.js';
import type { AttendanceStore } from './store/attendance-store.js';

/** Everything the core needs to bind and to process messages. Secrets included: never sent to a renderer. */
export interface CoreSettings {
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** 32-byte AES-256 key as a string (docs/protocol.md). */
  key: string;
  /** Sources whose messages are the gateway's own: recorded as ignored, never acknowledged. */
  ignoreNumbers: string[];
  repeatWindowMs: number;
  /** Acknowledgements per minute; 0: no limit. */
  ackRatePerMinute: number;
  /** ISO 3166 two-letter code used to normalise national numbers such as 0910... */
  defaultCountry: string;
  /** Keepalive period; a missing enquire_link_resp within it marks the link dead. Default 30 s. */
  enquireLinkMs?: number;
  /** Outstanding submit_sm allowed at once. Default 10. */
  ackWindow?: number;
  /** A reported time up to this long before its receipt is counted (docs/attendance-rules.md section 1). Default 10 min. */
  lateToleranceMs?: number;
  /** A reported time up to this long after its receipt is counted. Default 2 min. */
  futureToleranceMs?: number;
  /** Whether senders not in the employee directory get acknowledgements. Default true. */
  ackUnknownSenders?: boolean;
}

export interface CoreLogLine {
  at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  /** Structured fields for JSON logs. */
  fields?: Record<string, unknown>;
}

/** Everything the core tells its owner. Every change of state is one call. */
export interface CoreEvents {
  connectionState: (state: ConnectionState) => void;
  /** A message was stored (new row), or a stored message changed (e.g. its ack state). */
  message: (message: MessageRecord) => void;
  ackUpdate: (update: AckUpdate) => void;
  problem: (problem: Problem) => void;
  log: (line: CoreLogLine) => void;
}

export interface AppCore {
  readonly store: AttendanceStore;
  connectionState(): ConnectionState;
  settings(): CoreSettings;
  /** Replace the settings; takes effect for the next bind (and at once for keys and the ignore list). */
  updateSettings(settings: CoreSettings): void;
  /** Start binding and keep the session up (reconnecting with backoff) until disconnect(). */
  connect(): void;
  /** Unbind (waiting briefly for unbind_resp) and stop reconnecting. */
  disconnect(): Promise<void>;
  on<E extends keyof CoreEvents>(event: E, listener: CoreEvents[E]): () => void;
  /** Who is at the PC: recorded with every correction and review decision. */
  operator(): string;
  /** Sets (sealed at rest) or removes an employee's own key, and logs the change (never the key). */
  setEmployeeKey(id: number, key: string | null): Employee;
  /** Generates a new own key from the OS's CSPRNG, stores it sealed, and returns it: the only time it is shown. */
  generateEmployeeKey(id: number): { employee: Employee; key: string };
  /** What protects the data key that seals own keys (core/employees/data-key.ts). */
  ownKeyProtection(): DataKeyProtection;
  ackQueue(): AckQueueStatus;
  /** Disconnect, stop the ack sender, close the database. */
  close(): Promise<void>;
}

export interface AppCoreDeps {
  dbPath: string;
  settings: CoreSettings;
  now?: () => number;
  random?: () => number;
  /** Who is at the PC, for corrections and review decisions. Default: the OS user name. */
  operator?: () => string;
  /** How often the connection history records that the app is alive (ms). Default 60 s. */
  heartbeatMs?: number;
  /**
   * The data key sealed by the OS keychain (Electron loads it before building the core). Absent:
   * the key file beside the database, protected only by its permissions, created when first needed.
   */
  dataKey?: DataKey;
}
