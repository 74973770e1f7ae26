/**
 * Who may use the preview: a request with the run's random token (in the query, or in the cookie
 * the page got with it), addressed to our own host. The Host and Origin checks refuse other sites
 * (DNS rebinding, cross-site WebSockets) even if they guessed the port.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface PreviewAccess {
  readonly token: string;
  /** The candidate is the token (compared in constant time). */
  hasToken(candidate: string | null | undefined): boolean;
  /** The token came in the query or in our cookie. */
  allows(url: URL, req: IncomingMessage): boolean;
  /** The Set-Cookie value that lets the page's own scripts and styles in without the query. */
  cookie(): string;
  ownHost(host: string | undefined): boolean;
  ownOrigin(origin: string | undefined): boolean;
}

/** `port` is read on every check: it is known only once the server listens. */
export function createPreviewAccess(port: () => number): PreviewAccess {
  const token = randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const cookieName = (): string => `attendance_preview_${port()}`;

  const hasToken = (candidate: string | null | undefined): boolean => {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };
  const cookieToken = (req: IncomingMessage): string | undefined => {
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name === cookieName()) return value.join('=');
    }
    return undefined;
  };

  return {
    token,
    hasToken,
    allows: (url, req) => hasToken(url.searchParams.get('token')) || hasToken(cookieToken(req)),
    cookie: () => `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`,
    ownHost: (host) => host === `127.0.0.1:${port()}` || host === `localhost:${port()}`,
    ownOrigin: (origin) => origin === `http://127.0.0.1:${port()}` || origin === `http://localhost:${port()}`,
  };
}
