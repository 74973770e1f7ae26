/**
 * The Electron IPC handlers with `electron` replaced by a stand-in: ipcMain records the handlers,
 * the test calls them as Electron would (event with its sender and senderFrame, argument), against
 * a real core on a temporary SQLite file.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { ipcChannel, requestNames, type RequestName } from '../../src-main/contract/app-api.js';
import { createAppCore } from '../../src-main/core/app-core.js';
import type { AppCore } from '../../src-main/core/app-core-types.js';
import { createRequestHandlers } from '../../src-main/core/api/request-handlers.js';
import type { RequestOutcome } from '../../src-main/core/api/request-outcome.js';
import { createMemorySecretBox } from '../../src-main/core/settings/secret-box.js';
import { createJsonSettingsRepository, toCoreSettings } from '../../src-main/core/settings/settings-repository.js';
import {
  createIpcPushSink,
  isFromOwnPage,
  registerIpcHandlers,
  type FrameIdentity,
  type IpcSender,
  type OwnContents,
} from '../../src-main/electron/ipc.js';
import { tempDir } from '../support/core-harness.js';

type Handler = (event: IpcSender, arg?: unknown) => Promise<RequestOutcome>;
const electron = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (electron.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      electron.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
}));

/** Our window's web contents as Electron describes them: id 7, main frame 4/1 showing our page. */
const pageUrl = 'app://renderer/index.html';
const frame = (
  url: string,
  ids: Partial<Pick<FrameIdentity, 'processId' | 'routingId'>> = {},
  parent: unknown = null,
): FrameIdentity => ({
  processId: ids.processId ?? 4,
  routingId: ids.routingId ?? 1,
  url,
  parent,
});
const ownContents = (url = pageUrl, destroyed = false): OwnContents => ({
  id: 7,
  mainFrame: frame(url),
  isDestroyed: () => destroyed,
});
const own = ownContents();
const fromOwnPage = (url = `${pageUrl}#/employees`): IpcSender => ({ sender: { id: 7 }, senderFrame: frame(url) });

describe('Electron IPC handlers', () => {
  let core: AppCore;
  let cleanup: () => void;
  let unregister: () => void;

  const call = (name: RequestName, arg?: unknown, event: IpcSender = fromOwnPage()): Promise<RequestOutcome> => {
    const handler = electron.handlers.get(ipcChannel.request(name));
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler(event, arg);
  };

  beforeEach(async () => {
    const dir = tempDir('ipc-');
    cleanup = dir.cleanup;
    const settings = await createJsonSettingsRepository({
      filePath: join(dir.dir, 'settings.json'),
      secretBox: createMemorySecretBox(),
    });
    core = createAppCore({ dbPath: join(dir.dir, 'attendance.db'), settings: toCoreSettings(settings.current()) });
    const handlers = createRequestHandlers(core, {
      settings,
      exporter: { exportCsv: () => Promise.reject(new Error('not used here')), cancel: () => undefined },
    });
    unregister = registerIpcHandlers(handlers, (event) => isFromOwnPage(event, own));
  });

  afterEach(async () => {
    unregister();
    await core.close();
    cleanup();
  });

  it('registers one handler per request of the contract, and removes them all', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(requestNames.map((n) => ipcChannel.request(n)).sort());
    unregister();
    expect(electron.handlers.size).toBe(0);
  });

  it('a good request from our own page reaches the core', async () => {
    const added = await call('addEmployee', { phone: '09102211824', name: 'Sara Ahmadi', department: 'Sales' });
    expect(added).toMatchObject({
      ok: true,
      value: { phone: '989102211824', name: 'Sara Ahmadi', department: 'Sales', active: true },
    });
    expect(core.store.listEmployees({}).map((e) => e.name)).toEqual(['Sara Ahmadi']);
    const listed = await call('listEmployees', { search: 'sara' });
    expect(listed.ok && (listed.value as { name: string }[]).map((e) => e.name)).toEqual(['Sara Ahmadi']);
  });

  it.each([
    ['another window showing our page', { sender: { id: 8 }, senderFrame: frame(pageUrl, { processId: 5 }) }],
    ['an iframe inside our page', { sender: { id: 7 }, senderFrame: frame(pageUrl, { routingId: 2 }, {}) }],
    [
      'a web page in our window',
      { sender: { id: 7 }, senderFrame: frame('https://evil.example/dist/renderer/index.html') },
    ],
    ['a frame that is gone', { sender: { id: 7 }, senderFrame: null }],
  ] as [string, IpcSender][])('refuses a request from %s before the core sees it', async (_what, event) => {
    const spy = vi.spyOn(core.store, 'addEmployee');
    const outcome = await call('addEmployee', { phone: '09102211824', name: 'Mallory', department: '' }, event);
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('refused') as string },
    });
    expect(spy).not.toHaveBeenCalled();
    expect(core.store.listEmployees({ includeInactive: true })).toEqual([]);
  });

  it.each([
    ['a missing name', 'addEmployee', { phone: '09102211824', name: '', department: '' }, 'name'],
    ['a wrong type', 'addEmployee', { phone: 9102211824, name: 'Sara', department: '' }, 'phone'],
    ['no argument at all', 'addEmployee', undefined, 'expected object'],
    ['an argument where none is taken', 'connect', { host: 'evil' }, 'expected undefined'],
    ['a limit beyond the contract', 'listMessages', { limit: 1_000_000 }, 'limit'],
    ['a date that is not YYYY-MM-DD', 'daySummary', { date: '1405/08/01' }, 'YYYY-MM-DD'],
  ] as [string, RequestName, unknown, string][])(
    'rejects %s by the schema before the core is called',
    async (_what, name, arg, mentions) => {
      const spies = [
        vi.spyOn(core.store, 'addEmployee'),
        vi.spyOn(core.store, 'listMessages'),
        vi.spyOn(core.store, 'daySummary'),
        vi.spyOn(core, 'connect'),
      ];
      const outcome = await call(name, arg);
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error.code).toBe('invalid-argument');
      expect(outcome.error.message).toContain(name);
      expect(outcome.error.message).toContain(mentions);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    },
  );

  it('reports what the core refused in words, as data', async () => {
    await call('addEmployee', { phone: '09102211824', name: 'Sara', department: '' });
    const again = await call('addEmployee', { phone: '+989102211824', name: 'Someone else', department: '' });
    expect(again).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(!again.ok && again.error.message).toMatch(/Sara|already/);
    expect(!again.ok && again.error.reason).toEqual({
      code: 'employee-exists',
      params: { phone: '989102211824', name: 'Sara' },
    });
    const notANumber = await call('addEmployee', { phone: '0910abc', name: 'Reza', department: '' });
    expect(!notANumber.ok && notANumber.error.reason).toEqual({
      code: 'phone-not-a-number',
      params: { input: '0910abc' },
    });
  });

  it('refuses to connect before the key and the gateway are entered, and says what is missing', async () => {
    const connect = vi.spyOn(core, 'connect');
    const outcome = await call('connect');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(!outcome.ok && outcome.error.message).toMatch(/gateway address.*system id.*encryption key/);
    // ...and why as a code, so that the window says it in its own language.
    expect(!outcome.ok && outcome.error.reason).toEqual({
      code: 'settings-incomplete',
      params: { fields: 'host, systemId, key' },
    });
    expect(connect).not.toHaveBeenCalled();
  });
});

describe('isFromOwnPage', () => {
  // The page comes from app://renderer/ (src-main/electron/app-protocol.ts), spelt the same on every
  // OS; the check is by identity first, so even that spelling is read only for its origin.
  const stale =
    'file:///C:/Users/sara/AppData/Local/Programs/SMPP%20Attendance/resources/app.asar/dist/renderer/index.html';

  it.each([
    ['the page', pageUrl],
    ['with a route in the fragment and a query', `${pageUrl}?lang=fa#/export`],
    ['the folder root', 'app://renderer/'],
  ])('accepts the main frame of our own contents showing %s', (_what, url) => {
    expect(isFromOwnPage({ sender: { id: 7 }, senderFrame: frame(url) }, ownContents(url))).toBe(true);
  });

  it('refuses our page in another contents, a stale or sub frame, another scheme or host, and a destroyed window', () => {
    expect(isFromOwnPage({ sender: { id: 9 }, senderFrame: frame(pageUrl) }, ownContents(pageUrl))).toBe(false);
    // the frame of an earlier renderer process (before a crash and reload) is no longer the main frame
    expect(
      isFromOwnPage({ sender: { id: 7 }, senderFrame: frame(pageUrl, { processId: 3 }) }, ownContents(pageUrl)),
    ).toBe(false);
    expect(
      isFromOwnPage({ sender: { id: 7 }, senderFrame: frame(pageUrl, { routingId: 6 }) }, ownContents(pageUrl)),
    ).toBe(false);
    expect(
      isFromOwnPage({ sender: { id: 7 }, senderFrame: frame(pageUrl, {}, { url: pageUrl }) }, ownContents(pageUrl)),
    ).toBe(false);
    // a local file (what the window showed before app://) or another host of the scheme is not our page
    expect(isFromOwnPage({ sender: { id: 7 }, senderFrame: frame(stale) }, ownContents(stale))).toBe(false);
    expect(
      isFromOwnPage(
        { sender: { id: 7 }, senderFrame: frame('app://elsewhere/index.html') },
        ownContents('app://elsewhere/index.html'),
      ),
    ).toBe(false);
    expect(
      isFromOwnPage(
        { sender: { id: 7 }, senderFrame: frame('devtools://devtools/bundled/devtools_app.html') },
        ownContents(),
      ),
    ).toBe(false);
    expect(isFromOwnPage({ sender: { id: 7 }, senderFrame: frame('not a url') }, ownContents())).toBe(false);
    expect(isFromOwnPage(fromOwnPage(), ownContents(pageUrl, true))).toBe(false);
    expect(isFromOwnPage(fromOwnPage(), null)).toBe(false);
  });

  it('refuses a frame that was disposed while being read (Electron throws from its getters then)', () => {
    const disposed = {
      processId: 4,
      routingId: 1,
      parent: null,
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isFromOwnPage({ sender: { id: 7 }, senderFrame: disposed }, own)).toBe(false);
  });
});

describe('createIpcPushSink', () => {
  it('sends on the contract channel and drops pushes while the window is gone or crashed', () => {
    const sent: [string, unknown][] = [];
    let state = { destroyed: false, crashed: false };
    const contents = {
      isDestroyed: () => state.destroyed,
      isCrashed: () => state.crashed,
      send: (channel: string, payload: unknown) => sent.push([channel, payload]),
    };
    let target: typeof contents | null = contents;
    const sink = createIpcPushSink(() => target as unknown as Electron.WebContents | null);
    sink('connectionState', { kind: 'disconnected' });
    state = { destroyed: false, crashed: true };
    sink('connectionState', { kind: 'connecting', attempt: 1 });
    state = { destroyed: true, crashed: false };
    sink('messages', []);
    target = null;
    sink('messages', []);
    expect(sent).toEqual([[ipcChannel.push('connectionState'), { kind: 'disconnected' }]]);
  });
});
