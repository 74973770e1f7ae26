/**
 * The user's settings, kept between runs in one JSON file. Secrets (SMPP password, encryption key)
 * go through a {@link SecretBox} and never appear in the file in clear; with a memory box they are
 * not written at all. A damaged file never stops the app: every field that does not validate falls
 * back to its default, an unreadable file is set aside, and `loadProblems` says what happened so the
 * UI can tell the user.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  appSettingsSchema,
  settingsInputSchema,
  type AppSettingsInput,
  type SettingsInput,
  type SettingsFields,
  type SettingsView,
} from './settings-schema.js';
import { DEFAULT_WORKING_HOURS } from '../alerts/alert-rules.js';
import { DEFAULT_BACKUP_TIME } from '../backup/backup-schedule.js';
import type { CoreSettings } from '../app-core-types.js';
import { isPublicFieldKey } from '../protocol/cipher.js';
import type { SecretBox } from './secret-box.js';
import { MINUTE_MS, SETTINGS_DEFAULTS } from './settings-defaults.js';
import type { SettingsReason } from '../model.js';
import { describeReason } from '../describe.js';
import { createPrivateDir, PRIVATE_FILE_MODE } from '../private-files.js';

/** Settings with their secrets in clear, as the main process holds them. Empty string: not set. */
export interface StoredSettings extends SettingsFields {
  password: string;
  key: string;
  /** The app was connected when it last closed: it connects again at start. Not shown to the renderer. */
  wasConnected: boolean;
}

export interface SettingsRepository {
  /** What the renderer may see: no secrets, only whether they are set and how they are kept. */
  view(): SettingsView;
  /** Everything, secrets included, for the core. */
  current(): StoredSettings;
  /**
   * Validates and persists. An omitted password or key keeps the stored one, except that a new
   * host, port or system id clears the stored password unless a new one comes in the same save (the
   * password must not follow the settings to another gateway). Saves run one at a time, in the
   * order they were asked for.
   * Rejects with a ZodError when `input` does not match the contract's schema (nothing is written).
   */
  save(input: SettingsInput): Promise<SettingsView>;
  /** Validates and persists the settings outside the connection form (omitted ones are kept). */
  update(input: AppSettingsInput): Promise<SettingsView>;
  /** Remembers whether the app was connected (for the next start); also decides start-at-login when undecided. */
  setWasConnected(connected: boolean): Promise<void>;
  /** Why the stored settings could not be used as they were; empty when they were fine. */
  readonly loadProblems: readonly SettingsReason[];
  /** The same in English (for logs and the CLI); null when they were fine. */
  readonly loadProblem: string | null;
}

/** The settings of a first run (settings-defaults.ts), with no host, credentials or key yet. */
export const DEFAULT_SETTINGS: StoredSettings = {
  host: '',
  port: SETTINGS_DEFAULTS.port,
  systemId: '',
  password: '',
  key: '',
  ignoreNumbers: [...SETTINGS_DEFAULTS.ignoreNumbers],
  repeatWindowMinutes: SETTINGS_DEFAULTS.repeatWindowMinutes,
  ackRatePerMinute: SETTINGS_DEFAULTS.ackRatePerMinute,
  language: SETTINGS_DEFAULTS.language,
  defaultCountry: SETTINGS_DEFAULTS.defaultCountry,
  lateToleranceMinutes: SETTINGS_DEFAULTS.lateToleranceMinutes,
  futureToleranceMinutes: SETTINGS_DEFAULTS.futureToleranceMinutes,
  ackUnknownSenders: SETTINGS_DEFAULTS.ackUnknownSenders,
  publicKeyAcknowledged: false,
  backupDir: '',
  backupTime: DEFAULT_BACKUP_TIME,
  workingHours: DEFAULT_WORKING_HOURS,
  startAtLogin: null,
  wasConnected: false,
};

const FILE_VERSION = 1;

const secretsSchema = z.object({
  kind: z.enum(['keychain', 'weak']),
  password: z.string().optional(),
  key: z.string().optional(),
});

/** Plain (non-secret) fields, each validated on its own so one bad value does not cost the rest. */
const plainFields = [
  'host',
  'port',
  'systemId',
  'ignoreNumbers',
  'repeatWindowMinutes',
  'ackRatePerMinute',
  'language',
  'defaultCountry',
  'lateToleranceMinutes',
  'futureToleranceMinutes',
  'ackUnknownSenders',
  'publicKeyAcknowledged',
] as const;
type PlainField = (typeof plainFields)[number];
const appFields = ['backupDir', 'backupTime', 'workingHours', 'startAtLogin'] as const;

export interface JsonSettingsOptions {
  filePath: string;
  secretBox: SecretBox;
  /** Seeds secrets that the file does not hold (e.g. the preview's environment variables). */
  initialSecrets?: { password?: string; key?: string };
  now?: () => number;
}

/** Reads the file (opening its secrets with the box) and returns the repository over it. */
export async function createJsonSettingsRepository(options: JsonSettingsOptions): Promise<SettingsRepository> {
  const { filePath, secretBox } = options;
  const now = options.now ?? Date.now;
  const { settings: loaded, problems, reEncrypt } = await load(filePath, secretBox, now);
  let settings: StoredSettings = loaded;
  if (reEncrypt) {
    try {
      await write(filePath, settings, secretBox);
    } catch {
      // The secrets as stored still open; they are stored again on the next save.
    }
  }
  if (options.initialSecrets?.password !== undefined && settings.password === '')
    settings.password = options.initialSecrets.password;
  if (options.initialSecrets?.key !== undefined && settings.key === '') settings.key = options.initialSecrets.key;

  const view = (): SettingsView => {
    const { password, key, wasConnected: _wasConnected, ...plain } = settings;
    return {
      ...plain,
      workingHours: { ...plain.workingHours, days: [...plain.workingHours.days] },
      ignoreNumbers: [...plain.ignoreNumbers],
      hasPassword: password !== '',
      hasKey: key !== '',
      keyIsPublicDefault: key !== '' && isPublicFieldKey(key),
      secretStorage: secretBox.kind,
    };
  };

  /** The previous save, so that the next one starts from what it stored. */
  let saving: Promise<unknown> = Promise.resolve();

  return {
    loadProblems: problems,
    loadProblem: problems.length > 0 ? problems.map(describeReason).join(' ') : null,
    view,
    current: () => ({ ...settings, ignoreNumbers: [...settings.ignoreNumbers] }),
    async save(input) {
      const valid = settingsInputSchema.parse(input);
      return inTurn(() => store(valid));
    },
    async update(input) {
      const valid = appSettingsSchema.parse(input);
      return inTurn(async () => {
        const next: StoredSettings = { ...settings };
        for (const field of appFields) if (valid[field] !== undefined) assignPlain(next, field, valid[field]);
        await write(filePath, next, secretBox);
        settings = next;
        return view();
      });
    },
    async setWasConnected(connected) {
      if (settings.wasConnected === connected && !(connected && settings.startAtLogin === null)) return;
      await inTurn(async () => {
        const next: StoredSettings = { ...settings, wasConnected: connected };
        if (connected && next.startAtLogin === null) next.startAtLogin = true;
        await write(filePath, next, secretBox);
        settings = next;
      });
    },
  };

  /** Saves run one at a time, in the order they were asked for, each from what the previous stored. */
  async function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const previous = saving;
    let done!: () => void;
    saving = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous.catch(() => undefined);
      return await work();
    } finally {
      done();
    }
  }

  async function store(valid: SettingsInput): Promise<SettingsView> {
    const key = valid.key ?? settings.key;
    const next: StoredSettings = {
      ...settings,
      host: valid.host,
      port: valid.port,
      systemId: valid.systemId,
      password: valid.password ?? (sameGateway(valid, settings) ? settings.password : ''),
      key,
      ignoreNumbers: [...valid.ignoreNumbers],
      repeatWindowMinutes: valid.repeatWindowMinutes,
      ackRatePerMinute: valid.ackRatePerMinute,
      language: valid.language,
      defaultCountry: valid.defaultCountry,
      lateToleranceMinutes: valid.lateToleranceMinutes ?? settings.lateToleranceMinutes,
      futureToleranceMinutes: valid.futureToleranceMinutes ?? settings.futureToleranceMinutes,
      ackUnknownSenders: valid.ackUnknownSenders ?? settings.ackUnknownSenders,
      // Kept only while the key in use is the public one: a new public key must be confirmed again.
      publicKeyAcknowledged:
        key !== '' &&
        isPublicFieldKey(key) &&
        (valid.publicKeyAcknowledged ?? (valid.key === undefined && settings.publicKeyAcknowledged)),
    };
    await write(filePath, next, secretBox);
    settings = next;
    return view();
  }
}

/** True when a save keeps the gateway the stored password was given for. */
function sameGateway(input: SettingsInput, stored: StoredSettings): boolean {
  return input.host === stored.host && input.port === stored.port && input.systemId === stored.systemId;
}

/** The core's view of stored settings. */
export function toCoreSettings(settings: StoredSettings): CoreSettings {
  return {
    host: settings.host,
    port: settings.port,
    systemId: settings.systemId,
    password: settings.password,
    key: settings.key,
    ignoreNumbers: [...settings.ignoreNumbers],
    repeatWindowMs: settings.repeatWindowMinutes * MINUTE_MS,
    ackRatePerMinute: settings.ackRatePerMinute,
    defaultCountry: settings.defaultCountry,
    lateToleranceMs: settings.lateToleranceMinutes * MINUTE_MS,
    futureToleranceMs: settings.futureToleranceMinutes * MINUTE_MS,
    ackUnknownSenders: settings.ackUnknownSenders,
  };
}

/** The fields the user still has to fill in before a bind can be attempted; empty when none. */
export function missingForConnect(settings: StoredSettings): ('host' | 'systemId' | 'key')[] {
  const missing: ('host' | 'systemId' | 'key')[] = [];
  if (settings.host.trim() === '') missing.push('host');
  if (settings.systemId === '') missing.push('systemId');
  if (settings.key === '') missing.push('key');
  return missing;
}

interface Loaded {
  settings: StoredSettings;
  problems: SettingsReason[];
  /** The box asked for a secret to be stored again. */
  reEncrypt: boolean;
}

async function load(filePath: string, box: SecretBox, now: () => number): Promise<Loaded> {
  const settings: StoredSettings = { ...DEFAULT_SETTINGS, ignoreNumbers: [...DEFAULT_SETTINGS.ignoreNumbers] };
  let reEncrypt = false;
  if (!existsSync(filePath)) return { settings, problems: [], reEncrypt };

  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error) {
    const keptAs = setAside(filePath, now);
    return {
      settings,
      problems: [{ code: 'settings-unreadable', params: { detail: (error as Error).message, keptAs } }],
      reEncrypt,
    };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      settings,
      problems: [{ code: 'settings-not-an-object', params: { keptAs: setAside(filePath, now) } }],
      reEncrypt,
    };
  }
  const record = raw as Record<string, unknown>;
  const problems: SettingsReason[] = [];
  if (record.version !== FILE_VERSION) {
    problems.push({
      code: 'settings-version',
      params: { found: JSON.stringify(record.version) ?? 'none', expected: FILE_VERSION },
    });
  }

  const reset: string[] = [];
  for (const field of plainFields) {
    if (!(field in record)) continue;
    const parsed = settingsInputSchema.shape[field].safeParse(record[field]);
    if (parsed.success) assignPlain(settings, field, parsed.data);
    else reset.push(field);
  }
  for (const field of appFields) {
    if (!(field in record)) continue;
    const parsed = appSettingsSchema.shape[field].safeParse(record[field]);
    if (parsed.success && parsed.data !== undefined) assignPlain(settings, field, parsed.data);
    else if (!(field === 'startAtLogin' && record[field] === null)) reset.push(field);
  }
  if (typeof record.wasConnected === 'boolean') settings.wasConnected = record.wasConnected;
  if (reset.length > 0) problems.push({ code: 'settings-reset', params: { fields: reset.join(', ') } });

  if (record.secrets !== undefined) {
    const secrets = secretsSchema.safeParse(record.secrets);
    if (!secrets.success) {
      problems.push({ code: 'secrets-unreadable' });
    } else if (box.kind === 'memory') {
      if (secrets.data.password !== undefined || secrets.data.key !== undefined) {
        problems.push({ code: 'secrets-need-keychain' });
      }
    } else {
      for (const name of ['password', 'key'] as const) {
        const stored = secrets.data[name];
        if (stored === undefined) continue;
        try {
          const opened = await box.decrypt(stored);
          settings[name] = opened.plaintext;
          reEncrypt ||= opened.reEncrypt;
        } catch {
          problems.push({ code: 'secret-not-opened', params: { secret: name } });
        }
      }
      if (settings.key !== '' && Buffer.byteLength(settings.key, 'utf8') !== 32) {
        settings.key = '';
        problems.push({ code: 'saved-key-wrong-length' });
      }
    }
  }
  return { settings, problems, reEncrypt };
}

function assignPlain<F extends PlainField | (typeof appFields)[number]>(
  settings: StoredSettings,
  field: F,
  value: unknown,
): void {
  settings[field] = value as StoredSettings[F];
}

/** Keeps an unreadable file next to the new one (so nothing the user had is lost): where, or null if it could not be moved. */
function setAside(filePath: string, now: () => number): string | null {
  const aside = `${filePath}.unreadable-${now()}`;
  try {
    renameSync(filePath, aside);
    return aside;
  } catch {
    return null;
  }
}

/** Write to a temporary file and rename, so a crash mid-write leaves the old file intact. */
async function write(filePath: string, settings: StoredSettings, box: SecretBox): Promise<void> {
  const { password, key, ...plain } = settings;
  const file: Record<string, unknown> = { version: FILE_VERSION, ...plain };
  if (box.kind !== 'memory') {
    file.secrets = {
      kind: box.kind,
      ...(password !== '' ? { password: await box.encrypt(password) } : {}),
      ...(key !== '' ? { key: await box.encrypt(key) } : {}),
    };
  }
  createPrivateDir(dirname(filePath));
  const temp = `${filePath}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  chmodSync(temp, PRIVATE_FILE_MODE); // a leftover temporary file keeps its mode otherwise
  renameSync(temp, filePath);
}
