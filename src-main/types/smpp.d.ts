/**
 * Types for the parts of `smpp` 0.5.x (farhadi/node-smpp, CommonJS, untyped) that this project uses.
 *
 * Import the default export only (`import smpp from 'smpp'`): the package fills most of its
 * exports in loops, which Node's CommonJS named-export detection cannot see. Keep the package
 * external (never bundled): its `pdu.js` assigns an undeclared variable (`skipUdh`) when a PDU
 * carries `message_payload`, which throws once the code runs in strict mode.
 */
declare module 'smpp' {
  import type { Socket, Server as NetServer } from 'node:net';
  import { EventEmitter } from 'node:events';

  /** How one field is read from and written to the wire (`defs.types.*`). */
  export interface ParamType {
    read(buffer: Buffer, offset: number, length?: number): unknown;
    write(value: unknown, buffer: Buffer, offset: number): void;
    size(value: unknown): number;
    default: unknown;
  }

  /** A value transformation applied after decoding / before encoding (`defs.filters.*`). `this` is the PDU. */
  export interface Filter {
    encode(this: PDU, value: unknown): unknown;
    decode(this: PDU, value: unknown, skipUdh?: unknown): unknown;
  }

  export interface ParamDef {
    type: ParamType;
    default?: unknown;
    filter?: Filter;
  }

  export interface CommandDef {
    id: number;
    command: string;
    params?: Record<string, ParamDef>;
    tlvMap?: Record<string, string>;
  }

  export interface TlvDef {
    id: number;
    tag: string;
    type: ParamType;
    filter?: Filter;
    multiple?: boolean;
  }

  /**
   * One PDU. Built from a command name and fields (to send), or from a complete frame (parsed; a
   * parse may throw on malformed input). Fields are the SMPP 3.4 names (`source_addr`,
   * `short_message`, TLV names such as `message_payload`); which exist depends on `command`.
   * An unknown command id parses to `command === 'unknown'` with only the header fields.
   */
  export class PDU {
    constructor(command: string, options?: Record<string, unknown>);
    constructor(frame: Buffer);
    command: string;
    command_length: number;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    /** The matching `*_resp` (or `generic_nack` for an unknown command) with this PDU's sequence number. */
    response(options?: Record<string, unknown>): PDU;
    toBuffer(): Buffer;
    /** Frames longer than this make the parser throw. 16384 by default. */
    static maxLength: number;
  }

  export type ResponseCallback = (pdu: PDU) => void;
  /** `session.<command>(fields, onResponse, onSent)`: builds the PDU and sends it; false when the socket is not writable. */
  export type CommandShortcut = (
    options?: Record<string, unknown>,
    responseCallback?: ResponseCallback,
    sendCallback?: ResponseCallback,
  ) => boolean;

  export interface SessionOptions {
    host?: string;
    port?: number;
    /** Wrap an existing socket (what the server does) instead of connecting. */
    socket?: Socket;
    tls?: boolean;
    auto_enquire_link_period?: number;
  }

  /**
   * One SMPP connection. Emits `connect`, `close`, `error` (socket errors and parse errors: the
   * stock reader then stops reading for good), `pdu` for every PDU, and the command name
   * (`deliver_sm`, `enquire_link`, ...) for each. It answers nothing by itself.
   */
  export class Session extends EventEmitter {
    constructor(options: SessionOptions);
    options: SessionOptions;
    socket: Socket;
    sequence: number;
    paused: boolean;
    server?: Server;
    /** Response callbacks by sequence number, registered by `send`. */
    protected _callbacks: Record<number, ResponseCallback | undefined>;
    /**
     * The stock socket reader, bound to the socket's `readable` event in the constructor via
     * `this._extractPDUs`, so a subclass override replaces it. Internal to smpp 0.5.x.
     */
    protected _extractPDUs(): void;
    /** Assigns a sequence number to a request PDU (unless it has one) and writes it. False when the socket is not writable. */
    send(pdu: PDU, responseCallback?: ResponseCallback, sendCallback?: ResponseCallback): boolean;
    pause(): void;
    resume(): void;
    /** Ends the socket gracefully. */
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    bind_transceiver: CommandShortcut;
    bind_transceiver_resp: CommandShortcut;
    deliver_sm: CommandShortcut;
    deliver_sm_resp: CommandShortcut;
    data_sm: CommandShortcut;
    submit_sm: CommandShortcut;
    submit_sm_resp: CommandShortcut;
    enquire_link: CommandShortcut;
    enquire_link_resp: CommandShortcut;
    unbind: CommandShortcut;
    unbind_resp: CommandShortcut;
    generic_nack: CommandShortcut;
  }

  /** A `net.Server` that wraps each accepted socket in a `Session` and emits `session`. */
  export class Server extends NetServer {
    sessions: Session[];
  }

  export interface SmppModule {
    Session: typeof Session;
    Server: typeof Server;
    PDU: typeof PDU;
    createServer(options: Record<string, unknown>, listener: (session: Session) => void): Server;
    createServer(listener: (session: Session) => void): Server;
    /** SMPP status names to codes (SMPP 3.4 and 5.0), e.g. `ESME_RINVPASWD: 0x0E`. */
    errors: Record<string, number>;
    commands: Record<string, CommandDef>;
    commandsById: Record<number, CommandDef | undefined>;
    tlvs: Record<string, TlvDef>;
    tlvsById: Record<number, TlvDef | undefined>;
    types: {
      int8: ParamType;
      int16: ParamType;
      int32: ParamType;
      string: ParamType;
      cstring: ParamType;
      buffer: ParamType;
      dest_address_array: ParamType;
      unsuccess_sme_array: ParamType;
      tlv: Record<'int8' | 'int16' | 'int32' | 'string' | 'cstring' | 'buffer', ParamType>;
    };
    /** Shared filter objects: `filters.message` serves `short_message` of every command and the `message_payload` TLV. */
    filters: Record<string, Filter> & { message: Filter };
  }

  const smpp: SmppModule;
  export default smpp;
}
