/**
 * The browser preview's transport: the same AppApi as Electron's preload, carried as JSON over a
 * loopback WebSocket. The page is served at `http://127.0.0.1:PORT/?token=T`; the socket is
 * `ws://127.0.0.1:PORT/api?token=T`. The token is random per run and printed at start; requests
 * without it are refused (HTTP 403, WebSocket closed with 4401).
 */
import type { PushEvents, PushName, RequestName } from './app-api.js';
import type { Reason } from '../core/model.js';

export const PREVIEW_API_PATH = '/api';
/** WebSocket close code for a socket that did not present the token. */
export const CLOSE_NO_TOKEN = 4401;
/** CSV files prepared by an `exportCsv` request are fetched from here with Content-Disposition: attachment. */
export const PREVIEW_DOWNLOAD_PATH = '/download';

export type ClientFrame = { type: 'request'; id: number; name: RequestName; arg?: unknown };

export type ServerFrame =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: { message: string; code?: string; reason?: Reason } }
  | { [K in PushName]: { type: 'push'; name: K; payload: PushEvents[K] } }[PushName];

/**
 * In the preview, `exportCsv` answers `{ kind: 'downloaded', fileName, rows, url }`: the client then
 * opens `url` (same origin, token included) so the browser downloads it, and hands the renderer the
 * result without `url`.
 */
export interface PreviewDownload {
  kind: 'downloaded';
  fileName: string;
  rows: number;
  url: string;
}
