/**
 * How `serve` reports what happens: one human line per event by default, or one JSON object per
 * line (`--log json`) for log collectors. Reasons are codes with parameters (core/model.ts); they
 * become English here, at the edge (core/describe.ts), and JSON lines carry both. Text from the
 * network is escaped in both formats (core/text/terminal-safe.ts).
 */
import type { AckUpdate, ConnectionState, MessageRecord, Problem } from '../core/model.js';
import type { CoreLogLine } from '../core/app-core-types.js';
import { describeReason, describeState } from '../core/describe.js';
import { jsonTerminalSafe, terminalSafe } from '../core/text/terminal-safe.js';

export type LogFormat = 'human' | 'json';

export interface CliLogger {
  state(state: ConnectionState): void;
  message(message: MessageRecord): void;
  ack(update: AckUpdate): void;
  problem(problem: Problem): void;
  line(line: CoreLogLine): void;
}

export function createCliLogger(format: LogFormat, write: (text: string) => void, now: () => number): CliLogger {
  if (format === 'json') {
    const out = (record: Record<string, unknown>): void =>
      write(`${jsonTerminalSafe(JSON.stringify({ at: new Date(now()).toISOString(), ...record }))}\n`);
    return {
      state: (state) =>
        out({
          type: 'state',
          ...state,
          ...(state.kind === 'retrying' ? { reasonText: describeReason(state.reason) } : {}),
        }),
      message: (m) => out({ type: 'message', ...m, ...(m.reason ? { reasonText: describeReason(m.reason) } : {}) }),
      ack: (u) => out({ type: 'ack', ...u, ...(u.error ? { errorText: describeReason(u.error) } : {}) }),
      problem: (p) => out({ type: 'problem', ...p, message: describeReason(p.reason) }),
      line: (l) => out({ type: 'log', level: l.level, message: l.message, ...(l.fields ?? {}) }),
    };
  }
  // Whole lines escaped: a plaintext, a name or a gateway's words cannot start a line or drive the terminal.
  const out = (text: string): void => write(`${clock(now())} ${terminalSafe(text)}\n`);
  return {
    state: (state) => out(`state: ${describeState(state)}`),
    message: (m) => {
      const who = m.employeeName ? `${m.source} (${m.employeeName})` : m.source;
      const text = m.plaintext === null ? '' : ` "${m.plaintext}"`;
      const why = m.reason ? `: ${describeReason(m.reason)}` : '';
      const ack = m.ackState ? `, ack ${m.ackState}` : '';
      out(`message #${m.id} from ${who}${text} ${m.outcome}${why}${ack}`);
    },
    ack: (u) => out(`ack for message #${u.messageId} ${u.state}${u.error ? ` (${describeReason(u.error)})` : ''}`),
    problem: (p) => out(`${p.active ? 'PROBLEM' : 'resolved'}: ${describeReason(p.reason)}`),
    line: (l) => out(l.level === 'info' ? l.message : `${l.level}: ${l.message}`),
  };
}

function clock(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
