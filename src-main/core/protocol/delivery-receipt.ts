/**
 * SMSC delivery receipts for the acks we send (registered_delivery 1).
 */

export type ReceiptState = 'delivered' | 'failed' | 'pending';

export type DeliveryReceiptResult =
  { ok: true; smscMessageId: string; state: ReceiptState; stat: string } | { ok: false; reason: string };

/**
 * docs/protocol.md's rule, which is the contract with the gateways in the field: a deliver_sm with
 * `esm_class & 0x04` set is a delivery receipt. (SMPP 3.4 §5.2.12 names 0x04 in bits 5–2 "SMSC
 * Delivery Receipt"; the other types with bit 2 set are undefined there, and no employee message
 * carries that bit, so testing the bit alone loses nothing and matches what the original did.)
 */
export function isDeliveryReceipt(esmClass: number): boolean {
  return (esmClass & 0x04) !== 0;
}

/** SMPP 3.4 message_state values (§5.3.2.35), named by the `stat:` word of the receipt text. */
const MESSAGE_STATES: ReadonlyMap<number, { stat: string; state: ReceiptState }> = new Map([
  [1, { stat: 'ENROUTE', state: 'pending' }],
  [2, { stat: 'DELIVRD', state: 'delivered' }],
  [3, { stat: 'EXPIRED', state: 'failed' }],
  [4, { stat: 'DELETED', state: 'failed' }],
  [5, { stat: 'UNDELIV', state: 'failed' }],
  [6, { stat: 'ACCEPTD', state: 'pending' }],
  [7, { stat: 'UNKNOWN', state: 'pending' }],
  [8, { stat: 'REJECTD', state: 'failed' }],
]);

const STAT_WORDS: ReadonlyMap<string, ReceiptState> = new Map(
  [...MESSAGE_STATES.values()].map(({ stat, state }) => [stat, state] as const),
);

const TEXT_ID = /(?:^|\s)id:(\S+)/i;
const TEXT_STAT = /(?:^|\s)stat:(\S+)/i;

/**
 * Reads a receipt: the receipted_message_id / message_state TLVs where present, otherwise (or
 * for whichever is missing) the classic `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…`.
 */
export function parseDeliveryReceipt(input: {
  text: string | null;
  receiptedMessageId?: string;
  messageState?: number;
}): DeliveryReceiptResult {
  const text = input.text ?? '';
  const tlvId = input.receiptedMessageId?.trim();
  const id = tlvId ? tlvId : TEXT_ID.exec(text)?.[1];

  let found: { stat: string; state: ReceiptState } | undefined;
  if (input.messageState !== undefined) found = MESSAGE_STATES.get(input.messageState);
  if (!found) {
    const word = TEXT_STAT.exec(text)?.[1]?.toUpperCase();
    const state = word === undefined ? undefined : STAT_WORDS.get(word);
    if (word !== undefined && state !== undefined) found = { stat: word, state };
    else if (word !== undefined) return { ok: false, reason: `unknown receipt stat ${word}` };
    else if (input.messageState !== undefined)
      return { ok: false, reason: `unknown message_state ${input.messageState}` };
  }

  if (!id && !found)
    return { ok: false, reason: input.text === null ? 'no receipt tlvs and unreadable text' : 'no receipt id or stat' };
  if (!id) return { ok: false, reason: 'no receipt message id' };
  if (!found) return { ok: false, reason: 'no receipt stat' };
  return { ok: true, smscMessageId: id, state: found.state, stat: found.stat };
}

/**
 * The classic receipt text an SMSC writes (SMPP 3.4 Appendix B), as the demo gateway and the test
 * SMSC send it: dates as YYMMDDhhmm in local time, one message, `err:000`, no text.
 */
export function deliveryReceiptText(receipt: { id: string; stat: string; submittedAt: Date; doneAt: Date }): string {
  const delivered = receipt.stat === 'DELIVRD' ? '001' : '000';
  return `id:${receipt.id} sub:001 dlvrd:${delivered} submit date:${receiptDate(receipt.submittedAt)} done date:${receiptDate(receipt.doneAt)} stat:${receipt.stat} err:000 text:`;
}

function receiptDate(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(date.getFullYear() % 100)}${two(date.getMonth() + 1)}${two(date.getDate())}${two(date.getHours())}${two(date.getMinutes())}`;
}

/**
 * Ids under which a receipt may match a sent message: SMSCs differ in whether the receipt shows
 * the submit_sm_resp message_id as is, in decimal, or in hex. Returns `id` first, then its
 * lower-case / no-leading-zero form, its hex value read as decimal and its decimal value as hex
 * (each lower-case, no leading zeros), without duplicates.
 */
export function receiptIdCandidates(id: string): string[] {
  const candidates = new Set<string>([id]);
  // Ids longer than this are not numbers any SMSC produces; skip the conversions.
  if (id.length > 40) return [...candidates];
  if (/^[0-9]+$/.test(id)) {
    const value = BigInt(id);
    candidates.add(value.toString(10));
    candidates.add(value.toString(16));
  }
  if (/^[0-9a-f]+$/i.test(id)) {
    const value = BigInt(`0x${id}`);
    candidates.add(value.toString(16));
    candidates.add(value.toString(10));
  }
  return [...candidates];
}
