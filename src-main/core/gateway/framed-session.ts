/**
 * An smpp `Session` whose socket reader survives bad PDUs.
 *
 * smpp 0.5.1's reader (`Session#_extractPDUs`) emits `error` on a parse error and returns
 * without clearing its `_busy` flag, so the session never reads again; a command_length below
 * 16 makes it stop reading silently. The constructor binds `this._extractPDUs` to the socket's
 * `readable` event, so overriding that one method in a subclass replaces the reader while
 * keeping everything else smpp offers (connect, send with sequence numbers, response callbacks,
 * `close`/`error` events, the command shortcuts). A fresh instance per TCP connection, always.
 *
 * Extra events, besides smpp's `pdu` and per-command ones:
 * - `bad_pdu` (BadPdu): a frame was cut out but is unknown or malformed. Reading continues.
 * - `unframeable` (UnframeablePdu): command_length cannot be true; nothing after it is readable.
 */
import smpp from 'smpp';
import type { PDU, SessionOptions } from 'smpp';
import { DEFAULT_MAX_PDU_LENGTH, PduFramer } from './pdu-framer.js';
import { decodeFrame } from './pdu-decoder.js';

export type BadPdu =
  | { kind: 'unknown-command'; commandId: number; sequenceNumber: number }
  | { kind: 'malformed'; commandId: number; command: string; sequenceNumber: number; reason: string };

export interface UnframeablePdu {
  commandLength: number;
  commandId: number | null;
  sequenceNumber: number | null;
}

export interface FramedSessionOptions extends SessionOptions {
  maxPduLength?: number;
}

export class FramedSession extends smpp.Session {
  /** Called when a listener of ours throws while a PDU is dispatched; the reader goes on. */
  onListenerError: (error: unknown, pdu: PDU | null) => void = () => {};
  private framer: PduFramer | null = null;
  private readonly maxPduLength: number;
  private reading = false;

  constructor(options: FramedSessionOptions) {
    super(options);
    this.maxPduLength = options.maxPduLength ?? DEFAULT_MAX_PDU_LENGTH;
  }

  protected override _extractPDUs(): void {
    // Re-entry (a listener calling resume()) would reorder PDUs; the outer loop picks up the rest.
    if (this.reading) return;
    this.reading = true;
    try {
      // `readable` can fire before the subclass fields exist only in theory (it is async); be safe.
      this.framer ??= new PduFramer(this.maxPduLength);
      let chunk: Buffer | null;
      while ((chunk = this.socket.read() as Buffer | null) !== null) this.framer.push(chunk);
      while (!this.paused) {
        const event = this.framer.next();
        if (!event) break;
        if (event.kind === 'unframeable') {
          const { kind: _kind, ...info } = event;
          this.safeEmit('unframeable', info, null);
          break;
        }
        this.dispatch(event.frame);
      }
    } finally {
      this.reading = false;
    }
  }

  private dispatch(frame: Buffer): void {
    const decoded = decodeFrame(frame);
    if (decoded.kind !== 'pdu') {
      this.safeEmit('bad_pdu', decoded, null);
      return;
    }
    const pdu = decoded.pdu;
    this.safeEmit('pdu', pdu, pdu);
    this.safeEmit(pdu.command, pdu, pdu);
    const callback = pdu.isResponse() ? this._callbacks[pdu.sequence_number] : undefined;
    if (callback) {
      delete this._callbacks[pdu.sequence_number];
      try {
        callback(pdu);
      } catch (error) {
        this.onListenerError(error, pdu);
      }
    }
  }

  private safeEmit(event: string, value: unknown, pdu: PDU | null): void {
    try {
      this.emit(event, value);
    } catch (error) {
      this.onListenerError(error, pdu);
    }
  }
}
