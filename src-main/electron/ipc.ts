/**
 * The main process's side of the IPC contract. Every request channel is registered from
 * `requestNames`, so no bare channel string exists here; each call is checked in this order:
 * 1. the sender is our own page (the top frame showing dist/renderer/index.html over file://),
 * 2. the argument satisfies the contract's schema,
 * and only then reaches the core (see dispatchRequest). Results travel as {@link RequestOutcome}.
 */
import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { ipcChannel, requestNames } from '../contract/app-api.js';
import { dispatchRequest } from '../core/api/dispatch-request.js';
import type { PushSink } from '../core/api/push-batcher.js';
import type { RequestHandlers } from '../core/api/request-handlers.js';
import type { RequestOutcome } from '../core/api/request-outcome.js';

/** The frame a request came from, reduced to what the check reads (WebFrameMain in Electron). */
export type SenderFrame = Pick<WebFrameMain, 'url'> & { readonly parent: unknown };

/**
 * True when `frame` is the top frame of our renderer page. Query and fragment are ignored (the
 * renderer may route with them); scheme and path must match exactly, so another local file, an
 * iframe or a navigated-away page is refused.
 */
export function isOwnPage(frame: SenderFrame | null, pageUrl: string): boolean {
  if (!frame || frame.parent !== null) return false;
  let sender: URL;
  try {
    sender = new URL(frame.url);
  } catch {
    return false;
  }
  const own = new URL(pageUrl);
  return sender.protocol === 'file:' && own.protocol === 'file:' && sender.host === own.host && sender.pathname === own.pathname;
}

/**
 * Registers one `ipcMain.handle` per request of the contract.
 * @returns a function that removes them all (used on quit and by tests).
 */
export function registerIpcHandlers(handlers: RequestHandlers, isTrusted: (frame: SenderFrame | null) => boolean): () => void {
  for (const name of requestNames) {
    ipcMain.handle(ipcChannel.request(name), async (event, arg: unknown): Promise<RequestOutcome> => {
      if (!isTrusted(event.senderFrame)) {
        return { ok: false, error: { code: 'refused', message: `${name}: refused, the request did not come from the app's own page` } };
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
