// @vitest-environment jsdom
/**
 * The preview client against a real WebSocket server on 127.0.0.1 speaking preview-wire.ts
 * (with Node's `ws` client as the socket): requests, errors, pushes, download, reconnect, refusal.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type * as Ws from 'ws';
import type { WebSocket as ServerSocket } from 'ws';
import type { Problem } from '../../../../src-main/contract/app-api.js';
import type { ClientFrame, ServerFrame } from '../../../../src-main/contract/preview-wire.js';
import type { MessageRecord } from '../../../../src-main/core/model.js';
import {
  createPreviewClient,
  RequestError,
  forgetTokenInAddressBar,
  previewSocketUrl,
  type PreviewClient,
} from '../../../../src-renderer/lib/api/preview-client.js';
import { messageRecord } from '../../support/records.js';
import { failureMessage, failureOf } from '../../../../src-renderer/lib/api/failure.js';
import { i18n } from '../../../../src-renderer/lib/i18n/i18n.svelte.js';

// The component project resolves packages for the browser, where `ws` is a stub: load Node's build
// by its file (the browser condition would win over `require` through the package's exports).
const require = createRequire(import.meta.url);
const { WebSocketServer, WebSocket: NodeWebSocket } = require(
  join(dirname(require.resolve('ws/package.json')), 'index.js'),
) as typeof Ws;

type Answer = (frame: ClientFrame, socket: ServerSocket) => ServerFrame | null;

describe('preview client', () => {
  let wss: InstanceType<typeof WebSocketServer>;
  let port: number;
  let answer: Answer;
  const received: ClientFrame[] = [];
  const sockets: ServerSocket[] = [];
  let client: PreviewClient | null = null;

  beforeEach(async () => {
    received.length = 0;
    sockets.length = 0;
    answer = (frame) => ({ type: 'result', id: frame.id, ok: true, value: null });
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    port = (wss.address() as AddressInfo).port;
    wss.on('connection', (socket) => {
      sockets.push(socket);
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as ClientFrame;
        received.push(frame);
        const reply = answer(frame, socket);
        if (reply) socket.send(JSON.stringify(reply));
      });
    });
  });

  afterEach(async () => {
    client?.close();
    client = null;
    for (const s of wss.clients) s.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  const connect = (options: { timeoutMs?: number; openDownload?: (url: string) => void } = {}): PreviewClient => {
    client = createPreviewClient({
      url: `ws://127.0.0.1:${port}/api?token=t0k`,
      openDownload: options.openDownload ?? vi.fn(),
      // jsdom's own WebSocket is built on `ws` too, and breaks the same way: use Node's `ws`
      // client, which has the browser's EventTarget API (open / message / close events).
      createSocket: (url) => new NodeWebSocket(url) as unknown as WebSocket,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    return client;
  };

  it('sends requests with ids (no arg for argument-less verbs) and resolves each with its own result', async () => {
    answer = (frame) => ({
      type: 'result',
      id: frame.id,
      ok: true,
      value: frame.name === 'getConnectionState' ? { kind: 'disconnected' } : { rows: [], total: frame.id },
    });
    const api = connect();
    const [state, page] = await Promise.all([
      api.getConnectionState(),
      api.listMessages({ limit: 5, outcome: 'rejected' }),
    ]);
    expect(state).toEqual({ kind: 'disconnected' });
    expect(received).toEqual([
      { type: 'request', id: 1, name: 'getConnectionState' },
      { type: 'request', id: 2, name: 'listMessages', arg: { limit: 5, outcome: 'rejected' } },
    ]);
    expect(page.total).toBe(2);
  });

  it('turns a failed result into an error with the words and the code', async () => {
    answer = (frame) => ({
      type: 'result',
      id: frame.id,
      ok: false,
      error: { message: 'Enter the encryption key in the settings and save them before connecting.', code: 'failed' },
    });
    const failure = await connect()
      .connect()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RequestError);
    expect((failure as RequestError).message).toMatch(/encryption key/);
    expect((failure as RequestError).code).toBe('failed');
  });

  it("keeps a failure's reason code, so the window says it in its own language", async () => {
    const message = 'Fill in these settings and save them before connecting: key.';
    answer = (frame) => ({
      type: 'result',
      id: frame.id,
      ok: false,
      error: { message, code: 'failed', reason: { code: 'settings-incomplete', params: { fields: 'key' } } },
    });
    const failure = failureOf(
      await connect()
        .connect()
        .catch((e: unknown) => e),
    );
    expect(failure).toEqual({
      code: 'failed',
      message,
      reason: { code: 'settings-incomplete', params: { fields: 'key' } },
    });
    try {
      i18n.language = 'fa';
      expect(failureMessage(failure, i18n.t.errors.generic)).toBe(
        i18n.t.reasons['settings-incomplete']({ fields: i18n.t.settings.fields.key }),
      );
      expect(failureMessage(failure, i18n.t.errors.generic)).not.toBe(message);
    } finally {
      i18n.language = 'en';
    }
    // Without a reason (Electron's bridge passes the message only), the main process's words.
    expect(failureMessage(failureOf(new RequestError(message, 'failed')), 'generic')).toBe(message);
  });

  it('delivers pushes to subscribers until they unsubscribe', async () => {
    const api = connect();
    const batches: MessageRecord[][] = [];
    const off = api.onMessages((b) => batches.push(b));
    await api.getSettings();
    sockets[0]!.send(JSON.stringify({ type: 'push', name: 'messages', payload: [messageRecord(1)] }));
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    off();
    sockets[0]!.send(JSON.stringify({ type: 'push', name: 'messages', payload: [messageRecord(2)] }));
    await api.getSettings();
    expect(batches).toHaveLength(1);
  });

  it('opens the prepared download by its URL and hands back the result without it', async () => {
    answer = (frame) => ({
      type: 'result',
      id: frame.id,
      ok: true,
      value: { kind: 'downloaded', fileName: 'attendance-all.csv', rows: 3, url: '/download?id=abc&token=t0k' },
    });
    const openDownload = vi.fn();
    const result = await connect({ openDownload }).exportCsv({});
    expect(openDownload).toHaveBeenCalledWith('/download?id=abc&token=t0k');
    expect(result).toEqual({ kind: 'downloaded', fileName: 'attendance-all.csv', rows: 3 });
  });

  it('fails what was in flight when the socket drops, reconnects, and refills the log', async () => {
    answer = (frame, socket) => {
      if (frame.name === 'disconnect') {
        socket.terminate();
        return null;
      }
      if (frame.name === 'listMessages')
        return {
          type: 'result',
          id: frame.id,
          ok: true,
          value: { rows: [messageRecord(9), messageRecord(8)], total: 2 },
        };
      return { type: 'result', id: frame.id, ok: true, value: null };
    };
    const api = connect();
    const problems: Problem[] = [];
    const batches: MessageRecord[][] = [];
    api.onProblem((p) => problems.push(p));
    api.onMessages((b) => batches.push(b));
    const lost = await api.disconnect().catch((e: unknown) => e);
    expect((lost as RequestError).code).toBe('transport');
    expect(problems[0]).toEqual({ kind: 'gateway', reason: { code: 'transport-lost' }, active: true });
    await vi.waitFor(() => expect(sockets).toHaveLength(2), { timeout: 5000 });
    await vi.waitFor(() => expect(batches).toHaveLength(1));
    expect(problems.at(-1)).toEqual({ kind: 'gateway', reason: { code: 'transport-lost' }, active: false });
    expect(batches[0]!.map((m) => m.id)).toEqual([8, 9]);
    await expect(api.getSettings()).resolves.toBeNull();
  });

  it('says the token was refused and does not hammer the server', async () => {
    wss.removeAllListeners('connection');
    wss.on('connection', (socket) => {
      sockets.push(socket);
      socket.close(4401, 'the access token is missing or wrong');
    });
    const api = connect();
    const problems: Problem[] = [];
    api.onProblem((p) => problems.push(p));
    await vi.waitFor(() =>
      expect(problems).toEqual([{ kind: 'gateway', reason: { code: 'transport-refused' }, active: true }]),
    );
    await new Promise((r) => setTimeout(r, 600));
    expect(sockets).toHaveLength(1);
  });

  it('gives up on a request the server never answers', async () => {
    answer = () => null;
    const failure = await connect({ timeoutMs: 150 })
      .whoIsIn({})
      .catch((e: unknown) => e);
    expect((failure as RequestError).code).toBe('timeout');
    expect((failure as RequestError).message).toMatch(/whoIsIn/);
  });

  it('builds the socket URL from the page location and its token', () => {
    expect(previewSocketUrl({ protocol: 'http:', host: '127.0.0.1:4321', search: '?token=a%2Bb' })).toBe(
      'ws://127.0.0.1:4321/api?token=a%2Bb',
    );
    // A reload after the token left the address bar: the cookie authorises the socket.
    expect(previewSocketUrl({ protocol: 'https:', host: 'localhost:1', search: '' })).toBe('wss://localhost:1/api');
  });

  it('takes the token out of the address bar, keeping the rest of the URL and the view', () => {
    const calls: unknown[][] = [];
    const win = (href: string) => ({
      location: { href },
      history: { state: { s: 1 }, replaceState: (...args: unknown[]) => void calls.push(args) },
    });
    forgetTokenInAddressBar(win('http://127.0.0.1:4321/?token=abc&lang=fa#/export'));
    expect(calls).toEqual([[{ s: 1 }, '', '/?lang=fa#/export']]);
    forgetTokenInAddressBar(win('http://127.0.0.1:4321/#/messages'));
    expect(calls).toHaveLength(1); // nothing to take out
  });
});
