/**
 * The browser preview's AppApi: the same verbs as Electron's preload, carried as JSON frames over
 * the loopback WebSocket of preview-wire.ts. Three parts, each in its own file:
 * - reconnecting-socket.ts keeps the socket open (outbox while down, reopening with backoff);
 * - pending-requests.ts pairs each request with its answer by id, with a timeout;
 * - push-listeners.ts fans pushed events out to the subscribers.
 * This file joins them: a dropped socket fails the requests that were in flight (they may or may
 * not have run) and raises a problem; once the socket is back, the problem ends and the message
 * log's gap is filled with the newest rows.
 *
 * Hand-written rather than a JSON-RPC library because the wire format is ours (preview-wire.ts)
 * and small, and the server side is hand-written to the same file.
 */
import type {
  AppApi,
  ExportResult,
  Problem,
  RequestArg,
  RequestName,
  RequestResults,
} from '../../../src-main/contract/app-api.js';
import {
  PREVIEW_API_PATH,
  type ClientFrame,
  type PreviewDownload,
  type ServerFrame,
} from '../../../src-main/contract/preview-wire.js';
import { adminRequestNames } from '../../../src-main/contract/admin-channels.js';
import { PendingRequests } from './pending-requests.js';
import { RequestError } from './request-error.js';
import { PushListeners } from './push-listeners.js';
import { ReconnectingSocket } from './reconnecting-socket.js';

export { RequestError } from './request-error.js';

/** What a request still in flight when the socket dropped fails with (the problem banner says it in the window's language). */
const TRANSPORT_LOST = 'The window lost its connection to the app; reconnecting…';

const DEFAULT_TIMEOUT_MS = 30_000;
/** Requests that may legitimately take long: a big export or import. */
const SLOW_TIMEOUT_MS: Partial<Record<RequestName, number>> = {
  exportCsv: 30 * 60_000,
  importEmployeesCsv: 5 * 60_000,
  exportTimesheet: 30 * 60_000,
  departmentSummary: 5 * 60_000,
};
/** Rows fetched after a reconnect so pushes missed while the socket was down still reach the log. */
const GAP_FILL_ROWS = 500;

export interface PreviewClientOptions {
  /** `ws://host/api?token=…` */
  url: string;
  /** Opens a prepared CSV download (same origin; the cookie authorises it, no token in the URL) as a normal navigation. */
  openDownload: (url: string) => void;
  createSocket?: (url: string) => WebSocket;
  timeoutMs?: number;
}

export interface PreviewClient extends AppApi {
  /** Closes the socket for good (tests, page unload). */
  close(): void;
}

const closedError = (): RequestError => new RequestError('The preview client is closed.', 'transport');
const transportProblem = (code: 'transport-lost' | 'transport-refused', active: boolean): Problem => ({
  kind: 'gateway',
  reason: { code },
  active,
});

export function createPreviewClient(options: PreviewClientOptions): PreviewClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pending = new PendingRequests();
  const pushes = new PushListeners();

  const onFrame = (text: string): void => {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      console.error('the preview server sent a frame that is not JSON');
      return;
    }
    if (frame.type === 'push') pushes.emit(frame.name, frame.payload as never);
    else pending.settle(frame);
  };

  const socket = new ReconnectingSocket(options.url, options.createSocket ?? ((url) => new WebSocket(url)), {
    opened(afterLoss) {
      if (!afterLoss) return;
      pushes.emit('problem', transportProblem('transport-lost', false));
      void fillGap();
    },
    frame: onFrame,
    dropped(refused) {
      pending.failAll((name) => new RequestError(`${TRANSPORT_LOST} (${name} may not have finished)`, 'transport'));
      if (socket.closed) return;
      pushes.emit('problem', transportProblem(refused ? 'transport-refused' : 'transport-lost', true));
    },
  });

  const request = async (name: RequestName, arg: unknown): Promise<unknown> => {
    if (socket.closed) throw closedError();
    const { id, answer } = pending.open(name, SLOW_TIMEOUT_MS[name] ?? timeoutMs);
    const frame: ClientFrame = arg === undefined ? { type: 'request', id, name } : { type: 'request', id, name, arg };
    socket.send(JSON.stringify(frame));
    return answer;
  };

  /** Re-announces the newest rows as a push batch: the log replaces rows by id, so nothing doubles. */
  const fillGap = async (): Promise<void> => {
    try {
      const page = (await request('listMessages', { limit: GAP_FILL_ROWS })) as RequestResults['listMessages'];
      if (page.rows.length > 0) pushes.emit('messages', [...page.rows].reverse());
    } catch (error) {
      console.error('could not refill the message log after reconnecting', error);
    }
  };

  /** An export's answer: a prepared file is fetched as a browser download. */
  const download = async (answer: Promise<unknown>): Promise<ExportResult> => {
    const result = (await answer) as ExportResult | PreviewDownload;
    if (result.kind === 'downloaded' && 'url' in result) {
      options.openDownload(result.url);
      return { kind: 'downloaded', fileName: result.fileName, rows: result.rows };
    }
    return result;
  };

  /** A typed verb for one request: the wire carries `unknown`, the contract says what comes back. */
  const verb =
    <K extends RequestName>(name: K) =>
    (arg?: RequestArg<K>): Promise<RequestResults[K]> =>
      request(name, arg) as Promise<RequestResults[K]>;

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
    reviewList: verb('reviewList'),
    decideReview: verb('decideReview'),
    setEmployeeKey: verb('setEmployeeKey'),
    generateEmployeeKey: verb('generateEmployeeKey'),
    removeEmployeeKey: verb('removeEmployeeKey'),
    getAckQueue: verb('getAckQueue'),
    exportCsv: (query) => download(request('exportCsv', query)),
    cancelExport: verb('cancelExport'),
    appInfo: verb('appInfo'),
    saveAppSettings: verb('saveAppSettings'),
    backupOverview: verb('backupOverview'),
    backupNow: verb('backupNow'),
    restoreBackup: verb('restoreBackup'),
    listAlerts: verb('listAlerts'),
    startDemo: verb('startDemo'),
    // the timesheet and the dashboard
    timesheet: verb('timesheet'),
    departmentSummary: verb('departmentSummary'),
    employeeMonth: verb('employeeMonth'),
    dashboard: verb('dashboard'),
    async exportTimesheet(query): Promise<ExportResult> {
      const result = (await request('exportTimesheet', query)) as ExportResult | PreviewDownload;
      if (result.kind === 'downloaded' && 'url' in result) {
        options.openDownload(result.url);
        return { kind: 'downloaded', fileName: result.fileName, rows: result.rows };
      }
      return result;
    },
    listPeriods: verb('listPeriods'),
    closePeriod: verb('closePeriod'),
    reopenPeriod: verb('reopenPeriod'),
    printTimesheet: verb('printTimesheet'),
    ...(Object.fromEntries(adminRequestNames.map((name) => [name, verb(name)])) as {
      [K in (typeof adminRequestNames)[number]]: AppApi[K];
    }),
    exportAudit: () => download(request('exportAudit', undefined)),
    onConnectionState: pushes.subscriber('connectionState'),
    onMessages: pushes.subscriber('messages'),
    onAckUpdates: pushes.subscriber('ackUpdates'),
    onExportProgress: pushes.subscriber('exportProgress'),
    onProblem: pushes.subscriber('problem'),
    onAlerts: pushes.subscriber('alerts'),
    close() {
      socket.close();
      pending.failAll(closedError);
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

/**
 * The socket URL for this page: same host, the token from the page's own query string when it is
 * there (the first load); without it (a reload after {@link forgetTokenInAddressBar}) the
 * HttpOnly cookie the page came with authorises the socket.
 */
export function previewSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${PREVIEW_API_PATH}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/**
 * Takes the token out of the address bar once the page has it (so it is not left in the history,
 * a bookmark, a screenshot or a shared screen); the view's hash stays. From then on the cookie
 * authorises the page's requests and downloads.
 */
export function forgetTokenInAddressBar(win: {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
}): void {
  const url = new URL(win.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
