/**
 * The main process's side of the IPC contract. Every request channel is registered from
 * `requestNames`, so no bare channel string exists here; each call is checked in this order:
 * 1. the sender is our own page: the main frame of our window's web contents (see isFromOwnPage),
 * 2. the argument satisfies the contract's schema,
 * and only then reaches the core (see dispatchRequest). Results travel as {@link RequestOutcome}.
 */
import { ipcMain, type WebContents } from 'electron';
import { ipcChannel, requestNames } from '../contract/channels.js';
import { dispatchRequest } from '../core/api/dispatch-request.js';
import type { PushSink } from '../core/api/push-batcher.js';
import type { RequestHandlers } from '../core/api/request-handlers.js';
import type { RequestOutcome } from '../core/api/request-outcome.js';
import { isAppUrl } from './app-protocol.js';

/** A frame as the check reads it (WebFrameMain in Electron). */
export interface FrameIdentity {
  readonly processId: number;
  readonly routingId: number;
  readonly url: string;
  readonly parent: unknown;
}

/** What the check reads of an IPC event (IpcMainInvokeEvent in Electron). */
export interface IpcSender {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameIdentity | null;
}

/** Our window's web contents as the check reads them. */
export interface OwnContents {
  readonly id: number;
  readonly mainFrame: FrameIdentity;
  isDestroyed(): boolean;
}

/**
 * True when the request came from the main frame of our own window's web contents, and that frame
 * still shows the app's own page (app://renderer/; navigation is blocked everywhere). The check is
 * by identity, then by the origin: the frame's full URL is not compared (file URLs, before app://,
 * were spelt differently by Chromium and by Node on Windows and once refused every request there).
 * An iframe, another window, DevTools, a frame that is gone or a page that navigated away is refused.
 */
export function isFromOwnPage(event: IpcSender, own: OwnContents | null): boolean {
  try {
    if (!own || own.isDestroyed()) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || event.sender.id !== own.id) return false;
    const main = own.mainFrame;
    if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
    return isAppUrl(frame.url);
  } catch {
    // a frame disposed while we looked at it, or a URL that does not parse
    return false;
  }
}

/**
 * Registers one `ipcMain.handle` per request of the contract.
 * @returns a function that removes them all (used on quit and by tests).
 */
export function registerIpcHandlers(handlers: RequestHandlers, isTrusted: (event: IpcSender) => boolean): () => void {
  for (const name of requestNames) {
    ipcMain.handle(ipcChannel.request(name), async (event, arg: unknown): Promise<RequestOutcome> => {
      if (!isTrusted(event)) {
        return {
          ok: false,
          error: { code: 'refused', message: `${name}: refused, the request did not come from the app's own page` },
        };
      }
      return dispatchRequest(handlers, name, arg);
    });
  }
  return () => {
    for (const name of requestNames) ipcMain.removeHandler(ipcChannel.request(name));
  };
}

/** Pushes to one window's renderer; silently drops them while the window is gone or reloading. */
export function createIpcPushSink(target: () => WebContents | null): PushSink {
  return (name, payload) => {
    const contents = target();
    if (!contents || contents.isDestroyed() || contents.isCrashed()) return;
    contents.send(ipcChannel.push(name), payload);
  };
}
