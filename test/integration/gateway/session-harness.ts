/** A GatewaySession wired to a TestSmsc, recording its states, events and log lines. */
import { GatewaySession } from '../../../src-main/core/gateway/gateway-session.js';
import type { GatewaySessionOptions, InboundPdu } from '../../../src-main/core/gateway/gateway-session.js';
import type { ConnectionState } from '../../../src-main/core/model.js';
import type { TestSmsc } from '../../support/test-smsc.js';
import { describeReason } from '../../../src-main/core/describe.js';

export const SYSTEM_ID = 'office';
export const PASSWORD = 'secret1';

export interface SessionHarness {
  session: GatewaySession;
  states: ConnectionState[];
  events: string[];
  logs: { level: string; message: string }[];
  delivered: InboundPdu[];
  waitForState(kind: ConnectionState['kind'], timeoutMs?: number): Promise<void>;
}

/** Small timings so that retry and keep-alive tests run in well under a second. */
export function startSession(smsc: TestSmsc, overrides: Partial<GatewaySessionOptions> = {}): SessionHarness {
  const states: ConnectionState[] = [];
  const events: string[] = [];
  const logs: { level: string; message: string }[] = [];
  const delivered: InboundPdu[] = [];
  const session = new GatewaySession({
    host: smsc.host,
    port: smsc.port,
    systemId: SYSTEM_ID,
    password: PASSWORD,
    backoff: { initialMs: 20, maxMs: 100 },
    responseTimeoutMs: 1_000,
    onDeliver: (pdu) => {
      delivered.push(pdu);
      return 0;
    },
    log: (level, message) => logs.push({ level, message }),
    ...overrides,
  });
  session.on('state', (s) => states.push(s));
  session.on('bound', () => events.push('bound'));
  session.on('unbound', ({ reason }) => events.push(`unbound: ${describeReason(reason)}`));
  session.start();
  return {
    session,
    states,
    events,
    logs,
    delivered,
    waitForState: (kind, timeoutMs = 5_000) =>
      smsc.waitFor(
        () => session.state.kind === kind,
        timeoutMs,
        `state ${kind} (now ${JSON.stringify(session.state)})`,
      ),
  };
}

export const kinds = (states: ConnectionState[]): string[] => states.map((s) => s.kind);
