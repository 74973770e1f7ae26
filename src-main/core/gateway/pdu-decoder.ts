/**
 * Turns one framed PDU into an smpp `PDU`, or says precisely why it cannot.
 *
 * smpp's parser is lenient where it should not be: a body cut short just leaves fields out, a
 * short_message whose length octet overshoots is silently truncated, and an integer TLV with the
 * wrong length is read anyway. It also throws (RangeError) on some truncations. So before handing
 * a frame to it we walk the mandatory parameters and the TLV stream with the same type table
 * smpp uses and require that everything fits exactly; then we parse inside a try/catch.
 */
import smpp from 'smpp';
import type { PDU, ParamDef, ParamType } from 'smpp';
import { PDU_HEADER_LENGTH } from './pdu-framer.js';

export type DecodedFrame =
  | { kind: 'pdu'; pdu: PDU }
  /** The command_id is not an SMPP command smpp knows: answer generic_nack ESME_RINVCMDID. */
  | { kind: 'unknown-command'; commandId: number; sequenceNumber: number }
  /** The body does not fit its command_length: answer generic_nack ESME_RINVCMDLEN. */
  | { kind: 'malformed'; commandId: number; command: string; sequenceNumber: number; reason: string };

const RESPONSE_BIT = 0x80000000;

/** @param frame exactly one PDU (as cut by PduFramer): `frame.length === command_length` ≥ 16. */
export function decodeFrame(frame: Buffer): DecodedFrame {
  const commandId = frame.readUInt32BE(4);
  const sequenceNumber = frame.readUInt32BE(12);
  const def = smpp.commandsById[commandId];
  if (!def) return { kind: 'unknown-command', commandId, sequenceNumber };
  const isResponse = (commandId & RESPONSE_BIT) !== 0;
  const problem = checkBody(frame, def.params ?? {}, isResponse);
  if (problem) return { kind: 'malformed', commandId, command: def.command, sequenceNumber, reason: problem };
  // smpp refuses to parse any PDU longer than its PDU.maxLength (16 KiB), so a well-formed
  // deliver_sm between that and the framer's bound (a long message_payload) would be answered
  // generic_nack and never stored. The framer has bounded the frame already: let smpp read it.
  if (frame.length > smpp.PDU.maxLength) smpp.PDU.maxLength = frame.length;
  try {
    return { kind: 'pdu', pdu: new smpp.PDU(frame) };
  } catch (error) {
    return {
      kind: 'malformed',
      commandId,
      command: def.command,
      sequenceNumber,
      reason: `smpp could not parse it: ${(error as Error).message}`,
    };
  }
}

/** Returns why the body is not well-formed, or null. */
function checkBody(frame: Buffer, params: Record<string, ParamDef>, isResponse: boolean): string | null {
  const end = frame.length;
  let offset = PDU_HEADER_LENGTH;
  // Error responses (and some gateways' bind/enquire responses) legitimately carry no body at all.
  if (isResponse && offset === end) return null;
  const t = smpp.types;
  for (const [name, param] of Object.entries(params)) {
    const left = end - offset;
    switch (param.type) {
      case t.int8:
      case t.int16:
      case t.int32: {
        const size = param.type === t.int8 ? 1 : param.type === t.int16 ? 2 : 4;
        if (left < size) return `body ends inside ${name} (needs ${size} octets, ${left} left)`;
        offset += size;
        break;
      }
      case t.cstring: {
        const nul = frame.indexOf(0, offset);
        if (nul < 0) return `${name} has no NUL terminator before the end of the PDU`;
        offset = nul + 1;
        break;
      }
      case t.buffer: {
        if (left < 1) return `body ends before the length octet of ${name}`;
        const length = frame.readUInt8(offset);
        if (left - 1 < length) return `${name} declares ${length} octets but only ${left - 1} follow`;
        offset += 1 + length;
        break;
      }
      default:
        // Address arrays (submit_multi): never sent to an ESME; let smpp's parser judge them.
        return null;
    }
  }
  while (offset < end) {
    const left = end - offset;
    if (left < 4) return `${left} stray octet(s) after the last parameter (a TLV header needs 4)`;
    const tag = frame.readUInt16BE(offset);
    const length = frame.readUInt16BE(offset + 2);
    const tagHex = `0x${tag.toString(16).padStart(4, '0')}`;
    if (left - 4 < length) return `TLV ${tagHex} declares ${length} octets but only ${left - 4} follow`;
    const tlv = smpp.tlvsById[tag];
    const fixed = tlv ? fixedSize(tlv.type) : null;
    if (tlv && fixed !== null && length !== fixed) {
      return `TLV ${tlv.tag} (${tagHex}) has length ${length}, expected ${fixed}`;
    }
    offset += 4 + length;
  }
  return null;
}

function fixedSize(type: ParamType): number | null {
  const t = smpp.types.tlv;
  if (type === t.int8) return 1;
  if (type === t.int16) return 2;
  if (type === t.int32) return 4;
  return null;
}
