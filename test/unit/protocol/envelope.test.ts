import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openEnvelope, sealEnvelope } from '../../../src-main/core/protocol/envelope.js';

describe('envelope', () => {
  it('takes the text between the first two $$', () => {
    expect(openEnvelope('$$pW8cQ7i77SNRH4aXuBBAIA==$$')).toEqual({ ok: true, body: 'pW8cQ7i77SNRH4aXuBBAIA==' });
    expect(openEnvelope('$$abc$$def$$')).toEqual({ ok: true, body: 'abc' });
  });

  it('tolerates whitespace, CR and LF that gateways add', () => {
    expect(openEnvelope('  $$abc$$\r\n')).toEqual({ ok: true, body: 'abc' });
    expect(openEnvelope('\n$$\r\nabc \r\n$$ ')).toEqual({ ok: true, body: 'abc' });
  });

  it('names what is missing', () => {
    expect(openEnvelope('pW8cQ7i77SNRH4aXuBBAIA==')).toEqual({ ok: false, reason: { code: 'no-envelope' } });
    expect(openEnvelope('')).toEqual({ ok: false, reason: { code: 'no-envelope' } });
    expect(openEnvelope('$abc$')).toEqual({ ok: false, reason: { code: 'no-envelope' } });
    expect(openEnvelope('$$abc')).toEqual({ ok: false, reason: { code: 'envelope-unterminated' } });
    expect(openEnvelope('$$$$')).toEqual({ ok: false, reason: { code: 'envelope-empty' } });
    expect(openEnvelope('$$ \r\n $$')).toEqual({ ok: false, reason: { code: 'envelope-empty' } });
  });

  it('seals and reopens any body without $$ or surrounding whitespace (property)', () => {
    const body = fc
      .string({ minLength: 1, maxLength: 100 })
      .filter((s) => !s.includes('$') && s.trim() === s && s !== '');
    fc.assert(
      fc.property(body, (b) => {
        expect(sealEnvelope(b)).toBe(`$$${b}$$`);
        expect(openEnvelope(sealEnvelope(b))).toEqual({ ok: true, body: b });
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
