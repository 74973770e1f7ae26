/**
 * The Electron security checklist, applied once to the default session and to every web contents:
 * nothing remote is loaded, no navigation, no new windows, no webviews, no permissions, and the
 * renderer's Content-Security-Policy (contract/content-security-policy.ts) on the app's own pages.
 * The page carries the same policy in its <meta> tag too; app-protocol.ts sends it as a header.
 */
import { app, session, type Session } from 'electron';
import { contentSecurityPolicy } from '../contract/content-security-policy.js';
import { isAppUrl } from './app-protocol.js';

export const RENDERER_CSP = contentSecurityPolicy({ kind: 'desktop' });

/** Schemes the window may load at all: our app:// files, inline data (CSP still decides), and devtools when a developer opens them. */
const ALLOWED_SCHEMES = new Set(['app:', 'data:', 'devtools:']);

/**
 * True for a response that belongs to the app's own page: an app://renderer/ file loaded by our
 * window's web contents. DevTools (its own contents, devtools:// pages) and anything else keep their headers.
 */
export function isAppResponse(
  details: { url: string; webContentsId?: number | undefined },
  isOwnContents: (id: number) => boolean,
): boolean {
  if (details.webContentsId === undefined || !isOwnContents(details.webContentsId)) return false;
  return isAppUrl(details.url);
}

export function hardenSession(isOwnContents: (id: number) => boolean, target: Session = session.defaultSession): void {
  target.webRequest.onBeforeRequest((details, callback) => {
    let scheme = '';
    try {
      scheme = new URL(details.url).protocol;
    } catch {
      // an unparseable URL is refused below
    }
    callback({ cancel: !ALLOWED_SCHEMES.has(scheme) });
  });
  target.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppResponse(details, isOwnContents)) {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

/** Blocks navigation, new windows and webviews in every web contents the app ever creates. */
export function blockNavigationEverywhere(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
