import smpp from 'smpp';
import { describe, expect, it } from 'vitest';
import { SMPP_STATUS, smppStatusName } from '../../../src-main/core/gateway/smpp-status.js';

describe('smppStatusName', () => {
  const named: [number, string][] = [
    [0x00, 'ESME_ROK'],
    [0x05, 'ESME_RALYBND'],
    [0x0e, 'ESME_RINVPASWD'],
    [0x0f, 'ESME_RINVSYSID'],
    [0x58, 'ESME_RTHROTTLED'],
    [0x64, 'ESME_RX_T_APPN'],
    [0xff, 'ESME_RUNKNOWNERR'],
  ];
  it.each(named.map(([code, name]) => ({ code, name, hex: `0x${code.toString(16).padStart(2, '0')}` })))(
    '$hex → $name',
    ({ code, name }) => {
      expect(smppStatusName(code)).toBe(name);
    },
  );

  it('writes codes no table names as 8 hex digits', () => {
    expect(smppStatusName(0x400)).toBe('0x00000400');
    expect(smppStatusName(0xdeadbeef)).toBe('0xDEADBEEF');
    expect(smppStatusName(-1)).toBe('0xFFFFFFFF');
  });

  it('agrees with the smpp package for every constant we define', () => {
    for (const [name, code] of Object.entries(SMPP_STATUS)) {
      expect(smpp.errors[name], name).toBe(code);
      expect(smppStatusName(code)).toBe(name);
    }
  });
});
