/**
 * The browser preview: the built renderer served on 127.0.0.1, with the same AppApi carried over a
 * loopback WebSocket (preview-wire.ts) to a real core, through the same request handlers and push
 * batcher as the Electron app. Everything is behind a random token printed at start: the page and
 * its socket refuse anyone without it, and the Host/Origin checks refuse other sites (DNS
 * rebinding, cross-site WebSockets) even if they guessed the port (preview-access.ts).
 *
 * This file assembles the parts: who may come in (preview-access.ts), the files and downloads
 * (preview-http.ts), the API's sockets (preview-sockets.ts), and the core's request handlers,
 * push batcher and CSV exporter shared with Electron.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import {
  CLOSE_NO_TOKEN,
  PREVIEW_API_PATH,
  PREVIEW_DOWNLOAD_PATH,
  type PreviewDownload,
} from '../contract/preview-wire.js';
import type { ExportProgress } from '../contract/app-api.js';
import type { AppCore } from '../core/app-core-types.js';
import { createFileCsvExporter } from '../core/api/file-csv-exporter.js';
import { createFileTimesheetExporter } from '../core/api/file-timesheet-exporter.js';
import { createPushBatcher } from '../core/api/push-batcher.js';
import { createRequestHandlers, type RequestHost } from '../core/api/request-handlers.js';
import type { SettingsRepository } from '../core/settings/settings-repository.js';
import { createPreviewAccess } from './preview-access.js';
import { PreviewDownloads } from './preview-downloads.js';
import { createHttpHandler } from './preview-http.js';
import { SocketHub } from './preview-sockets.js';

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

/** A request argument of up to 10 MB (an employee CSV) must fit, JSON-escaped. */
const MAX_FRAME_BYTES = 32 * 1024 * 1024;

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  let port = 0;
  const access = createPreviewAccess(() => port);
  const downloads = new PreviewDownloads();

  // The core's side, shared with Electron: pushes to every page, requests through the contract's handlers.
  const alerts = options.host?.alerts;
  const hub: SocketHub = new SocketHub({
    core: options.core,
    handlers: () => handlers,
    activeProblems: () => batcher.activeProblems(),
    ...(alerts ? { alerts: () => alerts.alerts() } : {}),
  });
  const batcher = createPushBatcher(options.core, (name, payload) => hub.broadcast(name, payload));
  for (const reason of options.settings.loadProblems) batcher.problem({ kind: 'settings', active: true, reason });
  // Every export writes a file that the page then downloads by its id.
  const downloaded = (path: string, fileName: string, rows: number): PreviewDownload => {
    // No token in the URL (downloads are remembered by the browser): the page's cookie authorises it.
    const query = new URLSearchParams({ id: downloads.add({ path, fileName }) });
    return { kind: 'downloaded', fileName, rows, url: `${PREVIEW_DOWNLOAD_PATH}?${query.toString()}` };
  };
  const toDownload = {
    store: options.core.store,
    chooseFile: () => Promise.resolve(downloads.newFilePath()),
    onProgress: (p: ExportProgress) => batcher.exportProgress(p),
    describe: (file: { path: string; suggestedName: string; rows: number }) =>
      downloaded(file.path, file.suggestedName, file.rows),
  };
  const exporter = createFileCsvExporter(toDownload);
  const timesheetExporter = createFileTimesheetExporter(toDownload);
  // The preview prints with the browser's own print (no printToPdf): the renderer calls window.print().
  const handlers = createRequestHandlers(options.core, {
    ...options.host,
    settings: options.settings,
    exporter,
    timesheetExporter,
    saveFile: async (fileName, write): Promise<PreviewDownload> => {
      const path = downloads.newFilePath();
      return downloaded(path, fileName, await write(path));
    },
  });
  const stopAlerts = alerts?.subscribe((list) => hub.broadcast('alerts', list));

  // The network's side: files over HTTP, the API over a WebSocket on the same port.
  const server = createServer(
    createHttpHandler({ access, downloads, rendererDir: options.rendererDir, port: () => port }),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (
      url.pathname !== PREVIEW_API_PATH ||
      !access.ownHost(req.headers.host) ||
      !access.ownOrigin(req.headers.origin)
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!access.allows(url, req)) {
        ws.close(CLOSE_NO_TOKEN, 'the access token is missing or wrong');
        return;
      }
      hub.accept(ws);
    });
  });

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
    url: `http://127.0.0.1:${port}/?token=${access.token}`,
    token: access.token,
    port,
    close() {
      closing ??= (async () => {
        exporter.cancel();
        batcher.dispose();
        stopAlerts?.();
        hub.terminateAll();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        downloads.dispose();
      })();
      return closing;
    },
  };
}
