/**
 * The composition root: `createAppCore(deps)` builds everything that does the work — store,
 * inbound pipeline, gateway session, ack sender — and wires their events into one emitter. The
 * Electron main process, the browser preview and the CLI each call it once and then only adapt.
 */
import { EventEmitter } from 'node:events';
import type { AppCore, AppCoreDeps, CoreEvents, CoreLogLine, CoreSettings } from './app-core-types.js';
import type { ConnectionState } from './model.js';
import { openStore, StorageError } from './store/attendance-store.js';
import { GatewaySession } from './gateway/gateway-session.js';
import { InboundPipeline } from './pipeline/inbound-pipeline.js';
import { createIgnoreMatcher } from './pipeline/ignore-list.js';
import { assertValidKey } from './protocol/cipher.js';
import { AckSender } from './acks/ack-sender.js';
import { GroupCommit } from './store/group-commit.js';
import { SETTINGS_DEFAULTS } from './settings/settings-defaults.js';
import { describeReason } from './describe.js';

/**
 * Parts of a long message whose siblings have not come this long — counted while bound, since
 * after a (re)bind the gateway first delivers whatever it still holds — are recorded as rejected.
 */
const PART_TTL_MS = 10 * 60_000;
/** Parts of recorded messages are kept this long, to recognise a part the gateway delivers again after a crash. */
const PART_KEEP_MS = 7 * 24 * 60 * 60_000;
const PART_SWEEP_MS = 5_000;
const PART_PURGE_EVERY_MS = 60 * 60_000;

export function createAppCore(deps: AppCoreDeps): AppCore {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  let settings: CoreSettings = { ...deps.settings };
  let isIgnored = createIgnoreMatcher(settings.ignoreNumbers);

  const emitter = new EventEmitter();
  emitter.setMaxListeners(50);
  const emit = <E extends keyof CoreEvents>(event: E, ...args: Parameters<CoreEvents[E]>): void => {
    emitter.emit(event, ...args);
  };
  const log = (level: CoreLogLine['level'], message: string, fields?: Record<string, unknown>): void =>
    emit('log', { at: now(), level, message, ...(fields ? { fields } : {}) });

  const store = openStore(deps.dbPath, { now, defaultCountry: settings.defaultCountry });
  // One transaction (one fsync) per turn of the event loop for everything written in it.
  const commits = new GroupCommit((body) => store.batch(body));

  let session: GatewaySession | null = null;
  let state: ConnectionState = { kind: 'disconnected' };
  let closed = false;

  const ackSender = new AckSender({
    store,
    commits,
    submit: (req) => {
      if (!session) return Promise.reject(new Error('not connected'));
      return session.submit(req);
    },
    isBound: () => state.kind === 'bound',
    now,
    random,
    window: settings.ackWindow ?? SETTINGS_DEFAULTS.ackWindow,
    ratePerMinute: settings.ackRatePerMinute,
    onUpdate: (update) => {
      emit('ackUpdate', update);
      if (update.state === 'failed') log('warn', `ack for message ${update.messageId} failed: ${update.error ? describeReason(update.error) : ''}`);
    },
    log,
  });

  const pipeline = new InboundPipeline({
    store,
    commits,
    now,
    config: () => ({ key: settings.key, repeatWindowMs: settings.repeatWindowMs, isIgnored }),
    onRecorded: (result) => {
      emit('message', result.message);
      if (result.ackId !== null) ackSender.wake();
    },
    onAckUpdate: (update) => emit('ackUpdate', update),
    onStorageTrouble: (error) =>
      emit('problem', {
        kind: 'storage',
        active: error !== null,
        reason: error
          ? {
              code: 'messages-not-accepted',
              params: { cause: error instanceof StorageError ? error.reason : { code: 'internal-error', params: { detail: error.message } } },
            }
          : { code: 'storage-works-again' },
      }),
    log,
  });

  let boundSince: number | null = null;
  let lastPurge = now();
  const sweep = setInterval(() => {
    const at = now();
    if (boundSince === null || at - boundSince < PART_TTL_MS) return;
    const purge = at - lastPurge >= PART_PURGE_EVERY_MS;
    let stale: number;
    try {
      stale = store.staleParts(at - PART_TTL_MS).length; // a read: the write below only when there is work
    } catch {
      return; // the database has a problem; the pipeline reports it when messages arrive
    }
    if (stale === 0 && !purge) return;
    if (purge) lastPurge = at;
    void pipeline.expireStaleParts(at - PART_TTL_MS, at - PART_KEEP_MS);
  }, PART_SWEEP_MS);
  sweep.unref();

  const setState = (next: ConnectionState): void => {
    state = next;
    if (next.kind === 'bound') boundSince ??= now();
    else boundSince = null;
    emit('connectionState', next);
    if (next.kind === 'bound') ackSender.wake();
  };

  ackSender.start();

  const core: AppCore = {
    store,
    connectionState: () => state,
    settings: () => settings,
    updateSettings(next) {
      assertValidKey(next.key);
      settings = { ...next };
      isIgnored = createIgnoreMatcher(settings.ignoreNumbers);
      store.setDefaultCountry(settings.defaultCountry);
      ackSender.setLimits({ ratePerMinute: settings.ackRatePerMinute, window: settings.ackWindow ?? SETTINGS_DEFAULTS.ackWindow });
    },
    connect() {
      if (closed) throw new Error('the core is closed');
      if (session && state.kind !== 'refused') return;
      if (session) void session.stop(); // refused: the user changed something and tries again
      assertValidKey(settings.key);
      const current = new GatewaySession({
        host: settings.host,
        port: settings.port,
        systemId: settings.systemId,
        password: settings.password,
        enquireLinkMs: settings.enquireLinkMs ?? SETTINGS_DEFAULTS.enquireLinkSeconds * 1000,
        random,
        now,
        onDeliver: (pdu) => pipeline.handle(pdu),
        log,
      });
      session = current;
      current.on('state', (next) => {
        if (session === current) setState(next);
      });
      current.start();
    },
    async disconnect() {
      const current = session;
      session = null;
      if (current) await current.stop();
      setState({ kind: 'disconnected' });
    },
    on(event, listener) {
      emitter.on(event, listener);
      return () => emitter.off(event, listener);
    },
    async close() {
      if (closed) return;
      await core.disconnect();
      closed = true;
      ackSender.stop();
      clearInterval(sweep);
      commits.flush(); // whatever this turn queued is written before the file closes
      store.close();
    },
  };
  return core;
}
