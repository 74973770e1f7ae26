/**
 * Which transport carries the AppApi: Electron's preload puts its verbs on `window.attendance`
 * (wrapped here by the IPC client); in the browser preview there is none, and the page builds the
 * WebSocket client itself (and takes the access token out of the address bar). Everything after
 * this point sees only the AppApi.
 */
import type { AppApi, PreloadApi } from '../../../src-main/contract/app-api.js';
import { createIpcClient } from './ipc-client.js';
import {
  createPreviewClient,
  forgetTokenInAddressBar,
  openDownloadByLink,
  previewSocketUrl,
} from './preview-client.js';

declare global {
  interface Window {
    attendance?: PreloadApi;
  }
}

export function resolveApi(win: Window = window): AppApi {
  if (win.attendance) return createIpcClient(win.attendance);
  const url = previewSocketUrl(win.location);
  forgetTokenInAddressBar(win);
  return createPreviewClient({ url, openDownload: openDownloadByLink });
}
