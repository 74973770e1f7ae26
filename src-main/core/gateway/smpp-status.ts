/**
 * SMPP `command_status` values: the few this project acts on, and names for all of them.
 */
import smpp from 'smpp';

/** The statuses the core sends or reacts to (SMPP 3.4, section 5.1.3). */
export const SMPP_STATUS = {
  ESME_ROK: 0x00,
  ESME_RINVMSGLEN: 0x01,
  ESME_RINVCMDLEN: 0x02,
  ESME_RINVCMDID: 0x03,
  ESME_RINVBNDSTS: 0x04,
  ESME_RALYBND: 0x05,
  ESME_RSYSERR: 0x08,
  ESME_RBINDFAIL: 0x0d,
  ESME_RINVPASWD: 0x0e,
  ESME_RINVSYSID: 0x0f,
  ESME_RMSGQFUL: 0x14,
  ESME_RSUBMITFAIL: 0x45,
  ESME_RTHROTTLED: 0x58,
  /** "Temporary application error, retry later": what we answer when storing a message failed. */
  ESME_RX_T_APPN: 0x64,
  ESME_RX_P_APPN: 0x65,
  ESME_RX_R_APPN: 0x66,
  ESME_RUNKNOWNERR: 0xff,
} as const;

export type SmppStatusName = keyof typeof SMPP_STATUS;

/**
 * Code → name for every status smpp knows (SMPP 3.4 and 5.0), built from the package's own
 * table rather than a copy of it. Where a code has two names, the first one listed wins.
 */
const NAMES: ReadonlyMap<number, string> = (() => {
  const names = new Map<number, string>();
  for (const [name, code] of Object.entries(smpp.errors)) {
    if (!names.has(code)) names.set(code, name);
  }
  return names;
})();

/** `0x0E` → `'ESME_RINVPASWD'`; a code no table names → its 8-digit hex form, e.g. `'0x00000400'`. */
export function smppStatusName(code: number): string {
  return NAMES.get(code) ?? `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}
