/** The settings file: defaults, round trip, secrets only through the box, and a damaged file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemorySecretBox, type SecretBox } from '../../../src-main/core/settings/secret-box.js';
import { createJsonSettingsRepository, missingForConnect, toCoreSettings } from '../../../src-main/core/settings/settings-repository.js';
import type { SettingsInput } from '../../../src-main/core/settings/settings-schema.js';
import { FIELD_KEY, OTHER_KEY } from '../../support/phone.js';
import { tempDir } from '../../support/core-harness.js';

/** A reversible stand-in for safeStorage that makes it obvious when a secret is stored in clear. */
function rot13Box(kind: 'keychain' | 'weak' = 'keychain'): SecretBox {
  const rot = (s: string): string => s.replace(/[a-z]/gi, (c) => String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c === c.toLowerCase() ? 97 : 65)));
  return { kind, encrypt: (p) => `box:${Buffer.from(rot(p)).toString('base64')}`, decrypt: (s) => {
    if (!s.startsWith('box:')) throw new Error('not ours');
    return rot(Buffer.from(s.slice(4), 'base64').toString());
  } };
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
  language: 'fa',
  defaultCountry: 'IR',
};

describe('JSON settings repository', () => {
  let dir: string;
  let cleanup: () => void;
  let file: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir('settings-'));
    file = join(dir, 'settings.json');
  });
  afterEach(() => cleanup());

  it('starts from the documented defaults, with no key, and says what is missing to connect', () => {
    const repo = createJsonSettingsRepository({ filePath: file, secretBox: createMemorySecretBox() });
    expect(repo.loadProblem).toBeNull();
    expect(repo.view()).toEqual({
      host: '', port: 9500, systemId: '', ignoreNumbers: ['11111'], repeatWindowMinutes: 10, ackRatePerMinute: 0,
      language: 'auto', defaultCountry: 'IR', hasPassword: false, hasKey: false, keyIsPublicDefault: false, secretStorage: 'memory',
    });
    expect(missingForConnect(repo.current())).toEqual(['host', 'systemId', 'key']);
    expect(existsSync(file)).toBe(false);
  });

  it('persists across instances; secrets only encrypted by the box, never in clear, file private', () => {
    const repo = createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    const view = repo.save(input);
    expect(view).toMatchObject({ host: '192.168.1.20', port: 9600, hasPassword: true, hasKey: true, keyIsPublicDefault: false, secretStorage: 'keychain' });
    expect(view).not.toHaveProperty('key');
    expect(view).not.toHaveProperty('password');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(OTHER_KEY);
    expect(text).not.toContain('pw123');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);

    const again = createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    expect(again.loadProblem).toBeNull();
    expect(again.current()).toEqual({ ...input });
    expect(toCoreSettings(again.current())).toMatchObject({ repeatWindowMs: 5 * 60_000, ackRatePerMinute: 30, key: OTHER_KEY, password: 'pw123' });
    expect(missingForConnect(again.current())).toEqual([]);
  });

  it('keeps the stored secrets when a save omits them, and flags the well-known key', () => {
    const repo = createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    repo.save({ ...input, key: FIELD_KEY });
    expect(repo.view().keyIsPublicDefault).toBe(true);
    const { password: _p, key: _k, ...withoutSecrets } = input;
    repo.save({ ...withoutSecrets, host: 'gateway.local' });
    expect(repo.current()).toMatchObject({ host: 'gateway.local', password: 'pw123', key: FIELD_KEY });
    repo.save({ ...withoutSecrets, password: '' });
    expect(repo.view().hasPassword).toBe(false);
  });

  it('rejects invalid input without touching the file', () => {
    const repo = createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    repo.save(input);
    const before = readFileSync(file, 'utf8');
    expect(() => repo.save({ ...input, key: 'too short' })).toThrow(/32/);
    expect(() => repo.save({ ...input, port: 70000 })).toThrow();
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(repo.current().key).toBe(OTHER_KEY);
  });

  it('with a memory box writes no secrets at all, and takes seeded ones', () => {
    const repo = createJsonSettingsRepository({ filePath: file, secretBox: createMemorySecretBox(), initialSecrets: { key: FIELD_KEY } });
    expect(repo.view()).toMatchObject({ hasKey: true, keyIsPublicDefault: true, secretStorage: 'memory' });
    repo.save(input);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(stored).not.toHaveProperty('secrets');
    expect(JSON.stringify(stored)).not.toContain('pw123');
    expect(createJsonSettingsRepository({ filePath: file, secretBox: createMemorySecretBox() }).view()).toMatchObject({ host: '192.168.1.20', hasKey: false });
  });

  it('a file that is not JSON: defaults, the file is kept aside, and the problem is told', () => {
    writeFileSync(file, '{"host": "192.168.1.20", "port": 95');
    const repo = createJsonSettingsRepository({ filePath: file, secretBox: rot13Box(), now: () => 1234 });
    expect(repo.view()).toMatchObject({ host: '', port: 9500 });
    expect(repo.loadProblem).toMatch(/could not be read.*defaults are in use.*settings\.json\.unreadable-1234/);
    expect(readdirSync(dir).sort()).toEqual(['settings.json.unreadable-1234']);
    repo.save(input);
    expect(createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() }).loadProblem).toBeNull();
  });

  it('invalid fields fall back one by one; unreadable secrets are dropped and told', () => {
    const repo = createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    repo.save(input);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { secrets: Record<string, string> };
    writeFileSync(file, JSON.stringify({ ...stored, port: -1, language: 'klingon', secrets: { ...stored.secrets, key: 'garbage' } }));
    const again = createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() });
    expect(again.current()).toMatchObject({ host: '192.168.1.20', port: 9500, language: 'auto', password: 'pw123', key: '' });
    expect(again.loadProblem).toMatch(/reset to their defaults: port, language/);
    expect(again.loadProblem).toMatch(/encryption key could not be opened/);
  });

  it('secrets stored with a keychain cannot be opened without one: says so and asks again', () => {
    createJsonSettingsRepository({ filePath: file, secretBox: rot13Box() }).save(input);
    const repo = createJsonSettingsRepository({ filePath: file, secretBox: createMemorySecretBox() });
    expect(repo.current()).toMatchObject({ host: '192.168.1.20', password: '', key: '' });
    expect(repo.loadProblem).toMatch(/No keychain is available/);
  });
});
