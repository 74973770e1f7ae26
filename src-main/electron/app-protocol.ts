/**
 * The window's page comes from the app's own `app://renderer/` scheme rather than file://: a
 * standard, secure origin of its own (so 'self' in the Content-Security-Policy means the app's
 * files and nothing else on the disk), files served only from dist/renderer with any path that
 * would leave it refused, and the policy sent as a real response header.
 */
import { readFile } from 'node:fs/promises';
import { protocol, type Protocol } from 'electron';
import { contentTypeOf, resolveStaticFile } from '../preview/static-files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for a URL of the app's own page and files (`app://renderer/…`). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The file under `rendererDir` that `url` names, or null: another scheme or host, a path that
 * leaves the folder (`..`, encoded `%2e%2e` or `%2f`, a backslash, NUL), or not a file.
 */
export async function resolveAppFile(rendererDir: string, url: string): Promise<string | null> {
  if (!isAppUrl(url)) return null;
  return resolveStaticFile(rendererDir, new URL(url).pathname);
}

/** The response to one request of the scheme: the file with its type and the CSP header, or 404. */
export async function appResponse(rendererDir: string, url: string, csp: string): Promise<Response> {
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };
  const file = await resolveAppFile(rendererDir, url);
  if (file === null)
    return new Response('not found', {
      status: 404,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  try {
    return new Response(await readFile(file), {
      status: 200,
      headers: { ...headers, 'Content-Type': contentTypeOf(file) },
    });
  } catch {
    return new Response('not readable', {
      status: 404,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
}

/** Before the app is ready: the scheme is standard (an origin, relative URLs) and secure (like https). */
export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Once ready: serves dist/renderer on the scheme. */
export function serveAppScheme(rendererDir: string, csp: string, target: Protocol = protocol): void {
  target.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url, csp));
}
