/**
 * The renderer's Content-Security-Policy is written once (contract/content-security-policy.ts) and
 * the three places that deliver it agree: the built index.html's <meta>, the Electron session's
 * header (app://renderer/ responses), and the preview server's header and
 * rewritten <meta>, served over real HTTP from the real build.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import {
  contentSecurityPolicy,
  metaPolicyOf,
  withMetaPolicy,
} from '../../src-main/contract/content-security-policy.js';
import { createAppCore } from '../../src-main/core/app-core.js';
import type { AppCore } from '../../src-main/core/app-core-types.js';
import { createMemorySecretBox } from '../../src-main/core/settings/secret-box.js';
import { createJsonSettingsRepository, toCoreSettings } from '../../src-main/core/settings/settings-repository.js';
import { isAppResponse, RENDERER_CSP } from '../../src-main/electron/window-security.js';
import { startPreviewServer, type PreviewServer } from '../../src-main/preview/preview-server.js';
import { tempDir } from '../support/core-harness.js';

vi.mock('electron', () => ({ app: {}, session: {} }));

const rendererDir = join(import.meta.dirname, '..', '..', 'dist', 'renderer');
const builtIndex = (): string => {
  const file = join(rendererDir, 'index.html');
  if (!existsSync(file)) throw new Error(`the renderer is not built (no ${file}): run \`npm run build\` first`);
  return readFileSync(file, 'utf8');
};

/** The directives of a policy, by name, so that two policies compare regardless of order. */
const directives = (policy: string): Map<string, string> =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d] as [string, string]),
  );

describe('Content-Security-Policy', () => {
  it('forbids the desktop app any network, and lets the preview reach only its own socket', () => {
    const desktop = directives(contentSecurityPolicy({ kind: 'desktop' }));
    expect(desktop.get('connect-src')).toBe("connect-src 'none'");
    expect(desktop.get('default-src')).toBe("default-src 'none'");
    expect(desktop.get('script-src')).toBe("script-src 'self'");
    const preview = directives(contentSecurityPolicy({ kind: 'preview', port: 43210 }));
    expect(preview.get('connect-src')).toBe("connect-src 'self' ws://127.0.0.1:43210 ws://localhost:43210");
    // Apart from the socket, the two hosts give the page the same policy.
    for (const [name, value] of desktop) if (name !== 'connect-src') expect(preview.get(name)).toBe(value);
  });

  it('the <meta> form leaves out frame-ancestors (ignored there), and nothing else', () => {
    const header = directives(contentSecurityPolicy({ kind: 'desktop' }));
    const meta = directives(contentSecurityPolicy({ kind: 'desktop' }, 'meta'));
    expect(header.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect([...header.keys()].filter((k) => !meta.has(k))).toEqual(['frame-ancestors']);
    for (const [name, value] of meta) expect(header.get(name)).toBe(value);
  });

  it("the built page carries the desktop policy in a <meta> before any script, and Electron's header is the same policy", () => {
    const html = builtIndex();
    expect(metaPolicyOf(html)).toBe(contentSecurityPolicy({ kind: 'desktop' }, 'meta'));
    expect(html.search(/<meta\s+http-equiv="Content-Security-Policy"/i)).toBeLessThan(html.search(/<script/i));
    expect(html.match(/http-equiv="Content-Security-Policy"/gi)).toHaveLength(1);
    expect(RENDERER_CSP).toBe(contentSecurityPolicy({ kind: 'desktop' }));
  });

  it('rewrites only the policy of a page, and leaves a page without one as it is', () => {
    const html =
      '<head><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;"><title>x</title></head>';
    expect(metaPolicyOf(html)).toBe("default-src 'none'");
    const rewritten = withMetaPolicy(html, "default-src 'self'");
    expect(metaPolicyOf(rewritten)).toBe("default-src 'self'");
    expect(rewritten.replace("default-src 'self'", '')).toBe(html.replace('default-src &#39;none&#39;', ''));
    expect(withMetaPolicy('<title>x</title>', 'anything')).toBe('<title>x</title>');
    expect(metaPolicyOf('<title>x</title>')).toBeNull();
  });

  it("Electron adds the header to the app's own pages only, not to DevTools or other contents", () => {
    const ours = (id: number): boolean => id === 7;
    expect(isAppResponse({ url: 'app://renderer/index.html', webContentsId: 7 }, ours)).toBe(true);
    expect(isAppResponse({ url: 'app://renderer/assets/index.js', webContentsId: 7 }, ours)).toBe(true);
    expect(
      isAppResponse(
        {
          url: 'file:///C:/Program%20Files/SMPP%20Attendance/resources/app.asar/dist/renderer/index.html',
          webContentsId: 7,
        },
        ours,
      ),
    ).toBe(false);
    expect(isAppResponse({ url: 'app://elsewhere/index.html', webContentsId: 7 }, ours)).toBe(false);
    expect(isAppResponse({ url: 'devtools://devtools/bundled/devtools_app.html', webContentsId: 8 }, ours)).toBe(false);
    expect(isAppResponse({ url: 'devtools://devtools/bundled/devtools_app.html', webContentsId: 7 }, ours)).toBe(false);
    expect(isAppResponse({ url: 'file:///tmp/other.html', webContentsId: 8 }, ours)).toBe(false);
    expect(isAppResponse({ url: 'file:///tmp/other.html' }, ours)).toBe(false);
  });
});

describe('Content-Security-Policy of the preview, over HTTP from the real build', () => {
  let core: AppCore;
  let server: PreviewServer;
  let cleanup: () => void;

  beforeAll(async () => {
    builtIndex();
    const dir = tempDir('csp-preview-');
    cleanup = dir.cleanup;
    const settings = await createJsonSettingsRepository({
      filePath: join(dir.dir, 'settings.json'),
      secretBox: createMemorySecretBox(),
    });
    core = createAppCore({ dbPath: join(dir.dir, 'attendance.db'), settings: toCoreSettings(settings.current()) });
    server = await startPreviewServer({ core, settings, rendererDir });
  });

  afterAll(async () => {
    await server?.close();
    await core?.close();
    cleanup?.();
  });

  const get = (path: string, method = 'GET'): Promise<{ status: number; csp: string; body: string }> =>
    new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path, method, headers: { Host: `127.0.0.1:${server.port}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              csp: String(res.headers['content-security-policy']),
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });

  it("sends the preview's policy as a header and as the page's <meta>, which no longer forbids its socket", async () => {
    for (const path of [`/?token=${server.token}`, `/index.html?token=${server.token}`]) {
      const page = await get(path);
      expect(page.status).toBe(200);
      expect(page.csp).toBe(contentSecurityPolicy({ kind: 'preview', port: server.port }));
      expect(metaPolicyOf(page.body)).toBe(contentSecurityPolicy({ kind: 'preview', port: server.port }, 'meta'));
      // The rest of the page is the build's, byte for byte.
      expect(withMetaPolicy(page.body, 'X')).toBe(withMetaPolicy(builtIndex(), 'X'));
    }
    const head = await get(`/?token=${server.token}`, 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
  });
});
