/**
 * The browser preview's AppApi: the same verbs as Electron's preload, carried as JSON frames over
 * the loopback WebSocket of preview-wire.ts. Requests get ids and wait in a pending map with a
 * timeout; pushes fan out to subscribers; a dropped socket is reopened with backoff, failing the
 * requests that were in flight (they may or may not have run) and filling the message log's gap
 * with the newest rows once the socket is back.
 *
 * Hand-written rather than a JSON-RPC library because the wire format is ours (preview-wire.ts)
 * and small, and the server side is hand-written to the same file.
 */
import type {
  AppApi,
  ExportResult,
  Problem,
  PushEvents,
  PushName,
  RequestArg,
  RequestName,
  RequestResults,
  Unsubscribe,
} from '../../../src-main/contract/app-api.js';
import type { Reason } from '../../../src-main/core/model.js';
import { CLOSE_NO_TOKEN, PREVIEW_API_PATH, type ClientFrame, type PreviewDownload, type ServerFrame } from '../../../src-main/contract/preview-wire.js';

/** What a request still in flight when the socket dropped fails with (the problem banner says it in the window's language). */
const TRANSPORT_LOST = 'The window lost its connection to the app; reconnecting…';

const DEFAULT_TIMEOUT_MS = 30_000;
/** Requests that may legitimately take long: a big export or import. */
const SLOW_TIMEOUT_MS: Partial<Record<RequestName, number>> = { exportCsv: 30 * 60_000, importEmployeesCsv: 5 * 60_000 };
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 5000];
/** Rows fetched after a reconnect so pushes missed while the socket was down still reach the log. */
const GAP_FILL_ROWS = 500;

export interface PreviewClientOptions {
  /** `ws://host/api?token=…` */
  url: string;
  /** Opens a prepared CSV download (same origin, token in the URL) as a normal navigation. */
  openDownload: (url: string) => void;
  createSocket?: (url: string) => WebSocket;
  timeoutMs?: number;
}

/** A request the server answered with `ok: false`: the message is in words for the user. */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    message: string,
    readonly code: string | undefined,
    /** Why, as a code the window says in its language (see lib/error-text.ts). */
    readonly reason?: Reason,
  ) {
    super(message);
  }
}

interface Pending {
  name: RequestName;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface PreviewClient extends AppApi {
  /** Closes the socket for good (tests, page unload). */
  close(): void;
}

export function createPreviewClient(options: PreviewClientOptions): PreviewClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  const listeners = new Map<PushName, Set<(payload: never) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let failures = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let lostOnce = false;

  const emit = <K extends PushName>(name: K, payload: PushEvents[K]): void => {
    for (const listener of listeners.get(name) ?? []) {
      try {
        (listener as (payload: PushEvents[K]) => void)(payload);
      } catch (error) {
        console.error(`a ${name} subscriber threw`, error);
      }
    }
  };
  const transportProblem = (code: 'transport-lost' | 'transport-refused', active: boolean): Problem => ({ kind: 'gateway', reason: { code }, active });

  const open = (): void => {
    const ws = createSocket(options.url);
    socket = ws;
    ws.addEventListener('open', () => {
      failures = 0;
      for (const frame of outbox.splice(0)) ws.send(frame);
      if (lostOnce) {
        emit('problem', transportProblem('transport-lost', false));
        void fillGap();
      }
    });
    ws.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let frame: ServerFrame;
      try {
        frame = JSON.parse(event.data) as ServerFrame;
      } catch {
        console.error('the preview server sent a frame that is not JSON');
        return;
      }
      if (frame.type === 'push') {
        emit(frame.name, frame.payload as never);
        return;
      }
      const waiting = pending.get(frame.id);
      if (!waiting) return;
      pending.delete(frame.id);
      clearTimeout(waiting.timer);
      if (frame.ok) waiting.resolve(frame.value);
      else waiting.reject(new RequestError(frame.error.message, frame.error.code, frame.error.reason));
    });
    ws.addEventListener('close', (event: CloseEvent) => {
      if (socket !== ws) return;
      socket = null;
      for (const [id, waiting] of pending) {
        clearTimeout(waiting.timer);
        waiting.reject(new RequestError(`${TRANSPORT_LOST} (${waiting.name} may not have finished)`, 'transport'));
        pending.delete(id);
      }
      if (closed) return;
      if (event.code === CLOSE_NO_TOKEN) {
        emit('problem', transportProblem('transport-refused', true));
        return;
      }
      lostOnce = true;
      emit('problem', transportProblem('transport-lost', true));
      const delay = RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)] ?? 5000;
      failures += 1;
      reconnectTimer = setTimeout(() => {
        reconnectTimer = null;
        if (!closed) open();
      }, delay);
    });
  };

  /** Re-announces the newest rows as a push batch: the log replaces rows by id, so nothing doubles. */
  const fillGap = async (): Promise<void> => {
    try {
      const page = (await request('listMessages', { limit: GAP_FILL_ROWS })) as RequestResults['listMessages'];
      if (page.rows.length > 0) emit('messages', [...page.rows].reverse());
    } catch (error) {
      console.error('could not refill the message log after reconnecting', error);
    }
  };

  const request = (name: RequestName, arg: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (closed) {
        reject(new RequestError('The preview client is closed.', 'transport'));
        return;
      }
      const id = nextId++;
      const frame: ClientFrame = arg === undefined ? { type: 'request', id, name } : { type: 'request', id, name, arg };
      const limit = SLOW_TIMEOUT_MS[name] ?? timeoutMs;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new RequestError(`The app did not answer ${name} within ${Math.round(limit / 1000)} s.`, 'timeout'));
      }, limit);
      pending.set(id, { name, resolve, reject, timer });
      const text = JSON.stringify(frame);
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
      else outbox.push(text);
    });

  const subscribe =
    <K extends PushName>(name: K) =>
    (callback: (payload: PushEvents[K]) => void): Unsubscribe => {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(callback as (payload: never) => void);
      return () => {
        set.delete(callback as (payload: never) => void);
      };
    };

  /** A typed verb for one request: the wire carries `unknown`, the contract says what comes back. */
  const verb =
    <K extends RequestName>(name: K) =>
    (arg?: RequestArg<K>): Promise<RequestResults[K]> =>
      request(name, arg) as Promise<RequestResults[K]>;

  open();

  return {
    getSettings: verb('getSettings'),
    saveSettings: verb('saveSettings'),
    connect: verb('connect'),
    disconnect: verb('disconnect'),
    getConnectionState: verb('getConnectionState'),
    listMessages: verb('listMessages'),
    getMessage: verb('getMessage'),
    whoIsIn: verb('whoIsIn'),
    daySummary: verb('daySummary'),
    listEvents: verb('listEvents'),
    listEmployees: verb('listEmployees'),
    addEmployee: verb('addEmployee'),
    updateEmployee: verb('updateEmployee'),
    setEmployeeActive: verb('setEmployeeActive'),
    importEmployeesCsv: verb('importEmployeesCsv'),
    unknownSenders: verb('unknownSenders'),
    async exportCsv(query): Promise<ExportResult> {
      const result = (await request('exportCsv', query)) as ExportResult | PreviewDownload;
      if (result.kind === 'downloaded' && 'url' in result) {
        options.openDownload(result.url);
        return { kind: 'downloaded', fileName: result.fileName, rows: result.rows };
      }
      return result;
    },
    cancelExport: verb('cancelExport'),
    onConnectionState: subscribe('connectionState'),
    onMessages: subscribe('messages'),
    onAckUpdates: subscribe('ackUpdates'),
    onExportProgress: subscribe('exportProgress'),
    onProblem: subscribe('problem'),
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      socket?.close(1000, 'page closed');
      socket = null;
      for (const [id, waiting] of pending) {
        clearTimeout(waiting.timer);
        waiting.reject(new RequestError('The preview client is closed.', 'transport'));
        pending.delete(id);
      }
    },
  };
}

/**
 * Opens a prepared download by following a plain link: the server answers with
 * Content-Disposition: attachment, so the browser saves the file and the page stays. (A blob URL
 * with `a.download` would not reach Playwright's download event, see docs/architecture.md.)
 */
export function openDownloadByLink(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/** The socket URL for this page: same host, the token from the page's own query string. */
export function previewSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${PREVIEW_API_PATH}?token=${encodeURIComponent(token)}`;
}
