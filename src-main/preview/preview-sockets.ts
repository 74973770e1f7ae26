/**
 * The preview's WebSocket side: the pages connected to the API, each sent the current state when it
 * (re)connects, pushes for all of them, and one request frame in, one result frame out
 * (preview-wire.ts), through the contract's gate (dispatchRequest).
 */
import { z } from 'zod';
import type { WebSocket } from 'ws';
import type { PushEvents, PushName } from '../contract/app-api.js';
import type { ServerFrame } from '../contract/preview-wire.js';
import type { AppCore } from '../core/app-core-types.js';
import type { Alert, Problem } from '../core/model.js';
import { dispatchRequest } from '../core/api/dispatch-request.js';
import type { RequestHandlers } from '../core/api/request-handlers.js';

/** A client that stops reading is dropped before its queue eats the memory. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

const clientFrameSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  arg: z.unknown().optional(),
});

export interface SocketHubDeps {
  core: AppCore;
  handlers: () => RequestHandlers;
  /** The problems still open, for a page that (re)connects. */
  activeProblems: () => Problem[];
  /** The alerts raised now, for a page that (re)connects; omitted: none are watched. */
  alerts?: () => Alert[];
}

export class SocketHub {
  private readonly clients = new Set<WebSocket>();

  constructor(private readonly deps: SocketHubDeps) {}

  /** Sends a push to every connected page. */
  broadcast<K extends PushName>(name: K, payload: PushEvents[K]): void {
    const frame = pushFrame(name, payload);
    for (const socket of this.clients) send(socket, frame);
  }

  /** Takes a socket that passed the access checks. */
  accept(ws: WebSocket): void {
    this.clients.add(ws);
    ws.on('close', () => this.clients.delete(ws));
    ws.on('error', () => ws.terminate());
    // A page that (re)connects starts from the current state and the problems still open.
    send(ws, pushFrame('connectionState', this.deps.core.connectionState()));
    for (const problem of this.deps.activeProblems()) send(ws, pushFrame('problem', problem));
    if (this.deps.alerts) send(ws, pushFrame('alerts', this.deps.alerts()));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(1003, 'frames are JSON text');
        return;
      }
      let frame: z.infer<typeof clientFrameSchema>;
      try {
        frame = clientFrameSchema.parse(JSON.parse(data.toString()));
      } catch {
        ws.close(1008, 'not a request frame (preview-wire.ts)');
        return;
      }
      void dispatchRequest(this.deps.handlers(), frame.name, frame.arg).then((outcome) => {
        send(
          ws,
          outcome.ok
            ? { type: 'result', id: frame.id, ok: true, value: outcome.value }
            : { type: 'result', id: frame.id, ok: false, error: outcome.error },
        );
      });
    });
  }

  terminateAll(): void {
    for (const ws of this.clients) ws.terminate();
  }
}

function pushFrame<K extends PushName>(name: K, payload: PushEvents[K]): ServerFrame {
  return { type: 'push', name, payload } as ServerFrame;
}

function send(socket: WebSocket, frame: ServerFrame): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    socket.terminate();
    return;
  }
  socket.send(JSON.stringify(frame));
}
