/**
 * The Electron security checklist, applied once to the default session and to every web contents:
 * nothing remote is loaded, no navigation, no new windows, no webviews, no permissions, and a strict
 * Content-Security-Policy on every response (the renderer's index.html carries the same policy in a
 * meta tag, which is what applies to file:// pages, since those have no response headers).
 */
import { app, session, type Session } from 'electron';

export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Schemes the window may load at all: our files, inline data (CSP still decides), and devtools when a developer opens them. */
const ALLOWED_SCHEMES = new Set(['file:', 'data:', 'devtools:']);

export function hardenSession(target: Session = session.defaultSession): void {
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
