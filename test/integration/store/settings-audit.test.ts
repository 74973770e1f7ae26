/** A change of settings in the audit log: the fields that changed, the password and key only as "changed". */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createJsonSettingsRepository } from '../../../src-main/core/settings/settings-repository.js';
import { createMemorySecretBox } from '../../../src-main/core/settings/secret-box.js';
import { auditSettings } from '../../../src-main/core/settings/settings-audit.js';
import type { SettingsInput } from '../../../src-main/contract/app-api.js';
import { storeFixture, type StoreFixture } from './store-fixture.js';

let f: StoreFixture;
afterEach(() => f?.cleanup());

const KEY = 'Zq7b2c3d4e5f6g789abcdef01234567X';
const input: SettingsInput = {
  host: '192.168.1.20',
  port: 9600,
  systemId: 'office',
  password: 'pw123',
  key: KEY,
  ignoreNumbers: [],
  repeatWindowMinutes: 5,
  ackRatePerMinute: 30,
  lateToleranceMinutes: 15,
  futureToleranceMinutes: 3,
  language: 'fa',
  defaultCountry: 'IR',
};

describe('settings in the audit log', () => {
  it('records what changed, never the password or the key themselves, and nothing when nothing changed', async () => {
    f = storeFixture();
    const store = f.open();
    const repo = await createJsonSettingsRepository({
      filePath: join(f.dir, 'settings.json'),
      secretBox: createMemorySecretBox(),
    });
    let before = repo.current();
    await repo.save(input);
    auditSettings(store, before, repo.current());
    before = repo.current();
    await repo.save({ ...input, port: 2775, password: 'secret9' });
    auditSettings(store, before, repo.current());
    before = repo.current();
    await repo.save(input);
    await repo.save({ ...input, password: 'secret9' });
    auditSettings(store, repo.current(), repo.current());

    const entries = store.listAudit({ offset: 0, limit: 10 }).rows;
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      entity: 'settings',
      action: 'update',
      subject: 'port, password',
      before: { port: 9600, password: 'changed' },
      after: { port: 2775, password: 'changed' },
    });
    expect(entries[1]!.after).toMatchObject({ host: '192.168.1.20', key: 'changed', password: 'changed' });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('pw123');
    expect(text).not.toContain('secret9');
    expect(entries[0]!.who).not.toBe('');
  });
});
