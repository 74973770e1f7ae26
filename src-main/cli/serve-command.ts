/**
 * `smpp-attendance serve`: the attendance core without a window. Binds, records and
 * acknowledges until SIGINT/SIGTERM, then unbinds and closes the database cleanly.
 */
import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { createAppCore } from '../core/app-core.js';
import type { CoreSettings } from '../core/app-core-types.js';
import { isPublicFieldKey } from '../core/protocol/cipher.js';
import { MINUTE_MS, SETTINGS_DEFAULTS, SETTINGS_LIMITS } from '../core/settings/settings-defaults.js';
import { settingsInputSchema, type SettingsInput } from '../core/settings/settings-schema.js';
import { createCliLogger, type LogFormat } from './log-format.js';
import { integerOption, optionalString, parseCommandArgs, requireString, stringOptions } from './options.js';
import { UsageError } from './usage.js';
import { acquireDatabaseLock } from '../core/backup/database-lock.js';
import { createBackupService } from '../core/backup/backup-service.js';
import { BACKUP_START_DELAY_MS } from '../core/backup/database-owner.js';
import { DEFAULT_BACKUP_TIME, parseBackupTime } from '../core/backup/backup-schedule.js';
import { defaultBackupDir } from '../core/backup/pre-migration-backup.js';
import type { CliIo } from './cli-io.js';
import { terminalSafe } from '../core/text/terminal-safe.js';
import { dirname, resolve } from 'node:path';
import type { Alert, WorkingHours } from '../core/model.js';
import { createAlertMonitor } from '../core/alerts/alert-monitor.js';
import { DEFAULT_ALERT_CONFIG } from '../core/alerts/alert-rules.js';
import { describeAlert } from '../core/alerts/describe-alert.js';
import { parseWorkingHours } from '../core/alerts/working-hours-text.js';

const options = {
  ...stringOptions('host', 'port', 'system-id', 'password', 'password-file', 'key', 'key-file', 'db', 'ignore'),
  ...stringOptions('repeat-window', 'ack-rate', 'ack-window', 'enquire-link', 'late-tolerance', 'future-tolerance'),
  ...stringOptions('default-country', 'log', 'backup-dir', 'backup-at', 'alert-after', 'working-hours'),
  'no-ack-unknown': { type: 'boolean' },
} as const;

export interface ServeArgs {
  settings: CoreSettings;
  dbPath: string;
  log: LogFormat;
  backup: { dir: string; at: string | null };
  alerts: { afterMinutes: number; workingHours: WorkingHours };
  /** Said on stderr before serving: secrets given where other users can read them. */
  warnings: string[];
}

/** The flag that sets each field of the settings (language has none: the CLI speaks English). */
const FLAG_OF: Record<keyof SettingsInput, string> = {
  host: '--host',
  port: '--port',
  systemId: '--system-id',
  password: '--password',
  key: '--key',
  ignoreNumbers: '--ignore',
  repeatWindowMinutes: '--repeat-window',
  ackRatePerMinute: '--ack-rate',
  language: '--language',
  defaultCountry: '--default-country',
  lateToleranceMinutes: '--late-tolerance',
  futureToleranceMinutes: '--future-tolerance',
  ackUnknownSenders: '--no-ack-unknown',
  publicKeyAcknowledged: '--key',
};

/**
 * Reads the flags into the settings the window would save, and validates them with the same schema
 * (core/settings/settings-schema.ts), so `serve` and the window accept exactly the same settings.
 * Each flag is checked as it is read, so the first problem on the command line is the one reported.
 */
export function parseServeArgs(argv: string[]): ServeArgs {
  const { values } = parseCommandArgs(argv, options);
  const warnings: string[] = [];
  const secret = (flag: 'password' | 'key', envName: string): string => {
    const file = optionalString(values, `${flag}-file`);
    if (file !== undefined && values[flag] !== undefined)
      throw new UsageError(`give --${flag} or --${flag}-file, not both`);
    if (file !== undefined) return readSecretFile(`--${flag}-file`, file, warnings);
    if (values[flag] !== undefined) {
      warnings.push(
        `--${flag} on the command line can be read by other users of this computer (ps); use the environment variable ${envName} or --${flag}-file instead`,
      );
    }
    return requireString(values, flag, envName);
  };
  // The CLI needs no acknowledgement of the public key: it warns in its log on every start instead.
  const candidate: Partial<SettingsInput> = { language: SETTINGS_DEFAULTS.language, publicKeyAcknowledged: true };
  const take = <F extends keyof SettingsInput>(field: F, value: SettingsInput[F]): SettingsInput[F] => {
    candidate[field] = value;
    const parsed = settingsInputSchema.shape[field].safeParse(value);
    if (!parsed.success) throw new UsageError(flagProblem(field, parsed.error.issues[0], value));
    return parsed.data as SettingsInput[F];
  };

  const host = take('host', requireString(values, 'host'));
  const port = integerOption(values, 'port', NaN);
  if (Number.isNaN(port)) throw new UsageError('missing --port');
  take('port', port);
  const key = take('key', secret('key', 'ATTENDANCE_KEY')) ?? '';
  const log = optionalString(values, 'log') ?? 'human';
  if (log !== 'human' && log !== 'json') throw new UsageError(`--log must be 'human' or 'json', got '${log}'`);
  const defaultCountry = take(
    'defaultCountry',
    (optionalString(values, 'default-country') ?? SETTINGS_DEFAULTS.defaultCountry).toUpperCase(),
  );
  const ignoreText = optionalString(values, 'ignore') ?? SETTINGS_DEFAULTS.ignoreNumbers.join(',');
  const ignoreNumbers = take(
    'ignoreNumbers',
    ignoreText
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n !== ''),
  );
  const dbPath = requireString(values, 'db');
  const systemId = take('systemId', requireString(values, 'system-id'));
  const password = take('password', secret('password', 'SMPP_PASSWORD')) ?? '';
  const repeatWindowMinutes = take(
    'repeatWindowMinutes',
    integerOption(values, 'repeat-window', SETTINGS_DEFAULTS.repeatWindowMinutes),
  );
  const ackRatePerMinute = take(
    'ackRatePerMinute',
    integerOption(values, 'ack-rate', SETTINGS_DEFAULTS.ackRatePerMinute),
  );
  const ackUnknownSenders = take('ackUnknownSenders', values['no-ack-unknown'] !== true);
  // The whole object too, in case the schema ever relates fields to each other.
  const whole = settingsInputSchema.safeParse(candidate);
  if (!whole.success) throw new UsageError(`invalid settings: ${whole.error.issues[0]?.message ?? ''}`);

  const backupAt = optionalString(values, 'backup-at') ?? DEFAULT_BACKUP_TIME;
  if (backupAt !== 'off') {
    try {
      parseBackupTime(backupAt);
    } catch {
      throw new UsageError(`--backup-at takes a time as HH:MM (24 h) or 'off', got '${backupAt}'`);
    }
  }

  const afterText = optionalString(values, 'alert-after') ?? String(DEFAULT_ALERT_CONFIG.gatewayDownMinutes);
  const afterMinutes = Number(afterText);
  if (!(afterMinutes > 0) || afterMinutes > 24 * 60)
    throw new UsageError(`--alert-after takes minutes (more than 0, at most 1440), got '${afterText}'`);
  let workingHours: WorkingHours = DEFAULT_ALERT_CONFIG.workingHours;
  const hoursText = optionalString(values, 'working-hours');
  if (hoursText !== undefined) {
    try {
      workingHours = parseWorkingHours(hoursText);
    } catch (error) {
      throw new UsageError(`--working-hours: ${(error as Error).message}`);
    }
  }

  return {
    dbPath,
    log,
    warnings,
    alerts: { afterMinutes, workingHours },
    backup: {
      dir: optionalString(values, 'backup-dir') ?? defaultBackupDir(dbPath),
      at: backupAt === 'off' ? null : backupAt,
    },
    settings: {
      host,
      port,
      systemId,
      password,
      key,
      ignoreNumbers,
      repeatWindowMs: repeatWindowMinutes * MINUTE_MS,
      ackRatePerMinute,
      ackWindow: integerOption(values, 'ack-window', SETTINGS_DEFAULTS.ackWindow, SETTINGS_LIMITS.ackWindow),
      enquireLinkMs:
        integerOption(
          values,
          'enquire-link',
          SETTINGS_DEFAULTS.enquireLinkSeconds,
          SETTINGS_LIMITS.enquireLinkSeconds,
        ) * 1000,
      lateToleranceMs:
        integerOption(
          values,
          'late-tolerance',
          SETTINGS_DEFAULTS.lateToleranceMinutes,
          SETTINGS_LIMITS.lateToleranceMinutes,
        ) * MINUTE_MS,
      futureToleranceMs:
        integerOption(
          values,
          'future-tolerance',
          SETTINGS_DEFAULTS.futureToleranceMinutes,
          SETTINGS_LIMITS.futureToleranceMinutes,
        ) * MINUTE_MS,
      defaultCountry,
      ackUnknownSenders,
    },
  };
}

/**
 * A secret from a file: its first line, without the line break. A file that the group or others
 * may read is used, with a warning (the secret is no longer the owner's only).
 */
function readSecretFile(flag: string, path: string, warnings: string[]): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
      warnings.push(
        `${flag} '${path}' can be read by other users (mode ${(statSync(path).mode & 0o777).toString(8)}); make it private with chmod 600`,
      );
    }
  } catch (error) {
    throw new UsageError(
      `cannot read ${flag} '${path}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const value = text.split(/\r?\n/)[0] ?? '';
  if (value === '') throw new UsageError(`${flag} '${path}' is empty`);
  return value;
}

/** The schema's complaint about one field, said in terms of the flag the user typed. */
function flagProblem<F extends keyof SettingsInput>(
  field: F,
  issue: z.core.$ZodIssue | undefined,
  value: SettingsInput[F],
): string {
  const flag = FLAG_OF[field];
  switch (field) {
    case 'port':
    case 'repeatWindowMinutes':
    case 'ackRatePerMinute': {
      const { min, max } = SETTINGS_LIMITS[field as 'port' | 'repeatWindowMinutes' | 'ackRatePerMinute'];
      return `${flag} must be between ${min} and ${max}, got ${String(value)}`;
    }
    case 'key':
      return `${flag} (or ATTENDANCE_KEY) must be exactly ${SETTINGS_LIMITS.keyBytes} bytes of UTF-8 (${SETTINGS_LIMITS.keyBytes} ASCII characters); got ${Buffer.byteLength(String(value), 'utf8')} bytes`;
    case 'ignoreNumbers': {
      const index = issue?.path[0];
      return typeof index === 'number'
        ? `${flag} takes numbers separated by commas, got '${(value as string[])[index]}'`
        : `${flag} takes at most ${SETTINGS_LIMITS.ignoreNumbersMax} numbers`;
    }
    case 'defaultCountry':
      return `${flag} must be a two-letter code such as IR, got '${String(value)}'`;
    default:
      return `${flag}: ${issue?.message ?? 'not valid'}`;
  }
}

export async function runServe(argv: string[], io: CliIo): Promise<number> {
  const { settings, dbPath, log: format, backup, alerts: alerting, warnings } = parseServeArgs(argv);
  for (const warning of warnings) io.stderr(`smpp-attendance: warning: ${warning}\n`);
  const logger = createCliLogger(format, io.stdout, Date.now);
  // Held while serving: `restore` refuses to swap the file under a running serve.
  const releaseLock = acquireDatabaseLock(dbPath, 'serve');
  let core: ReturnType<typeof createAppCore>;
  try {
    core = createAppCore({ dbPath, settings });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const backups = createBackupService({
    dbPath,
    dir: backup.dir,
    time: backup.at ?? DEFAULT_BACKUP_TIME,
    startDelayMs: BACKUP_START_DELAY_MS,
    onBackup: (record, pruned) => {
      if (record.ok) {
        const c = record.counts!;
        logger.line({
          at: Date.now(),
          level: 'info',
          message: `backup written and verified: ${record.file} (${c.events} events, ${c.messages} messages, ${record.durationMs} ms)`,
          fields: {
            backup: record.file,
            trigger: record.trigger,
            durationMs: record.durationMs,
            counts: c,
            thread: record.thread,
          },
        });
      } else {
        logger.line({
          at: Date.now(),
          level: 'error',
          message: `backup failed: ${record.error ?? ''}`,
          fields: { backup: record.file, trigger: record.trigger },
        });
      }
      for (const file of pruned)
        logger.line({ at: Date.now(), level: 'info', message: `old backup removed by the retention rule: ${file}` });
    },
  });
  if (backup.at !== null) backups.start();

  // Alerts in English in the log: one line when raised (with what to do), one when cleared.
  let raised = new Set<Alert['code']>();
  const alerts = createAlertMonitor({
    core,
    backups: backup.at !== null ? backups : null,
    folder: dirname(resolve(dbPath)),
    config: () => ({
      ...DEFAULT_ALERT_CONFIG,
      gatewayDownMinutes: alerting.afterMinutes,
      workingHours: alerting.workingHours,
    }),
    intervalMs: Math.min(30_000, Math.max(250, (alerting.afterMinutes * 60_000) / 4)),
    onChange: (list) => {
      const now = new Set(list.map((a) => a.code));
      for (const alert of list) {
        if (!raised.has(alert.code))
          logger.line({
            at: Date.now(),
            level: 'warn',
            message: `alert: ${describeAlert(alert)}`,
            fields: { alert: alert.code, ...alert },
          });
      }
      for (const code of raised)
        if (!now.has(code))
          logger.line({
            at: Date.now(),
            level: 'info',
            message: `alert cleared: ${code}`,
            fields: { alertCleared: code },
          });
      raised = now;
    },
  });

  if (isPublicFieldKey(settings.key)) {
    // On stderr, on every start: the CLI asks no acknowledgement (the window does), it keeps saying it.
    io.stderr(
      'smpp-attendance: warning: the well-known public key of the phone app is in use: anyone who has the app can forge arrivals. Set your own key in the phones and here, or give employees their own keys (employees generate-key).\n',
    );
  }

  let resolveDone!: (code: number) => void;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));
  let stopping = false;
  const stop = (code: number, why: string): void => {
    if (stopping) return;
    stopping = true;
    logger.line({ at: Date.now(), level: 'info', message: `${why}: unbinding and closing the database` });
    backups.stop();
    alerts.stop();
    core.close().then(
      () => {
        releaseLock();
        resolveDone(code);
      },
      (error: unknown) => {
        releaseLock();
        io.stderr(`error while stopping: ${terminalSafe((error as Error).message)}\n`);
        resolveDone(1);
      },
    );
  };

  core.on('connectionState', (state) => {
    logger.state(state);
    if (state.kind === 'refused') {
      io.stderr(`The gateway refused the bind (${state.status}). Check --system-id and --password.\n`);
      stop(1, 'bind refused');
    }
  });
  core.on('message', (m) => logger.message(m));
  core.on('ackUpdate', (u) => logger.ack(u));
  core.on('problem', (p) => logger.problem(p));
  core.on('log', (l) => logger.line(l));

  const onSignal = (signal: NodeJS.Signals): void => stop(0, `received ${signal}`);
  io.onSignal('SIGINT', onSignal);
  io.onSignal('SIGTERM', onSignal);
  if (process.platform !== 'win32') {
    io.onSignal('SIGUSR2', () => {
      if (!stopping) void backups.backupNow('manual');
    });
  }

  logger.line({
    at: Date.now(),
    level: 'info',
    message: `using database ${dbPath}; binding to ${settings.host}:${settings.port} as ${settings.systemId}`,
  });
  logger.line({
    at: Date.now(),
    level: 'info',
    message:
      backup.at === null
        ? 'daily backups are off (--backup-at off)'
        : `daily backup at ${backup.at} into ${backups.status().dir}`,
  });
  core.connect();
  return done;
}
