/**
 * Keep `short_message` and `message_payload` as the raw octets the gateway sent.
 *
 * Why: smpp decodes both fields into `{ udh, message: string }` by guessing from data_coding
 * (it treats data_coding 0 as its "ASCII" GSM table, splits the UDH off, maps unknown octets to
 * spaces). That loses information the attendance protocol needs (e.g. `$` is octet 0x02 in
 * GSM 03.38) and makes stored messages unverifiable. We store the octets verbatim and decode
 * them in our own protocol layer.
 *
 * How: smpp keeps one shared filter object, `defs.filters.message`, and both
 * `commands.*.params.short_message.filter` and `tlvs.message_payload.filter` point at that same
 * object; `PDU#_filter` looks its `decode` method up at call time. Replacing that one method is
 * the narrowest hook that covers every command (deliver_sm, submit_sm, data_sm's payload, …)
 * without patching the parser. `encode` is left alone: it already returns a Buffer unchanged,
 * which is all we ever pass it.
 *
 * Process-wide: smpp is a CommonJS singleton, so after this call every smpp PDU parsed in this
 * process (our gateway session and the test SMSC alike) carries Buffers in these fields.
 * Idempotent, and safe across module reloads (the marker lives on smpp's object, not here).
 */
import smpp from 'smpp';

const MARK = Symbol.for('smpp-attendance.raw-message-fields');

type MarkedFilter = typeof smpp.filters.message & { [MARK]?: true };

export function installRawMessageFields(): void {
  const filter: MarkedFilter = smpp.filters.message;
  if (filter[MARK]) return;
  filter.decode = function keepRawOctets(value: unknown): unknown {
    return value;
  };
  filter[MARK] = true;
}

/** True once {@link installRawMessageFields} has run in this process. */
export function rawMessageFieldsInstalled(): boolean {
  return (smpp.filters.message as MarkedFilter)[MARK] === true;
}
