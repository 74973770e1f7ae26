/** The gateway's deliver_sm / data_sm as the pipeline sees it: SMPP fields, raw octets, no interpretation. */
import type { PDU } from 'smpp';

export interface InboundPdu {
  sequenceNumber: number;
  source: string;
  destination: string;
  sourceTon: number;
  sourceNpi: number;
  esmClass: number;
  dataCoding: number;
  registeredDelivery: number;
  /** Raw octets, UDH included when `esmClass & 0x40`. Empty for data_sm (which has no short_message). */
  shortMessage: Buffer;
  /** TLV 0x0424, raw octets. */
  messagePayload: Buffer | null;
  /** TLVs 0x020C / 0x020E / 0x020F, when all three are present. */
  sar: { refNum: number; totalSegments: number; seqNum: number } | null;
  /** TLV 0x001E. */
  receiptedMessageId: string | null;
  /** TLV 0x0427. */
  messageState: number | null;
}

/**
 * @throws Error when a message field is not raw octets (the raw-message override is not in
 * effect) — the caller answers such a PDU with an error instead of guessing.
 */
export function toInboundPdu(pdu: PDU): InboundPdu {
  const refNum = optionalNumber(pdu.sar_msg_ref_num);
  const totalSegments = optionalNumber(pdu.sar_total_segments);
  const seqNum = optionalNumber(pdu.sar_segment_seqnum);
  return {
    sequenceNumber: pdu.sequence_number,
    source: optionalString(pdu.source_addr) ?? '',
    destination: optionalString(pdu.destination_addr) ?? '',
    sourceTon: optionalNumber(pdu.source_addr_ton) ?? 0,
    sourceNpi: optionalNumber(pdu.source_addr_npi) ?? 0,
    esmClass: optionalNumber(pdu.esm_class) ?? 0,
    dataCoding: optionalNumber(pdu.data_coding) ?? 0,
    registeredDelivery: optionalNumber(pdu.registered_delivery) ?? 0,
    shortMessage: rawOctets(pdu.short_message, 'short_message') ?? Buffer.alloc(0),
    messagePayload: rawOctets(pdu.message_payload, 'message_payload'),
    sar: refNum !== null && totalSegments !== null && seqNum !== null ? { refNum, totalSegments, seqNum } : null,
    receiptedMessageId: optionalString(pdu.receipted_message_id),
    messageState: optionalNumber(pdu.message_state),
  };
}

function rawOctets(value: unknown, field: string): Buffer | null {
  if (value === undefined || value === null) return null;
  if (Buffer.isBuffer(value)) return value;
  throw new Error(
    `${field} was decoded to ${typeof value}, not raw octets: installRawMessageFields() is not in effect`,
  );
}

function optionalNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
