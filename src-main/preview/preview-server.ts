/**
 * The browser preview: the built renderer served on 127.0.0.1, with the same AppApi carried over a
 * loopback WebSocket (preview-wire.ts) to a real core, through the same request handlers and push
 * batcher as the Electron app. Everything is behind a random token printed at start: the page and
 * its socket refuse anyone without it, and the Host/Origin checks refuse other sites (DNS
 * rebinding, cross-site WebSockets) even if they guessed the port.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PushEvents, PushName } from '../contract/app-api.js';
import { PREVIEW_API_PATH, PREVIEW_DOWNLOAD_PATH, type PreviewDownload, type ServerFrame } from '../contract/preview-wire.js';
import type { AppCore } from '../core/app-core-types.js';
import { dispatchRequest } from '../core/api/dispatch-request.js';
import { createFileCsvExporter } from '../core/api/file-csv-exporter.js';
import { createPushBatcher } from '../core/api/push-batcher.js';
import { createRequestHandlers, type RequestHost } from '../core/api/request-handlers.js';
import type { SettingsRepository } from '../core/settings/settings-repository.js';
import { contentSecurityPolicy, withMetaPolicy } from '../contract/content-security-policy.js';
import { attachmentDisposition, PreviewDownloads } from './preview-downloads.js';
import { setStrictHeaders } from './preview-headers.js';
import { resolveStaticFile, sendFile } from './static-files.js';

export interface PreviewServerOptions {
  core: AppCore;
  settings: SettingsRepository;
  /** 0 or omitted: a free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Backups, alerts, restore, what kind of app this is (request-handlers.ts); omitted: none. */
  host?: Omit<RequestHost, 'settings' | 'exporter' | 'now'>;
}

export interface PreviewServer {
  /** `http://127.0.0.1:PORT/?token=…`: open this. */
  url: string;
  token: string;
  port: number;
  /** Closes sockets and the port and deletes prepared downloads; the core stays open (the caller owns it). */
  close(): Promise<void>;
}

/** Close code sent to a socket that did not present the token (preview-wire.ts). */
export const CLOSE_NO_TOKEN = 4401;
/** A request argument of up to 10 MB (an employee CSV) must fit, JSON-escaped. */
const MAX_FRAME_BYTES = 32 * 1024 * 1024;
/** A client that stops reading is dropped before its queue eats the memory. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

const clientFrameSchema = z.object({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  arg: z.unknown().optional(),
});

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const token = randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const downloads = new PreviewDownloads();
  const clients = new Set<WebSocket>();
  let port = 0;
  const cookieName = (): string => `attendance_preview_${port}`;

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
  const ownHost = (host: string | undefined): boolean => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  const ownOrigin = (origin: string | undefined): boolean => origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;

  const send = (socket: WebSocket, frame: ServerFrame): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify(frame));
  };
  const pushFrame = <K extends PushName>(name: K, payload: PushEvents[K]): ServerFrame => ({ type: 'push', name, payload }) as ServerFrame;
  const batcher = createPushBatcher(options.core, (name, payload) => {
    const frame = pushFrame(name, payload);
    for (const socket of clients) send(socket, frame);
  });
  if (options.settings.loadProblem) batcher.problem({ kind: 'settings', active: true, message: options.settings.loadProblem });

  const exporter = createFileCsvExporter({
    store: options.core.store,
    chooseFile: () => Promise.resolve(downloads.newFilePath()),
    onProgress: (p) => batcher.exportProgress(p),
    describe: ({ path, suggestedName, rows }): PreviewDownload => {
      const id = downloads.add({ path, fileName: suggestedName });
      const query = new URLSearchParams({ id, token });
      return { kind: 'downloaded', fileName: suggestedName, rows, url: `${PREVIEW_DOWNLOAD_PATH}?${query.toString()}` };
    },
  });
  const handlers = createRequestHandlers(options.core, { ...options.host, settings: options.settings, exporter });
  const stopAlerts = options.host?.alerts?.subscribe((alerts) => {
    const frame = pushFrame('alerts', alerts);
    for (const socket of clients) send(socket, frame);
  });

  const refuse = (res: ServerResponse, status: number, text: string): void => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`${text}\n`);
  };

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, `internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setStrictHeaders(res, port);
    if (!ownHost(req.headers.host)) return refuse(res, 403, 'Forbidden: the preview answers only to 127.0.0.1 and localhost.');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'Method not allowed.');
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const queryToken = url.searchParams.get('token');
    if (!hasToken(queryToken) && !hasToken(cookieToken(req))) {
      return refuse(res, 403, 'Forbidden: open the URL that `npm run preview` printed; it carries the access token.');
    }
    // The page's own scripts and styles are fetched without the query: a cookie carries the token to them.
    if (hasToken(queryToken)) res.setHeader('Set-Cookie', `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`);

    if (url.pathname === PREVIEW_DOWNLOAD_PATH) {
      const file = downloads.take(url.searchParams.get('id') ?? '');
      if (!file) return refuse(res, 404, 'This export is not available (any more): export again.');
      res.on('close', () => void rm(file.path, { force: true }));
      sendFile(res, file.path, req.method, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': attachmentDisposition(file.fileName) });
      return;
    }
    if (url.pathname === PREVIEW_API_PATH) return refuse(res, 426, 'This is the WebSocket endpoint.');
    const path = await resolveStaticFile(options.rendererDir, url.pathname);
    if (!path) {
      if (url.pathname === '/') return refuse(res, 503, `The renderer is not built (no index.html in ${options.rendererDir}): run \`npm run build\`.`);
      return refuse(res, 404, 'Not found.');
    }
    if (path === join(resolve(options.rendererDir), 'index.html')) {
      // The built page carries the desktop policy (no network) in its <meta>; here it must allow this socket.
      const html = withMetaPolicy(await readFile(path, 'utf8'), contentSecurityPolicy({ kind: 'preview', port }, 'meta'));
      res.statusCode = 200;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    sendFile(res, path, req.method);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== PREVIEW_API_PATH || !ownHost(req.headers.host) || !ownOrigin(req.headers.origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!hasToken(url.searchParams.get('token'))) {
        ws.close(CLOSE_NO_TOKEN, 'the access token is missing or wrong');
        return;
      }
      accept(ws);
    });
  });

  function accept(ws: WebSocket): void {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => ws.terminate());
    // A page that (re)connects starts from the current state and the problems still open.
    send(ws, pushFrame('connectionState', options.core.connectionState()));
    for (const problem of batcher.activeProblems()) send(ws, pushFrame('problem', problem));
    if (options.host?.alerts) send(ws, pushFrame('alerts', options.host.alerts.alerts()));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(1003, 'frames are JSON text');
        return;
      }
      let frame: z.infer<typeof clientFrameSchema>;
      try {
        frame = clientFrameSchema.parse(JSON.parse(data.toString()));
      } catch {
        ws.close(1008, 'not a request frame (preview-wire.ts)');
        return;
      }
      void dispatchRequest(handlers, frame.name, frame.arg).then((outcome) => {
        send(ws, outcome.ok ? { type: 'result', id: frame.id, ok: true, value: outcome.value } : { type: 'result', id: frame.id, ok: false, error: outcome.error });
      });
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close() {
      closing ??= (async () => {
        exporter.cancel();
        batcher.dispose();
        stopAlerts?.();
        for (const ws of clients) ws.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        downloads.dispose();
      })();
      return closing;
    },
  };
}
