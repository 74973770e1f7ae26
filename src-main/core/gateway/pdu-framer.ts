/**
 * Cuts a TCP byte stream into SMPP PDUs by `command_length`.
 *
 * Hand-written because smpp's own reader cannot recover from a bad PDU (it stops reading for
 * good: its `_busy` flag stays set after a parse error) and has no hook between framing and
 * parsing. Framing is the only thing that must never fail: once a frame is cut out, a body we
 * cannot parse costs one generic_nack, not the connection. Only a `command_length` that cannot
 * be true (below the 16-octet header, or above `maxLength`) loses sync, and then nothing after
 * it can be trusted: the framer reports it once and yields nothing more.
 */

export const PDU_HEADER_LENGTH = 16;
/** SMPP puts no limit on command_length; 64 KiB is far above any PDU a phone gateway sends. */
export const DEFAULT_MAX_PDU_LENGTH = 64 * 1024;

export type FrameEvent =
  /** One whole PDU, header included, in its own Buffer (not a view on the stream buffer). */
  | { kind: 'frame'; frame: Buffer }
  /** The stream cannot be re-synchronised. The header fields are those of the bad PDU when 16 octets were there. */
  | { kind: 'unframeable'; commandLength: number; commandId: number | null; sequenceNumber: number | null };

export class PduFramer {
  private pending: Buffer = Buffer.alloc(0);
  private lost = false;

  constructor(private readonly maxLength: number = DEFAULT_MAX_PDU_LENGTH) {}

  /** Octets received but not yet returned as frames. */
  get buffered(): number {
    return this.pending.length;
  }

  /** True after an unframeable length: the stream is unusable. */
  get desynchronised(): boolean {
    return this.lost;
  }

  push(chunk: Buffer): void {
    if (this.lost || chunk.length === 0) return;
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
  }

  /** The next complete frame, the (single) loss of sync, or null when more octets are needed. */
  next(): FrameEvent | null {
    if (this.lost || this.pending.length < 4) return null;
    const commandLength = this.pending.readUInt32BE(0);
    if (commandLength < PDU_HEADER_LENGTH || commandLength > this.maxLength) {
      this.lost = true;
      const haveHeader = this.pending.length >= PDU_HEADER_LENGTH;
      const event: FrameEvent = {
        kind: 'unframeable',
        commandLength,
        commandId: haveHeader ? this.pending.readUInt32BE(4) : null,
        sequenceNumber: haveHeader ? this.pending.readUInt32BE(12) : null,
      };
      this.pending = Buffer.alloc(0);
      return event;
    }
    if (this.pending.length < commandLength) return null;
    const frame = Buffer.from(this.pending.subarray(0, commandLength));
    this.pending = this.pending.subarray(commandLength);
    return { kind: 'frame', frame };
  }
}
