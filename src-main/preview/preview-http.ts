/**
 * The preview's HTTP side: the built renderer's files, the prepared CSV downloads, and a plain
 * refusal for everything else. Every answer carries the strict headers (preview-headers.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { contentSecurityPolicy, withMetaPolicy } from '../contract/content-security-policy.js';
import { PREVIEW_API_PATH, PREVIEW_DOWNLOAD_PATH } from '../contract/preview-wire.js';
import type { PreviewAccess } from './preview-access.js';
import { attachmentDisposition, type PreviewDownloads } from './preview-downloads.js';
import { setStrictHeaders } from './preview-headers.js';
import { resolveStaticFile, sendFile } from './static-files.js';

export interface PreviewHttpDeps {
  access: PreviewAccess;
  downloads: PreviewDownloads;
  rendererDir: string;
  port: () => number;
}

export function refuse(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(`${text}\n`);
}

/** The request listener of the preview's HTTP server. */
export function createHttpHandler(deps: PreviewHttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { access, downloads, rendererDir } = deps;

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const port = deps.port();
    setStrictHeaders(res, port);
    if (!access.ownHost(req.headers.host))
      return refuse(res, 403, 'Forbidden: the preview answers only to 127.0.0.1 and localhost.');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'Method not allowed.');
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!access.allows(url, req)) {
      return refuse(res, 403, 'Forbidden: open the URL that `npm run preview` printed; it carries the access token.');
    }
    // The page's own scripts and styles are fetched without the query: a cookie carries the token to them.
    if (access.hasToken(url.searchParams.get('token'))) res.setHeader('Set-Cookie', access.cookie());

    if (url.pathname === PREVIEW_DOWNLOAD_PATH) {
      const file = downloads.take(url.searchParams.get('id') ?? '');
      if (!file) return refuse(res, 404, 'This export is not available (any more): export again.');
      res.on('close', () => void rm(file.path, { force: true }));
      sendFile(res, file.path, req.method, {
        'Content-Type': file.fileName.endsWith('.xlsx')
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv; charset=utf-8',
        'Content-Disposition': attachmentDisposition(file.fileName),
      });
      return;
    }
    if (url.pathname === PREVIEW_API_PATH) return refuse(res, 426, 'This is the WebSocket endpoint.');
    const path = await resolveStaticFile(rendererDir, url.pathname);
    if (!path) {
      if (url.pathname === '/')
        return refuse(res, 503, `The renderer is not built (no index.html in ${rendererDir}): run \`npm run build\`.`);
      return refuse(res, 404, 'Not found.');
    }
    if (path === join(resolve(rendererDir), 'index.html')) {
      // The built page carries the desktop policy (no network) in its <meta>; here it must allow this socket.
      const html = withMetaPolicy(
        await readFile(path, 'utf8'),
        contentSecurityPolicy({ kind: 'preview', port }, 'meta'),
      );
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    sendFile(res, path, req.method);
  }

  return (req, res) => {
    void handleHttp(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, `internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  };
}
