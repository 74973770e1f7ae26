/**
 * Runs in the sandboxed preload of our one window and exposes `window.attendance`, the contract's
 * AppApi, as domain verbs. `ipcRenderer` itself is never exposed: the page can only call the
 * requests of the contract and subscribe to its pushes. Built to dist/electron/preload.cjs
 * (sandboxed preloads must be CommonJS and may only require 'electron').
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PreloadApi, PushEvents, RequestOutcome } from '../contract/app-api.js';
import { ipcChannel, pushSubscribers, requestNames, type PushName, type RequestName } from '../contract/channels.js';

/**
 * Resolves with the outcome, failures included: an Error thrown across contextBridge keeps only its
 * message, so the failure's code and reason travel as data and the renderer's IPC client rejects.
 */
function invoke(name: RequestName, arg: unknown): Promise<RequestOutcome> {
  return ipcRenderer.invoke(ipcChannel.request(name), arg) as Promise<RequestOutcome>;
}

function subscribe<K extends PushName>(name: K, callback: (payload: PushEvents[K]) => void): () => void {
  const channel = ipcChannel.push(name);
  const listener = (_event: IpcRendererEvent, payload: PushEvents[K]): void => callback(payload);
  ipcRenderer.on(channel, listener);
  return () => {
    ipcRenderer.removeListener(channel, listener);
  };
}

const api: Record<string, unknown> = {};
for (const name of requestNames) api[name] = (arg?: unknown) => invoke(name, arg);
for (const [verb, push] of Object.entries(pushSubscribers)) {
  api[verb] = (callback: (payload: PushEvents[typeof push]) => void) => subscribe(push, callback);
}

// Built from the contract's own lists (requestNames, pushSubscribers), so every verb of PreloadApi is
// present; TypeScript cannot see that through the loops, hence the one cast.
contextBridge.exposeInMainWorld('attendance', api as PreloadApi);
