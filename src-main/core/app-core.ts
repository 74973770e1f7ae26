/**
 * The composition root: `createAppCore(deps)` builds everything that does the work — store,
 * inbound pipeline, gateway connection, ack sender, part sweeper — and wires their events into one
 * emitter. The Electron main process, the browser preview and the CLI each call it once and then
 * only adapt. Each part lives in its own module; this file only connects them.
 */
import type { AppCore, AppCoreDeps, CoreSettings } from './app-core-types.js';
import type { Problem } from './model.js';
import { userInfo } from 'node:os';
import { DEFAULT_TOLERANCES, openStore, StorageError, type TimeTolerances } from './store/attendance-store.js';
import { GroupCommit } from './store/group-commit.js';
import { GatewayConnection } from './gateway/gateway-connection.js';
import { InboundPipeline } from './pipeline/inbound-pipeline.js';
import { createIgnoreMatcher } from './pipeline/ignore-list.js';
import { startPartSweeper } from './pipeline/part-sweeper.js';
import { assertValidKey } from './protocol/cipher.js';
import { AckSender } from './acks/ack-sender.js';
import { SETTINGS_DEFAULTS } from './settings/settings-defaults.js';
import { createCoreEmitter } from './core-events.js';
import { describeReason } from './describe.js';
import { createOwnKeyCipher, generateOwnKey, type OwnKeyCipher } from './employees/own-key-cipher.js';
import { dataKeyPath, loadDataKeyFromFile, type DataKey, type DataKeyProtection } from './employees/data-key.js';

export function createAppCore(deps: AppCoreDeps): AppCore {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const events = createCoreEmitter(now);
  const { emit, log } = events;
  let settings: CoreSettings = { ...deps.settings };
  let isIgnored = createIgnoreMatcher(settings.ignoreNumbers);

  let dataKey: DataKey | null = deps.dataKey ?? null;
  let cipher: OwnKeyCipher | null = null;
  const ownKeys = (): OwnKeyCipher => {
    if (cipher) return cipher;
    if (!dataKey) {
      dataKey = loadDataKeyFromFile(deps.dbPath, { create: true })!;
    }
    cipher = createOwnKeyCipher(dataKey.key);
    return cipher;
  };
  const protection = (): DataKeyProtection => dataKey?.protection ?? 'file';
  const store = openStore(deps.dbPath, {
    now,
    defaultCountry: settings.defaultCountry,
    tolerances: tolerancesOf(settings),
    ownKeys,
  });
  if (store.sealedAtOpen > 0) {
    const sealed = store.sealedAtOpen;
    // After the owner has subscribed to the log (it does so once this function returns).
    queueMicrotask(() =>
      log('info', `sealed ${sealed} employee key(s) that an older version kept in clear in the database`),
    );
  }
  if (store.sealingError) {
    const why = store.sealingError.message;
    queueMicrotask(() =>
      log('error', `employee keys kept in clear by an older version could not be sealed yet: ${why}`),
    );
  }
  const fileWarning = (): void => {
    if (protection() === 'file') {
      log(
        'warn',
        `employees' own keys are sealed with the data key in ${dataKeyPath(deps.dbPath)}, which only that file's permissions (0600) protect: keep it out of shared folders, and back it up with the database`,
      );
    }
  };
  const operator = deps.operator ?? osUserName;
  // The app's own connection history (store/connection-history.ts): repaired after a crash, then
  // one interval per state, kept alive by a heartbeat and closed on a clean shutdown.
  try {
    store.connectionHistoryStart(now());
  } catch (error) {
    log('warn', `could not record the connection history: ${(error as Error).message}`);
  }
  const heartbeat = setInterval(() => {
    try {
      store.connectionHistoryHeartbeat(now());
    } catch (error) {
      log('warn', `could not record the connection history's heartbeat: ${(error as Error).message}`);
    }
  }, deps.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  // One transaction (one fsync) per turn of the event loop for everything written in it.
  const commits = new GroupCommit((body) => store.batch(body));
  let boundSince: number | null = null;
  let closed = false;

  const gateway: GatewayConnection = new GatewayConnection({
    settings: () => settings,
    now,
    random,
    onDeliver: (pdu) => pipeline.handle(pdu),
    onState: (next) => {
      if (next.kind === 'bound') boundSince ??= now();
      else boundSince = null;
      if (!closed) {
        try {
          store.connectionHistoryChange(next.kind === 'bound' ? 'bound' : 'not_bound', now());
        } catch (error) {
          log('warn', `could not record the connection history: ${(error as Error).message}`);
        }
      }
      emit('connectionState', next);
      if (next.kind === 'bound') ackSender.wake();
    },
    log,
  });

  const ackSender = new AckSender({
    store,
    commits,
    submit: (req) => gateway.submit(req),
    isBound: () => gateway.state.kind === 'bound',
    now,
    random,
    window: settings.ackWindow ?? SETTINGS_DEFAULTS.ackWindow,
    ratePerMinute: settings.ackRatePerMinute,
    onUpdate: (update) => {
      emit('ackUpdate', update);
      if (update.state === 'failed')
        log('warn', `ack for message ${update.messageId} failed: ${update.error ? describeReason(update.error) : ''}`);
    },
    log,
  });

  const pipeline = new InboundPipeline({
    store,
    commits,
    now,
    config: () => ({
      key: settings.key,
      repeatWindowMs: settings.repeatWindowMs,
      isIgnored,
      defaultCountry: settings.defaultCountry,
      ackUnknownSenders: settings.ackUnknownSenders ?? SETTINGS_DEFAULTS.ackUnknownSenders,
    }),
    onRecorded: (result) => {
      emit('message', result.message);
      if (result.ackId !== null) ackSender.wake();
    },
    onAckUpdate: (update) => emit('ackUpdate', update),
    onStorageTrouble: (error) => emit('problem', storageProblem(error)),
    log,
  });

  const stopSweeper = startPartSweeper({ store, pipeline, now, boundSince: () => boundSince });
  ackSender.start();

  const core: AppCore = {
    store,
    connectionState: () => gateway.state,
    settings: () => settings,
    updateSettings(next) {
      assertValidKey(next.key);
      settings = { ...next };
      isIgnored = createIgnoreMatcher(settings.ignoreNumbers);
      store.setDefaultCountry(settings.defaultCountry);
      store.setTimeTolerances(tolerancesOf(settings));
      ackSender.setLimits({
        ratePerMinute: settings.ackRatePerMinute,
        window: settings.ackWindow ?? SETTINGS_DEFAULTS.ackWindow,
      });
    },
    setEmployeeKey(id, key) {
      const employee = store.setEmployeeKey(id, key);
      log(
        'info',
        `${key === null ? 'removed the own key of' : 'set a new own key for'} employee ${employee.id} (${employee.phone})`,
        { employeeId: employee.id, keyChange: key === null ? 'removed' : 'set' },
      );
      if (key !== null) fileWarning();
      return employee;
    },
    generateEmployeeKey(id) {
      const key = generateOwnKey();
      const employee = store.setEmployeeKey(id, key, { action: 'generate' });
      log('info', `generated a new own key for employee ${employee.id} (${employee.phone})`, {
        employeeId: employee.id,
        keyChange: 'generated',
      });
      fileWarning();
      return { employee, key };
    },
    ownKeyProtection: protection,
    ackQueue: () => ackSender.queueStatus(),
    connect() {
      if (closed) throw new Error('the core is closed');
      gateway.connect();
    },
    disconnect: () => gateway.disconnect(),
    on: events.on,
    operator,
    async close() {
      if (closed) return;
      await core.disconnect();
      closed = true;
      clearInterval(heartbeat);
      ackSender.stop();
      stopSweeper();
      commits.flush(); // whatever this turn queued is written before the file closes
      try {
        store.connectionHistoryStop(now());
      } catch (error) {
        log('warn', `could not close the connection history: ${(error as Error).message}`);
      }
      store.close();
    },
  };
  return core;
}

const HEARTBEAT_MS = 60_000;

function tolerancesOf(settings: CoreSettings): TimeTolerances {
  return {
    lateMs: settings.lateToleranceMs ?? DEFAULT_TOLERANCES.lateMs,
    futureMs: settings.futureToleranceMs ?? DEFAULT_TOLERANCES.futureMs,
  };
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? process.env['USERNAME'] ?? 'unknown';
  }
}

/** The storage banner: messages are refused (and why), or storage works again (`error` null). */
function storageProblem(error: Error | null): Problem {
  if (error === null) return { kind: 'storage', active: false, reason: { code: 'storage-works-again' } };
  const cause =
    error instanceof StorageError
      ? error.reason
      : ({ code: 'internal-error', params: { detail: error.message } } as const);
  return { kind: 'storage', active: true, reason: { code: 'messages-not-accepted', params: { cause } } };
}
