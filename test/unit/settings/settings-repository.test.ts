/** The settings file: defaults, round trip, secrets only through the box, and a damaged file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemorySecretBox, type SecretBox } from '../../../src-main/core/settings/secret-box.js';
import {
  createJsonSettingsRepository,
  missingForConnect,
  toCoreSettings,
} from '../../../src-main/core/settings/settings-repository.js';
import type { SettingsInput } from '../../../src-main/core/settings/settings-schema.js';
import { FIELD_KEY, OTHER_KEY } from '../../support/phone.js';
import { tempDir } from '../../support/core-harness.js';

/**
 * A reversible stand-in for safeStorage that makes it obvious when a secret is stored in clear.
 * Like safeStorage's asynchronous API it answers later, not in the same turn. It encrypts with the
 * prefix `prefix`; text under `stalePrefix` still opens but asks to be stored again (a rotated key).
 */
function rot13Box(kind: 'keychain' | 'weak' = 'keychain', prefix = 'box:', stalePrefix = 'old:'): SecretBox {
  const rot = (s: string): string =>
    s.replace(/[a-z]/gi, (c) =>
      String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c === c.toLowerCase() ? 97 : 65)),
    );
  const later = <T>(value: () => T): Promise<T> =>
    new Promise((resolve, reject) =>
      setImmediate(() => {
        try {
          resolve(value());
        } catch (error) {
          reject(error as Error);
        }
      }),
    );
  return {
    kind,
    encrypt: (p) => later(() => `${prefix}${Buffer.from(rot(p)).toString('base64')}`),
    decrypt: (s) =>
      later(() => {
        const used = [prefix, stalePrefix].find((x) => s.startsWith(x));
        if (!used) throw new Error('not ours');
        return {
          plaintext: rot(Buffer.from(s.slice(used.length), 'base64').toString()),
          reEncrypt: used === stalePrefix,
        };
      }),
  };
}

const input: SettingsInput = {
  host: '192.168.1.20',
  port: 9600,
  systemId: 'office',
  password: 'pw123',
  key: OTHER_KEY,
  ignoreNumbers: ['11111', '+982100000'],
  repeatWindowMinutes: 5,
  ackRatePerMinute: 30,
  lateToleranceMinutes: 15,
  futureToleranceMinutes: 3,
  language: 'fa',
  defaultCountry: 'IR',
};

/** The settings outside the connection form, as a first run has them. */
const APP_DEFAULTS = {
  backupDir: '',
  backupTime: '13:00',
  workingHours: { days: [6, 0, 1, 2, 3], from: '07:00', to: '19:00' },
  startAtLogin: null,
  wasConnected: false,
};

describe('JSON settings repository', () => {
  it('keeps the backup folder and time, working hours and start at login apart from the form, and remembers being connected', async () => {
    const { dir: d, cleanup: c } = tempDir('settings-app-');
    try {
      const path = join(d, 'settings.json');
      const repo = await createJsonSettingsRepository({ filePath: path, secretBox: createMemorySecretBox() });
      await repo.update({
        backupDir: '/mnt/usb/backups',
        backupTime: '18:30',
        workingHours: { days: [0, 1], from: '08:00', to: '16:00' },
      });
      await repo.save(input); // the connection form does not reset them
      expect(repo.view()).toMatchObject({
        backupDir: '/mnt/usb/backups',
        backupTime: '18:30',
        workingHours: { days: [0, 1], from: '08:00', to: '16:00' },
        startAtLogin: null,
      });
      expect(repo.view()).not.toHaveProperty('wasConnected');
      // The first successful connection turns start at login on, once; a choice of the user's stays.
      await repo.setWasConnected(true);
      expect(repo.current()).toMatchObject({ wasConnected: true, startAtLogin: true });
      await repo.update({ startAtLogin: false });
      await repo.setWasConnected(false);
      await repo.setWasConnected(true);
      expect(repo.current()).toMatchObject({ wasConnected: true, startAtLogin: false });
      await expect(repo.update({ backupTime: '25:00' })).rejects.toThrow();

      const again = await createJsonSettingsRepository({ filePath: path, secretBox: createMemorySecretBox() });
      expect(again.loadProblem).toBeNull();
      expect(again.current()).toMatchObject({
        backupDir: '/mnt/usb/backups',
        backupTime: '18:30',
        startAtLogin: false,
        wasConnected: true,
        host: input.host,
      });
      // A damaged value falls back to its default and says so; the others are kept.
      const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      writeFileSync(path, JSON.stringify({ ...raw, backupTime: 'noon' }));
      const damaged = await createJsonSettingsRepository({ filePath: path, secretBox: createMemorySecretBox() });
      expect(damaged.loadProblem).toMatch(/backupTime/);
      expect(damaged.current()).toMatchObject({ backupTime: '13:00', backupDir: '/mnt/usb/backups' });
    } finally {
      c();
    }
  });

  let dir: string;
  let cleanup: () => void;
  let file: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir('settings-'));
    file = join(dir, 'settings.json');
  });
  afterEach(() => cleanup());

  it('starts from the documented defaults, with no key, and says what is missing to connect', async () => {
    const repo = await createJsonSettingsRepository({ filePath: file, secretBox: createMemorySecretBox() });
    expect(repo.loadProblem).toBeNull();
    expect(repo.view()).toEqual({
      host: '',
      port: 9500,
      systemId: '',
      ignoreNumbers: ['11111'],
      repeatWindowMinutes: 10,
      ackRatePerMinute: 1,
      lateToleranceMinutes: 10,
      futureToleranceMinutes: 2,
      language: 'auto',
      defaultCountry: 'IR',
      hasPassword: false,
      hasKey: false,
      keyIsPublicDefault: false,
      secretStorage: 'memory',
      ackUnknownSenders: true,
      publicKeyAcknowledged: false,
      // Backups into the owner's default folder at 13:00; alerts Saturday to Wednesday 07:00-19:00; start at login undecided.
      backupDir: '',
      backupTime: '13:00',
      workingHours: { days: [6, 0, 1, 2, 3], from: '07:00', to: '19:00' },
      startAtLogin: null,
    });
    expect(missingForConnect(repo.current())).toEqual(['host', 'systemId', 'key']);
    expect(existsSync(file)).toBe(false);
  });

  it('persists across instances; secrets only encrypted by the box, never in clear, file private', async () => {
    const repo = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    const view = await repo.save(input);
    expect(view).toMatchObject({
      host: '192.168.1.20',
      port: 9600,
      hasPassword: true,
      hasKey: true,
      keyIsPublicDefault: false,
      secretStorage: 'keychain',
    });
    expect(view).not.toHaveProperty('key');
    expect(view).not.toHaveProperty('password');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(OTHER_KEY);
    expect(text).not.toContain('pw123');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    expect(again.loadProblem).toBeNull();
    expect(again.current()).toEqual({
      ...input,
      ...APP_DEFAULTS,
      ackUnknownSenders: true,
      publicKeyAcknowledged: false,
    });
    expect(toCoreSettings(again.current())).toMatchObject({
      repeatWindowMs: 5 * 60_000,
      ackRatePerMinute: 30,
      key: OTHER_KEY,
      password: 'pw123',
      lateToleranceMs: 15 * 60_000,
      futureToleranceMs: 3 * 60_000,
    });
    expect(missingForConnect(again.current())).toEqual([]);
  });

  it('keeps the stored secrets when a save omits them, and flags the well-known key', async () => {
    const repo = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    await repo.save({ ...input, key: FIELD_KEY, publicKeyAcknowledged: true });
    expect(repo.view()).toMatchObject({ keyIsPublicDefault: true, publicKeyAcknowledged: true });
    const { password: _p, key: _k, ...withoutSecrets } = input;
    await repo.save({ ...withoutSecrets, repeatWindowMinutes: 7 });
    expect(repo.current()).toMatchObject({
      repeatWindowMinutes: 7,
      password: 'pw123',
      key: FIELD_KEY,
      publicKeyAcknowledged: true,
    });
    await repo.save({ ...withoutSecrets, password: '' });
    expect(repo.view().hasPassword).toBe(false);
  });

  it.each([
    ['host', { host: 'gateway.local' }],
    ['port', { port: 9601 }],
    ['system id', { systemId: 'other' }],
  ] as const)(
    'a new %s clears the stored password unless a new one comes in the same save; the key stays',
    async (_what, change) => {
      const repo = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
      await repo.save(input);
      const { password: _p, key: _k, ...withoutSecrets } = input;
      await repo.save({ ...withoutSecrets, ...change });
      expect(repo.current()).toMatchObject({ ...change, password: '', key: OTHER_KEY });
      expect(repo.view().hasPassword).toBe(false);
      const again = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
      expect(again.current().password).toBe(''); // and so on disk

      await repo.save({ ...withoutSecrets, password: 'newpw' }); // back to the first gateway, with a password typed again
      await repo.save({ ...withoutSecrets, ...change, password: 'pw2' });
      expect(repo.current()).toMatchObject({ ...change, password: 'pw2' });
    },
  );

  it('settings.json is 0600 and its folder 0700 under a umask of 022, also when a leftover temporary file was readable', async () => {
    if (process.platform === 'win32') return;
    const old = process.umask(0o022);
    try {
      const nested = join(dir, 'state', 'app');
      const path = join(nested, 'settings.json');
      const repo = await createJsonSettingsRepository({ filePath: path, secretBox: rot13Box() });
      await repo.save(input);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(statSync(nested).mode & 0o777).toBe(0o700);
      writeFileSync(`${path}.${process.pid}.tmp`, 'old', { mode: 0o644 });
      await repo.save({ ...input, port: 9700 });
      expect(statSync(path).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('refuses the phone app’s public key without the acknowledgement, and forgets the acknowledgement with another key', async () => {
    const repo = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    await repo.save(input);
    const before = readFileSync(file, 'utf8');
    await expect(repo.save({ ...input, key: FIELD_KEY })).rejects.toThrow(/anyone who has the app can forge arrivals/);
    await expect(repo.save({ ...input, key: FIELD_KEY, publicKeyAcknowledged: false })).rejects.toThrow(
      /publicKeyAcknowledged/,
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(repo.current().key).toBe(OTHER_KEY);
    // Another key needs no acknowledgement, and does not carry one.
    expect((await repo.save({ ...input, publicKeyAcknowledged: true })).publicKeyAcknowledged).toBe(false);
    await repo.save({ ...input, key: FIELD_KEY, publicKeyAcknowledged: true });
    const again = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    expect(again.view()).toMatchObject({ keyIsPublicDefault: true, publicKeyAcknowledged: true });
    await again.save({ ...input, key: OTHER_KEY });
    expect(again.view()).toMatchObject({ keyIsPublicDefault: false, publicKeyAcknowledged: false });
  });

  it('keeps the choice about unknown senders; omitted keeps it', async () => {
    const repo = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    await repo.save({ ...input, ackUnknownSenders: false });
    const again = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    expect(toCoreSettings(again.current()).ackUnknownSenders).toBe(false);
    await again.save(input);
    expect(again.view().ackUnknownSenders).toBe(false);
  });

  it('rejects invalid input without touching the file', async () => {
    const repo = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    await repo.save(input);
    const before = readFileSync(file, 'utf8');
    await expect(repo.save({ ...input, key: 'too short' })).rejects.toThrow(/32/);
    await expect(repo.save({ ...input, port: 70000 })).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(repo.current().key).toBe(OTHER_KEY);
  });

  it('with a memory box writes no secrets at all, and takes seeded ones', async () => {
    const repo = await createJsonSettingsRepository({
      filePath: file,
      secretBox: createMemorySecretBox(),
      initialSecrets: { key: FIELD_KEY },
    });
    expect(repo.view()).toMatchObject({ hasKey: true, keyIsPublicDefault: true, secretStorage: 'memory' });
    await repo.save(input);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(stored).not.toHaveProperty('secrets');
    expect(JSON.stringify(stored)).not.toContain('pw123');
    expect(
      (await createJsonSettingsRepository({ filePath: file, secretBox: createMemorySecretBox() })).view(),
    ).toMatchObject({ host: '192.168.1.20', hasKey: false });
  });

  it('a file that is not JSON: defaults, the file is kept aside, and the problem is told', async () => {
    writeFileSync(file, '{"host": "192.168.1.20", "port": 95');
    const repo = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box(), now: () => 1234 });
    expect(repo.view()).toMatchObject({ host: '', port: 9500 });
    expect(repo.loadProblem).toMatch(/could not be read.*defaults are in use.*settings\.json\.unreadable-1234/);
    expect(readdirSync(dir).sort()).toEqual(['settings.json.unreadable-1234']);
    await repo.save(input);
    expect((await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() })).loadProblem).toBeNull();
  });

  it('invalid fields fall back one by one; unreadable secrets are dropped and told', async () => {
    const repo = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    await repo.save(input);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & {
      secrets: Record<string, string>;
    };
    writeFileSync(
      file,
      JSON.stringify({ ...stored, port: -1, language: 'klingon', secrets: { ...stored.secrets, key: 'garbage' } }),
    );
    const again = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    expect(again.current()).toMatchObject({
      host: '192.168.1.20',
      port: 9500,
      language: 'auto',
      password: 'pw123',
      key: '',
    });
    expect(again.loadProblem).toMatch(/reset to their defaults: port, language/);
    expect(again.loadProblem).toMatch(/encryption key could not be opened/);
  });

  it('secrets stored with a keychain cannot be opened without one: says so and asks again', async () => {
    await (await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() })).save(input);
    const repo = await createJsonSettingsRepository({ filePath: file, secretBox: createMemorySecretBox() });
    expect(repo.current()).toMatchObject({ host: '192.168.1.20', password: '', key: '' });
    expect(repo.loadProblem).toMatch(/No keychain is available/);
  });

  it('stores again, under the current key, a secret the box says was encrypted with an older one', async () => {
    await (await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box('keychain', 'old:') })).save(input);
    const before = JSON.parse(readFileSync(file, 'utf8')) as { secrets: { key: string; password: string } };
    expect(before.secrets.key).toMatch(/^old:/);
    const repo = await createJsonSettingsRepository({
      filePath: file,
      secretBox: rot13Box('keychain', 'new:', 'old:'),
    });
    expect(repo.loadProblem).toBeNull();
    expect(repo.current()).toMatchObject({ key: OTHER_KEY, password: 'pw123' });
    const after = JSON.parse(readFileSync(file, 'utf8')) as {
      secrets: { key: string; password: string };
      host: string;
    };
    expect(after.secrets.key).toMatch(/^new:/);
    expect(after.secrets.password).toMatch(/^new:/);
    expect(after.host).toBe('192.168.1.20');
    // Up to date now: opening it again leaves the file alone.
    const mtime = statSync(file).mtimeMs;
    await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box('keychain', 'new:', 'old:') });
    expect(statSync(file).mtimeMs).toBe(mtime);
  });

  it('runs saves one after another: a save that omits the key keeps the one an earlier, unfinished save stores', async () => {
    const repo = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    const { password: _p, key: _k, ...withoutSecrets } = input;
    const first = repo.save(input);
    const second = repo.save({ ...withoutSecrets, repeatWindowMinutes: 7 });
    await Promise.all([first, second]);
    expect(repo.current()).toMatchObject({ repeatWindowMinutes: 7, key: OTHER_KEY, password: 'pw123' });
    const again = await createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    expect(again.current()).toMatchObject({ repeatWindowMinutes: 7, key: OTHER_KEY, password: 'pw123' });
  });
});
