/**
 * The preview server over real HTTP and WebSocket on 127.0.0.1, with a real core on a temp SQLite
 * file: the token gate, the Host/Origin checks, the strict headers, the wire format of
 * preview-wire.ts, and the CSV download.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ServerFrame } from '../../src-main/contract/preview-wire.js';
import { createAppCore } from '../../src-main/core/app-core.js';
import type { AppCore } from '../../src-main/core/app-core-types.js';
import { createMemorySecretBox } from '../../src-main/core/settings/secret-box.js';
import { createJsonSettingsRepository, toCoreSettings } from '../../src-main/core/settings/settings-repository.js';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/preview-server.js';
import { CLOSE_NO_TOKEN } from '../../src-main/contract/preview-wire.js';
import { tempDir } from '../support/core-harness.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.setTimeout(5000, () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

describe('preview server', () => {
  let core: AppCore;
  let server: PreviewServer;
  let cleanup: () => void;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    const dir = tempDir('preview-');
    cleanup = dir.cleanup;
    const rendererDir = join(dir.dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(
      join(rendererDir, 'index.html'),
      '<!doctype html><title>SMPP Attendance</title><script type="module" src="./assets/app.js"></script>',
    );
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("renderer")');
    writeFileSync(join(dir.dir, 'secret.txt'), 'outside the renderer');
    const settings = await createJsonSettingsRepository({
      filePath: join(dir.dir, 'settings.json'),
      secretBox: createMemorySecretBox(),
    });
    core = createAppCore({ dbPath: join(dir.dir, 'attendance.db'), settings: toCoreSettings(settings.current()) });
    server = await startPreviewServer({ core, settings, rendererDir });
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.terminate();
    await server.close();
    await core.close();
    cleanup();
  });

  const host = (): Record<string, string> => ({ Host: `127.0.0.1:${server.port}` });

  it('prints a 127.0.0.1 URL with a 32-byte random token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    expect(Buffer.from(server.token, 'base64url')).toHaveLength(32);
  });

  it('refuses the page without the token (403), serves it with the token and strict headers', async () => {
    expect((await get(server.port, '/')).status).toBe(403);
    expect((await get(server.port, '/?token=wrong')).status).toBe(403);
    expect((await get(server.port, '/assets/app.js')).status).toBe(403);
    const page = await get(server.port, `/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>SMPP Attendance</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const cookie = (page.headers['set-cookie'] ?? [])[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).not.toMatch(/Domain=/i); // host-only: not sent to any other host
    // The page's own assets come with the cookie, not the query.
    const asset = await get(server.port, '/assets/app.js', { Cookie: cookie.split(';')[0] ?? '' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses other Host names (DNS rebinding), other methods, and paths outside the renderer', async () => {
    const t = `token=${server.token}`;
    expect((await get(server.port, `/?${t}`, { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(server.port, `/?${t}`, {}, 'POST')).status).toBe(405);
    expect((await get(server.port, `/../secret.txt?${t}`)).status).toBe(404);
    expect((await get(server.port, `/%2e%2e/secret.txt?${t}`)).status).toBe(404);
    expect((await get(server.port, `/assets/..%2f..%2fsecret.txt?${t}`)).status).toBe(404);
    expect((await get(server.port, `/missing.js?${t}`)).status).toBe(404);
  });

  const open = (
    query: string,
    origin = `http://127.0.0.1:${server.port}`,
  ): Promise<{ ws: WebSocket; frames: ServerFrame[]; closed: Promise<number> }> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { origin, headers: host() });
      sockets.push(ws);
      const frames: ServerFrame[] = [];
      const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
      ws.on('message', (data) => frames.push(JSON.parse(String(data)) as ServerFrame));
      ws.on('open', () => resolve({ ws, frames, closed }));
      ws.on('error', reject);
      ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });

  const until = async <T>(what: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> => {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const v = probe();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  const ask = async (
    c: { ws: WebSocket; frames: ServerFrame[] },
    id: number,
    name: string,
    arg?: unknown,
  ): Promise<ServerFrame> => {
    c.ws.send(JSON.stringify({ type: 'request', id, name, ...(arg !== undefined ? { arg } : {}) }));
    return until(`result ${id}`, () => c.frames.find((f) => f.type === 'result' && f.id === id));
  };

  it('closes a socket without the token with 4401, and refuses a foreign Origin at the handshake', async () => {
    const noToken = await open('');
    expect(await noToken.closed).toBe(CLOSE_NO_TOKEN);
    const wrong = await open('?token=nope');
    expect(await wrong.closed).toBe(CLOSE_NO_TOKEN);
    await expect(open(`?token=${server.token}`, 'https://evil.example')).rejects.toThrow(/403/);
  });

  it('speaks preview-wire: state first, results by id, schema errors as data, bad frames closed', async () => {
    const c = await open(`?token=${server.token}`);
    await until('first push', () => c.frames[0]);
    expect(c.frames[0]).toEqual({ type: 'push', name: 'connectionState', payload: { kind: 'disconnected' } });

    const added = await ask(c, 1, 'addEmployee', { phone: '09102211824', name: 'Sara Ahmadi', department: 'Sales' });
    expect(added).toMatchObject({
      type: 'result',
      id: 1,
      ok: true,
      value: { name: 'Sara Ahmadi', phone: '989102211824' },
    });
    const listed = await ask(c, 2, 'listEmployees', { search: 'ahmadi' });
    expect(listed).toMatchObject({ ok: true, value: [{ name: 'Sara Ahmadi' }] });
    const settings = await ask(c, 3, 'getSettings');
    expect(settings).toMatchObject({ ok: true, value: { port: 9500, hasKey: false, secretStorage: 'memory' } });
    expect(JSON.stringify(settings)).not.toContain('"key"');

    expect(await ask(c, 4, 'addEmployee', { phone: '0910', name: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(await ask(c, 5, 'dropDatabase')).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
    expect(await ask(c, 6, 'connect')).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/encryption key/) as string },
    });
    expect(core.store.listEmployees({ includeInactive: true })).toHaveLength(1);

    c.ws.send('{"type":"hello"}');
    expect(await c.closed).toBe(1008);
  });

  it('exports a CSV that downloads once as an attachment', async () => {
    const c = await open(`?token=${server.token}`);
    const result = await ask(c, 1, 'exportCsv', { from: '2026-11-01', to: '2026-11-30' });
    expect(result).toMatchObject({
      ok: true,
      value: { kind: 'downloaded', fileName: 'attendance-2026-11-01-to-2026-11-30.csv', rows: 0 },
    });
    const url = (result as { value: { url: string } }).value.url;
    expect(url).toMatch(/^\/download\?id=[0-9a-f]{32}$/); // no token in a URL the browser keeps in its downloads list
    const pageCookie = ((await get(server.port, `/?token=${server.token}`)).headers['set-cookie'] ?? [])[0]!.split(
      ';',
    )[0]!;
    expect((await get(server.port, url)).status).toBe(403); // without the cookie: refused, and the file stays
    expect((await get(server.port, url, { Cookie: pageCookie.replace(/=.*/, '=wrong') })).status).toBe(403);
    await until('final progress', () =>
      c.frames.find((f) => f.type === 'push' && f.name === 'exportProgress' && f.payload.done),
    );

    const file = await get(server.port, url, { Cookie: pageCookie });
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="attendance-2026-11-01-to-2026-11-30.csv"; filename*=UTF-8''attendance-2026-11-01-to-2026-11-30.csv`,
    );
    expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(file.body).toBe('\ufeffphone,name,status,reported_time,occurred_at,received_at,counted_at,flags\n');
    expect((await get(server.port, url, { Cookie: pageCookie })).status).toBe(404); // once only

    expect(await ask(c, 2, 'exportCsv', { from: '2026-11-30', to: '2026-11-01' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/after the end date/) as string },
    });
  });
});
