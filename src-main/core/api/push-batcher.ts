/**
 * Turns the core's events into the contract's pushes, in batches, so that a burst at 08:00 (or a
 * replay of thousands of stored messages) reaches the renderer as a few arrays instead of thousands
 * of IPC/WebSocket frames. Within one flush:
 * - `connectionState`: only the latest state is sent (the UI shows the current one);
 * - `messages`: one entry per message id, the latest version, in first-seen order;
 * - `ackUpdates`: one entry per ack id, the latest state;
 * - `problem`: one entry per (kind, message), the latest `active`;
 * - `exportProgress`: the latest; a final (`done`) one is sent at once.
 * Order of a flush: state, messages, ack updates, problems, export progress; so a renderer never
 * sees an ack update for a message it has not been sent yet.
 */
import type { ConnectionState, MessageRecord } from '../model.js';
import type { AckUpdate, ExportProgress, Problem, PushEvents, PushName } from '../../contract/app-api.js';
import type { AppCore } from '../app-core-types.js';

export type PushSink = <K extends PushName>(name: K, payload: PushEvents[K]) => void;

export interface PushBatcherOptions {
  /** Longest a queued event waits before it is sent. Default 100 ms. */
  intervalMs?: number;
  /** Queued messages + ack updates that trigger an immediate flush. Default 500. */
  maxItems?: number;
}

export interface PushBatcher {
  /** Export progress comes from the exporter, not the core. */
  exportProgress(progress: ExportProgress): void;
  /** Problems that did not come from the core (e.g. the settings file was damaged). */
  problem(problem: Problem): void;
  /** Problems still active, for a renderer that connects later (the preview's second tab, a reload). */
  activeProblems(): Problem[];
  /** Sends whatever is queued now. */
  flush(): void;
  /** Stops listening to the core and drops the queue. */
  dispose(): void;
}

export function createPushBatcher(
  core: Pick<AppCore, 'on'>,
  send: PushSink,
  options: PushBatcherOptions = {},
): PushBatcher {
  const intervalMs = options.intervalMs ?? 100;
  const maxItems = options.maxItems ?? 500;

  let state: ConnectionState | null = null;
  const messages = new Map<number, MessageRecord>();
  const acks = new Map<number, AckUpdate>();
  const problems = new Map<string, Problem>();
  const active = new Map<string, Problem>();
  let progress: ExportProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const schedule = (): void => {
    if (disposed) return;
    if (messages.size + acks.size >= maxItems) {
      flush();
      return;
    }
    timer ??= setTimeout(flush, intervalMs);
  };

  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (disposed) return;
    if (state) send('connectionState', state);
    if (messages.size > 0) send('messages', [...messages.values()]);
    if (acks.size > 0) send('ackUpdates', [...acks.values()]);
    for (const p of problems.values()) send('problem', p);
    if (progress) send('exportProgress', progress);
    state = null;
    messages.clear();
    acks.clear();
    problems.clear();
    progress = null;
  };

  const noteProblem = (p: Problem): void => {
    const key = `${p.kind}\u0000${JSON.stringify(p.reason)}`;
    problems.set(key, p);
    // A problem is cleared by one of the same kind that says it is over (its reason differs).
    if (p.active) active.set(key, p);
    else for (const [k, old] of active) if (old.kind === p.kind) active.delete(k);
    schedule();
  };

  const unsubscribe = [
    core.on('connectionState', (s) => {
      state = s;
      schedule();
    }),
    core.on('message', (m) => {
      messages.set(m.id, m);
      schedule();
    }),
    core.on('ackUpdate', (u) => {
      acks.set(u.ackId, u);
      schedule();
    }),
    core.on('problem', noteProblem),
  ];

  return {
    exportProgress(p) {
      progress = p;
      if (p.done) flush();
      else schedule();
    },
    problem: noteProblem,
    activeProblems: () => [...active.values()],
    flush,
    dispose() {
      if (disposed) return;
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      for (const off of unsubscribe) off();
      messages.clear();
      acks.clear();
      problems.clear();
    },
  };
}
