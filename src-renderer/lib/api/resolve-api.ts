/**
 * Which transport carries the AppApi: Electron's preload puts it on `window.attendance`; in the
 * browser preview there is none, and the page builds the WebSocket client itself. Everything
 * after this point sees only the AppApi.
 */
import type { AppApi } from '../../../src-main/contract/app-api.js';
import { createPreviewClient, forgetTokenInAddressBar, openDownloadByLink, previewSocketUrl } from './preview-client.js';

declare global {
  interface Window {
    attendance?: AppApi;
  }
}

export function resolveApi(win: Window = window): AppApi {
  if (win.attendance) return win.attendance;
  const url = previewSocketUrl(win.location);
  forgetTokenInAddressBar(win);
  return createPreviewClient({ url, openDownload: openDownloadByLink });
}
