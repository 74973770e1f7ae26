/**
 * The preview client's WebSocket, kept open: frames sent while it is down wait in an outbox, and a
 * dropped socket is reopened with growing delays, except when the server refused the page's token
 * (retrying could not help). The owner hears of each opening, frame and loss.
 */
import { CLOSE_NO_TOKEN } from '../../../src-main/contract/preview-wire.js';

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];

export interface SocketEvents {
  /** The socket is open; `afterLoss`: it is open again after a loss. */
  opened(afterLoss: boolean): void;
  frame(text: string): void;
  /** The socket closed without being asked to; `refused`: for want of the token, and no retry follows. */
  dropped(refused: boolean): void;
}

export class ReconnectingSocket {
  #socket: WebSocket | null = null;
  readonly #outbox: string[] = [];
  #failures = 0;
  #lostOnce = false;
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;

  constructor(
    private readonly url: string,
    private readonly createSocket: (url: string) => WebSocket,
    private readonly events: SocketEvents,
  ) {
    this.#open();
  }

  /** Closed for good by `close()`. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Sends now, or once the socket is open. */
  send(text: string): void {
    if (this.#socket && this.#socket.readyState === WebSocket.OPEN) this.#socket.send(text);
    else this.#outbox.push(text);
  }

  close(): void {
    this.#closed = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#socket?.close(1000, 'page closed');
    this.#socket = null;
  }

  #open(): void {
    const ws = this.createSocket(this.url);
    this.#socket = ws;
    ws.addEventListener('open', () => {
      this.#failures = 0;
      for (const frame of this.#outbox.splice(0)) ws.send(frame);
      this.events.opened(this.#lostOnce);
    });
    ws.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data === 'string') this.events.frame(event.data);
    });
    ws.addEventListener('close', (event: CloseEvent) => {
      if (this.#socket !== ws) return;
      this.#socket = null;
      const refused = event.code === CLOSE_NO_TOKEN;
      if (!refused) this.#lostOnce = true;
      this.events.dropped(refused);
      if (!refused && !this.#closed) this.#reconnectLater();
    });
  }

  #reconnectLater(): void {
    const delay = RECONNECT_DELAYS_MS[Math.min(this.#failures, RECONNECT_DELAYS_MS.length - 1)] ?? 5000;
    this.#failures += 1;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (!this.#closed) this.#open();
    }, delay);
  }
}
