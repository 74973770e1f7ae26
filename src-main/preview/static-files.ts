/**
 * Serves the built renderer (dist/renderer) read-only. Hand-written rather than a static-server
 * package because the files are our own Vite build output (a handful of types), and the preview
 * must add its own token check and headers to every response anyway.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { ServerResponse } from 'node:http';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `root` that `urlPath` names, or null when it would leave `root` (`..`, encoded
 * slashes, NUL) or is not a plain file. `/` is index.html.
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const wanted = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const full = resolve(base, wanted);
  const rel = relative(base, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  try {
    return (await stat(full)).isFile() ? join(base, rel) : null;
  } catch {
    return null;
  }
}

/** The Content-Type of a file of the build by its extension. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function sendFile(
  res: ServerResponse,
  path: string,
  method: string,
  extraHeaders: Record<string, string> = {},
): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeOf(path));
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
  if (method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(path);
  stream.on('error', (error) => {
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end(`could not read ${path}: ${error.message}`);
    } else res.destroy(error);
  });
  stream.pipe(res);
}
