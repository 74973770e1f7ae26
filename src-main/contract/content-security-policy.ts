/**
 * The renderer's Content-Security-Policy, written once for every host of the page:
 * - the desktop app loads dist/renderer/index.html from its own app://renderer/ scheme, which sends
 *   the policy as a response header (electron/app-protocol.ts); the page's own `<meta>` tag
 *   (vite.config.ts puts it there at build time) carries the same policy;
 * - the browser preview serves the same file over HTTP: it sends the policy as a header and rewrites
 *   the page's `<meta>` to the same text, because a page obeys every policy it is given and the
 *   desktop one forbids the preview's WebSocket.
 * Lives in the contract because the page and both of its hosts must agree on it.
 */

/** Where the page runs: the desktop app needs no network at all; the preview talks to its own socket. */
export type PolicyHost = { kind: 'desktop' } | { kind: 'preview'; port: number };

/**
 * `meta`: the policy as a `<meta>` tag may carry it. Browsers ignore `frame-ancestors` there (and
 * warn about it), so it is left out; the header form keeps it.
 */
export type PolicyDelivery = 'header' | 'meta';

export function contentSecurityPolicy(host: PolicyHost, delivery: PolicyDelivery = 'header'): string {
  const connect =
    host.kind === 'desktop'
      ? "connect-src 'none'"
      : `connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}`;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    connect,
    "base-uri 'none'",
    "form-action 'none'",
    ...(delivery === 'header' ? ["frame-ancestors 'none'"] : []),
    "object-src 'none'",
  ].join('; ');
}

const META_POLICY = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i;

/** The policy of the page's `<meta http-equiv="Content-Security-Policy">` as a browser reads it, or null when it has none. */
export function metaPolicyOf(html: string): string | null {
  const found = META_POLICY.exec(html);
  if (!found) return null;
  const raw = /content="([^"]*)"/i.exec(found[0])?.[1] ?? '';
  // Vite writes the quotes as character references; a browser decodes them before reading the policy.
  return raw.replace(
    /&#39;|&#x27;|&quot;|&amp;/gi,
    (ref) => ({ '&#39;': "'", '&#x27;': "'", '&quot;': '"', '&amp;': '&' })[ref.toLowerCase()] ?? ref,
  );
}

/** The page with its `<meta>` policy replaced by `policy` (unchanged when it has no such tag). */
export function withMetaPolicy(html: string, policy: string): string {
  return html.replace(META_POLICY, (_all, start: string, end: string) => `${start}${policy}${end}`);
}
