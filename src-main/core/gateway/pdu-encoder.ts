/**
 * submit_sm encoded by hand (SMPP 3.4 §4.4.1), as pdu-decoder.ts reads by hand: the ack sender
 * sends one per recorded message, and building it through smpp's generic PDU object (a property
 * walk per field, a filter per field, a closure per write) was a measurable part of the ingest
 * profile (README, Performance). The octets are exactly those smpp writes for the same fields
 * (test/unit/gateway/pdu-encoder.test.ts compares them).
 */

const SUBMIT_SM = 0x00000004;
const MESSAGE_PAYLOAD_TAG = 0x0424;
const HEADER_OCTETS = 16;

export interface SubmitSmFields {
  sourceTon: number;
  sourceNpi: number;
  source: string;
  destTon: number;
  destNpi: number;
  destination: string;
  registeredDelivery: number;
  dataCoding: number;
  /** At most 254 octets (its length is one octet). */
  shortMessage: Buffer;
  /** The message_payload TLV, for a text longer than short_message holds. */
  messagePayload?: Buffer;
}

/** The whole PDU, header included. Addresses are written one octet per character, as smpp does. */
export function encodeSubmitSm(sequence: number, f: SubmitSmFields): Buffer {
  if (f.shortMessage.length > 255) throw new RangeError('short_message holds at most 255 octets');
  const payload = f.messagePayload;
  const length =
    HEADER_OCTETS +
    // service_type, TONs and NPIs, both addresses with their NULs
    1 +
    2 +
    f.source.length +
    1 +
    2 +
    f.destination.length +
    1 +
    // esm_class .. sm_default_msg_id (two empty times), sm_length, the octets
    9 +
    1 +
    f.shortMessage.length +
    (payload ? 4 + payload.length : 0);
  const b = Buffer.allocUnsafe(length);
  b.writeUInt32BE(length, 0);
  b.writeUInt32BE(SUBMIT_SM, 4);
  b.writeUInt32BE(0, 8);
  b.writeUInt32BE(sequence, 12);
  let o = HEADER_OCTETS;
  b[o++] = 0; // service_type ''
  b[o++] = f.sourceTon;
  b[o++] = f.sourceNpi;
  o += b.write(f.source, o, 'latin1');
  b[o++] = 0;
  b[o++] = f.destTon;
  b[o++] = f.destNpi;
  o += b.write(f.destination, o, 'latin1');
  b[o++] = 0;
  b[o++] = 0; // esm_class
  b[o++] = 0; // protocol_id
  b[o++] = 0; // priority_flag
  b[o++] = 0; // schedule_delivery_time ''
  b[o++] = 0; // validity_period ''
  b[o++] = f.registeredDelivery;
  b[o++] = 0; // replace_if_present_flag
  b[o++] = f.dataCoding;
  b[o++] = 0; // sm_default_msg_id
  b[o++] = f.shortMessage.length;
  o += f.shortMessage.copy(b, o);
  if (payload) {
    b.writeUInt16BE(MESSAGE_PAYLOAD_TAG, o);
    b.writeUInt16BE(payload.length, o + 2);
    o += 4;
    o += payload.copy(b, o);
  }
  return b;
}

/**
 * The response to a deliver_sm or data_sm (`requestId` its command_id): with ESME_ROK an empty
 * message_id, otherwise the header alone, as smpp writes them.
 */
export function encodeMessageResp(requestId: number, sequence: number, status: number): Buffer {
  const length = status === 0 ? HEADER_OCTETS + 1 : HEADER_OCTETS;
  const b = Buffer.alloc(length);
  b.writeUInt32BE(length, 0);
  b.writeUInt32BE((requestId | 0x80000000) >>> 0, 4);
  b.writeUInt32BE(status, 8);
  b.writeUInt32BE(sequence, 12);
  return b;
}
