import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { isPublicFieldKey, sha256Hex } from '../../../src-main/core/protocol/public-field-key.js';
import { FIELD_KEY, OTHER_KEY } from '../../support/phone.js';

describe('the public field key, recognised without node:crypto (the renderer runs it too)', () => {
  it('the pure SHA-256 agrees with node:crypto at every padding boundary and on random input', () => {
    const inputs = [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000].map((n) => Buffer.alloc(n, 0x61));
    for (let i = 0; i < 50; i += 1) inputs.push(randomBytes(i * 7));
    for (const input of inputs) expect(sha256Hex(input)).toBe(createHash('sha256').update(input).digest('hex'));
  });

  it('knows the phone app key and nothing else', () => {
    expect(isPublicFieldKey(FIELD_KEY)).toBe(true);
    expect(isPublicFieldKey(OTHER_KEY)).toBe(false);
    expect(isPublicFieldKey(`${FIELD_KEY.slice(0, 31)}X`)).toBe(false);
  });
});
