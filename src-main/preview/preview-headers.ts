/**
 * Headers on every response of the preview server. The page, its scripts and its socket are all on
 * 127.0.0.1:PORT; nothing else may load, frame it, or learn its URL (which carries the token).
 */
import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../contract/content-security-policy.js';

export function setStrictHeaders(res: ServerResponse, port: number): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy({ kind: 'preview', port }));
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
