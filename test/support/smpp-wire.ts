/**
 * SMPP 3.4 on the wire, by hand: PDU framing, encoders for the PDUs a gateway (SMSC) sends, and
 * decoders for the bodies an ESME sends.
 *
 * Why not the `smpp` package: test peers built on it can only send well-formed PDUs through a
 * session it controls. Fault-injecting peers must do what a well-behaved library never does —
 * write half a PDU and drop the socket, send exact malformed octets, lie in `command_length`,
 * stream thousands of PDUs without per-PDU object overhead. So this module works on Buffers and
 * nothing else, and knows only the handful of PDUs a phone gateway exchanges with this product.
 *
 * Layout reference: SMPP v3.4 (1999), section 3.2 (header: command_length, command_id,
 * command_status, sequence_number, each a big-endian unsigned 32-bit integer), section 4 (bodies),
 * section 5.3 (TLVs: 16-bit tag, 16-bit length, value).
 *
 * Usage, as a gateway:
 * ```ts
 * const reader = new PduReader();
 * socket.on('data', (chunk) => {
 *   for (const pdu of reader.push(chunk)) {
 *     if (pdu.commandId === CMD.bind_transceiver) socket.write(bindTransceiverResp(pdu.sequence, 0, 'gw'));
 *   }
 * });
 * socket.write(deliverSm(1, { source: '989102211824', destination: '9102211824', shortMessage }));
 * ```
 */

/** command_id values (SMPP 3.4 section 5.1.2.1). A response is its request's id with bit 31 set. */
export const CMD = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  query_sm: 0x00000003,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  outbind: 0x0000000b,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
  data_sm: 0x00000103,
  data_sm_resp: 0x80000103,
} as const;

/** command_status values the fault peers send or expect (SMPP 3.4 section 5.1.3). */
export const STATUS = {
  ESME_ROK: 0x00,
  ESME_RINVMSGLEN: 0x01,
  ESME_RINVCMDLEN: 0x02,
  ESME_RINVCMDID: 0x03,
  ESME_RINVBNDSTS: 0x04,
  ESME_RALYBND: 0x05,
  ESME_RSYSERR: 0x08,
  ESME_RBINDFAIL: 0x0d,
  ESME_RINVPASWD: 0x0e,
  ESME_RMSGQFUL: 0x14,
  ESME_RTHROTTLED: 0x58,
  ESME_RX_T_APPN: 0x64,
} as const;

/** TLV tags used between a phone gateway and this product (SMPP 3.4 section 5.3.2). */
export const TLV_TAG = {
  receipted_message_id: 0x001e,
  sar_msg_ref_num: 0x020c,
  sar_total_segments: 0x020e,
  sar_segment_seqnum: 0x020f,
  message_payload: 0x0424,
  message_state: 0x0427,
  sc_interface_version: 0x0210,
} as const;

export const HEADER_LENGTH = 16;
export const RESPONSE_BIT = 0x80000000;

/** One PDU: header fields and the raw body (everything after the 16-octet header). */
export interface Pdu {
  commandId: number;
  status: number;
  sequence: number;
  body: Buffer;
}

export interface Tlv {
  tag: number;
  value: Buffer;
}

/** A body or a stream that does not follow SMPP 3.4. */
export class WireFormatError extends Error {
  override name = 'WireFormatError';
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** Header + body. `commandLength` overrides the true length, to build lying PDUs on purpose. */
export function encodePdu(pdu: Pdu & { commandLength?: number }): Buffer {
  const out = Buffer.allocUnsafe(HEADER_LENGTH + pdu.body.length);
  out.writeUInt32BE((pdu.commandLength ?? out.length) >>> 0, 0);
  out.writeUInt32BE(pdu.commandId >>> 0, 4);
  out.writeUInt32BE(pdu.status >>> 0, 8);
  out.writeUInt32BE(pdu.sequence >>> 0, 12);
  pdu.body.copy(out, HEADER_LENGTH);
  return out;
}

/** A C-Octet String: the octets then NUL. Strings are taken as latin1 (SMPP addresses are ASCII). */
export function cstring(value: string | Buffer): Buffer {
  const octets = typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
  return Buffer.concat([octets, Buffer.from([0])]);
}

export function encodeTlv(tlv: Tlv): Buffer {
  const out = Buffer.allocUnsafe(4 + tlv.value.length);
  out.writeUInt16BE(tlv.tag, 0);
  out.writeUInt16BE(tlv.value.length, 2);
  tlv.value.copy(out, 4);
  return out;
}

/** Builders for TLV values of the common tags. */
export const tlvs = {
  messagePayload: (octets: Buffer): Tlv => ({ tag: TLV_TAG.message_payload, value: octets }),
  receiptedMessageId: (id: string): Tlv => ({ tag: TLV_TAG.receipted_message_id, value: cstring(id) }),
  /** 1 ENROUTE, 2 DELIVERED, 3 EXPIRED, 4 DELETED, 5 UNDELIVERABLE, 6 ACCEPTED, 7 UNKNOWN, 8 REJECTED. */
  messageState: (state: number): Tlv => ({ tag: TLV_TAG.message_state, value: Buffer.from([state]) }),
  sar: (ref: number, total: number, seq: number): Tlv[] => [
    { tag: TLV_TAG.sar_msg_ref_num, value: u16(ref) },
    { tag: TLV_TAG.sar_total_segments, value: Buffer.from([total]) },
    { tag: TLV_TAG.sar_segment_seqnum, value: Buffer.from([seq]) },
  ],
};

function u16(n: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeUInt16BE(n & 0xffff, 0);
  return b;
}

export function bindTransceiverResp(sequence: number, status: number, systemId = 'fault-smsc'): Buffer {
  // An error response may omit the body (SMPP 3.4 section 4.1.6 note); we send it anyway, as Ozeki does.
  return encodePdu({ commandId: CMD.bind_transceiver_resp, status, sequence, body: cstring(systemId) });
}

export interface BindFields {
  systemId: string;
  password: string;
  systemType?: string;
  interfaceVersion?: number;
  addrTon?: number;
  addrNpi?: number;
  addressRange?: string;
}

/** The ESME side of a bind; for test clients and for round-trip checks of `parseBindBody`. */
export function bindTransceiver(sequence: number, fields: BindFields): Buffer {
  return encodePdu({
    commandId: CMD.bind_transceiver,
    status: 0,
    sequence,
    body: Buffer.concat([
      cstring(fields.systemId),
      cstring(fields.password),
      cstring(fields.systemType ?? ''),
      Buffer.from([fields.interfaceVersion ?? 0x34, fields.addrTon ?? 0, fields.addrNpi ?? 0]),
      cstring(fields.addressRange ?? ''),
    ]),
  });
}

export function enquireLink(sequence: number): Buffer {
  return encodePdu({ commandId: CMD.enquire_link, status: 0, sequence, body: Buffer.alloc(0) });
}

export function enquireLinkResp(sequence: number): Buffer {
  return encodePdu({ commandId: CMD.enquire_link_resp, status: 0, sequence, body: Buffer.alloc(0) });
}

export function unbind(sequence: number): Buffer {
  return encodePdu({ commandId: CMD.unbind, status: 0, sequence, body: Buffer.alloc(0) });
}

export function unbindResp(sequence: number): Buffer {
  return encodePdu({ commandId: CMD.unbind_resp, status: 0, sequence, body: Buffer.alloc(0) });
}

export function genericNack(sequence: number, status: number): Buffer {
  return encodePdu({ commandId: CMD.generic_nack, status, sequence, body: Buffer.alloc(0) });
}

export function submitSmResp(sequence: number, status: number, messageId: string): Buffer {
  return encodePdu({
    commandId: CMD.submit_sm_resp,
    status,
    sequence,
    body: status === 0 ? cstring(messageId) : Buffer.alloc(0),
  });
}

export function deliverSmResp(sequence: number, status: number): Buffer {
  return encodePdu({ commandId: CMD.deliver_sm_resp, status, sequence, body: cstring('') });
}

/** The fields of deliver_sm and submit_sm, which share one body layout (SMPP 3.4 sections 4.4.1, 4.6.1). */
export interface ShortMessageFields {
  serviceType?: string;
  sourceTon?: number;
  sourceNpi?: number;
  source: string;
  destTon?: number;
  destNpi?: number;
  destination: string;
  esmClass?: number;
  protocolId?: number;
  priorityFlag?: number;
  scheduleDeliveryTime?: string;
  validityPeriod?: string;
  registeredDelivery?: number;
  replaceIfPresent?: number;
  dataCoding?: number;
  smDefaultMsgId?: number;
  /** At most 254 octets (sm_length is one octet); longer text goes in the message_payload TLV. */
  shortMessage: Buffer;
  tlvs?: Tlv[];
  /** Overrides sm_length, to lie about it on purpose. */
  smLength?: number;
}

export function encodeShortMessageBody(f: ShortMessageFields): Buffer {
  if (f.smLength === undefined && f.shortMessage.length > 254) {
    throw new WireFormatError(
      `short_message is ${f.shortMessage.length} octets; at most 254 fit (use the message_payload TLV)`,
    );
  }
  const fixed = Buffer.from([f.esmClass ?? 0, f.protocolId ?? 0, f.priorityFlag ?? 0]);
  const flags = Buffer.from([
    f.registeredDelivery ?? 0,
    f.replaceIfPresent ?? 0,
    f.dataCoding ?? 0,
    f.smDefaultMsgId ?? 0,
    (f.smLength ?? f.shortMessage.length) & 0xff,
  ]);
  return Buffer.concat([
    cstring(f.serviceType ?? ''),
    Buffer.from([f.sourceTon ?? 1, f.sourceNpi ?? 1]),
    cstring(f.source),
    Buffer.from([f.destTon ?? 1, f.destNpi ?? 1]),
    cstring(f.destination),
    fixed,
    cstring(f.scheduleDeliveryTime ?? ''),
    cstring(f.validityPeriod ?? ''),
    flags,
    f.shortMessage,
    ...(f.tlvs ?? []).map(encodeTlv),
  ]);
}

export function deliverSm(sequence: number, fields: ShortMessageFields): Buffer {
  return encodePdu({ commandId: CMD.deliver_sm, status: 0, sequence, body: encodeShortMessageBody(fields) });
}

/** The ESME side; for round-trip checks of `parseShortMessageBody`. */
export function submitSm(sequence: number, fields: ShortMessageFields): Buffer {
  return encodePdu({ commandId: CMD.submit_sm, status: 0, sequence, body: encodeShortMessageBody(fields) });
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** Default upper bound for command_length; far above anything a phone gateway exchanges. */
export const DEFAULT_MAX_PDU_LENGTH = 64 * 1024;

/**
 * Cuts a TCP byte stream into PDUs. Push every chunk as it arrives; get back the PDUs completed by
 * it, in order. Partial PDUs wait in the buffer. A command_length below 16 or above `maxLength`
 * cannot be re-synchronised: `push` throws WireFormatError and the reader refuses further input.
 */
export class PduReader {
  private pending: Buffer = Buffer.alloc(0);
  private broken: WireFormatError | null = null;

  constructor(private readonly maxLength = DEFAULT_MAX_PDU_LENGTH) {}

  /** Octets received that do not yet form a whole PDU. */
  get buffered(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): Pdu[] {
    if (this.broken) throw this.broken;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const out: Pdu[] = [];
    let offset = 0;
    while (this.pending.length - offset >= 4) {
      const length = this.pending.readUInt32BE(offset);
      if (length < HEADER_LENGTH || length > this.maxLength) {
        this.broken = new WireFormatError(
          `command_length ${length} at stream offset +${offset} is outside [${HEADER_LENGTH}, ${this.maxLength}]`,
        );
        this.pending = Buffer.alloc(0);
        throw this.broken;
      }
      if (this.pending.length - offset < length) break;
      out.push({
        commandId: this.pending.readUInt32BE(offset + 4),
        status: this.pending.readUInt32BE(offset + 8),
        sequence: this.pending.readUInt32BE(offset + 12),
        // A copy, so that a PDU kept by the caller does not pin the whole stream buffer.
        body: Buffer.from(this.pending.subarray(offset + HEADER_LENGTH, offset + length)),
      });
      offset += length;
    }
    this.pending = offset === 0 ? this.pending : Buffer.from(this.pending.subarray(offset));
    return out;
  }
}

/** Decodes exactly one whole PDU (e.g. one the test built) into its parts. */
export function decodePdu(octets: Buffer): Pdu {
  if (octets.length < HEADER_LENGTH)
    throw new WireFormatError(`a PDU has at least ${HEADER_LENGTH} octets, got ${octets.length}`);
  const length = octets.readUInt32BE(0);
  if (length !== octets.length)
    throw new WireFormatError(`command_length says ${length}, the buffer has ${octets.length}`);
  return {
    commandId: octets.readUInt32BE(4),
    status: octets.readUInt32BE(8),
    sequence: octets.readUInt32BE(12),
    body: Buffer.from(octets.subarray(HEADER_LENGTH)),
  };
}

/** Reads a body front to back; every read past the end is a WireFormatError naming the field. */
class BodyCursor {
  offset = 0;
  constructor(private readonly body: Buffer) {}

  get left(): number {
    return this.body.length - this.offset;
  }

  u8(field: string): number {
    if (this.left < 1) throw new WireFormatError(`body ends before ${field}`);
    return this.body[this.offset++]!;
  }

  cstring(field: string, maxOctets: number): string {
    const nul = this.body.indexOf(0, this.offset);
    if (nul < 0) throw new WireFormatError(`${field} has no NUL terminator`);
    if (nul - this.offset > maxOctets - 1) throw new WireFormatError(`${field} is longer than ${maxOctets - 1} octets`);
    const text = this.body.toString('latin1', this.offset, nul);
    this.offset = nul + 1;
    return text;
  }

  octets(field: string, n: number): Buffer {
    if (this.left < n) throw new WireFormatError(`${field} needs ${n} octets, ${this.left} left`);
    const out = Buffer.from(this.body.subarray(this.offset, this.offset + n));
    this.offset += n;
    return out;
  }
}

export function parseTlvs(octets: Buffer): Tlv[] {
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < octets.length) {
    if (octets.length - offset < 4)
      throw new WireFormatError(`${octets.length - offset} stray octets where a TLV header (4) should be`);
    const tag = octets.readUInt16BE(offset);
    const length = octets.readUInt16BE(offset + 2);
    if (octets.length - offset - 4 < length)
      throw new WireFormatError(`TLV 0x${tag.toString(16)} says ${length} octets, ${octets.length - offset - 4} left`);
    out.push({ tag, value: Buffer.from(octets.subarray(offset + 4, offset + 4 + length)) });
    offset += 4 + length;
  }
  return out;
}

export interface ParsedBind {
  systemId: string;
  password: string;
  systemType: string;
  interfaceVersion: number;
  addrTon: number;
  addrNpi: number;
  addressRange: string;
}

/** The body of bind_transmitter / bind_receiver / bind_transceiver (SMPP 3.4 section 4.1.1). */
export function parseBindBody(body: Buffer): ParsedBind {
  const c = new BodyCursor(body);
  const parsed: ParsedBind = {
    systemId: c.cstring('system_id', 16),
    password: c.cstring('password', 9),
    systemType: c.cstring('system_type', 13),
    interfaceVersion: c.u8('interface_version'),
    addrTon: c.u8('addr_ton'),
    addrNpi: c.u8('addr_npi'),
    addressRange: c.cstring('address_range', 41),
  };
  if (c.left !== 0) throw new WireFormatError(`${c.left} octets after address_range`);
  return parsed;
}

export interface ParsedShortMessage extends Required<Omit<ShortMessageFields, 'smLength' | 'tlvs'>> {
  tlvs: Tlv[];
}

/** The body of submit_sm or deliver_sm. Strict: every octet must belong to a field or a TLV. */
export function parseShortMessageBody(body: Buffer): ParsedShortMessage {
  const c = new BodyCursor(body);
  const serviceType = c.cstring('service_type', 6);
  const sourceTon = c.u8('source_addr_ton');
  const sourceNpi = c.u8('source_addr_npi');
  const source = c.cstring('source_addr', 21);
  const destTon = c.u8('dest_addr_ton');
  const destNpi = c.u8('dest_addr_npi');
  const destination = c.cstring('destination_addr', 21);
  const esmClass = c.u8('esm_class');
  const protocolId = c.u8('protocol_id');
  const priorityFlag = c.u8('priority_flag');
  const scheduleDeliveryTime = c.cstring('schedule_delivery_time', 17);
  const validityPeriod = c.cstring('validity_period', 17);
  const registeredDelivery = c.u8('registered_delivery');
  const replaceIfPresent = c.u8('replace_if_present_flag');
  const dataCoding = c.u8('data_coding');
  const smDefaultMsgId = c.u8('sm_default_msg_id');
  const smLength = c.u8('sm_length');
  const shortMessage = c.octets('short_message', smLength);
  const tlvList = parseTlvs(c.octets('TLVs', c.left));
  return {
    serviceType,
    sourceTon,
    sourceNpi,
    source,
    destTon,
    destNpi,
    destination,
    esmClass,
    protocolId,
    priorityFlag,
    scheduleDeliveryTime,
    validityPeriod,
    registeredDelivery,
    replaceIfPresent,
    dataCoding,
    smDefaultMsgId,
    shortMessage,
    tlvs: tlvList,
  };
}

/** The text of a message: the message_payload TLV when present, else short_message. */
export function messageOctets(parsed: ParsedShortMessage): Buffer {
  return parsed.tlvs.find((t) => t.tag === TLV_TAG.message_payload)?.value ?? parsed.shortMessage;
}

/** The message_id of submit_sm_resp / deliver_sm_resp; '' when the body is empty (error responses). */
export function parseMessageIdBody(body: Buffer): string {
  if (body.length === 0) return '';
  return new BodyCursor(body).cstring('message_id', 65);
}

/** A command name for logs and assertion messages: `deliver_sm_resp`, or `0x00000123` for unknown ids. */
export function commandName(commandId: number): string {
  for (const [name, id] of Object.entries(CMD)) if (id === commandId >>> 0) return name;
  return `0x${(commandId >>> 0).toString(16).padStart(8, '0')}`;
}
