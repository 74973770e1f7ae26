/**
 * The Electron main process: one instance, one core, one window that is only a view. The core (SMPP
 * session, database, acknowledgements) lives here and outlives the window: closing the window while
 * connected only hides it, and the tray icon shows the state and offers Quit. Quitting unbinds and
 * closes the database before the process ends.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { ownDatabase, type DatabaseOwnership } from '../core/backup/database-owner.js';
import { createAppCore } from '../core/app-core.js';
import type { AppCore } from '../core/app-core-types.js';
import { createPushBatcher, type PushBatcher, type PushSink } from '../core/api/push-batcher.js';
import { createRequestHandlers } from '../core/api/request-handlers.js';
import { createJsonSettingsRepository, toCoreSettings, type SettingsRepository } from '../core/settings/settings-repository.js';
import { ConnectionTray, type TrayLanguage } from './connection-tray.js';
import { createIpcPushSink, isOwnPage, registerIpcHandlers } from './ipc.js';
import { createSafeStorageSecretBox } from './safe-storage-secret-box.js';
import { createSaveDialogExporter } from './save-dialog-exporter.js';
import { blockNavigationEverywhere, hardenSession } from './window-security.js';

const here = dirname(fileURLToPath(import.meta.url)); // dist/electron
const rendererIndex = join(here, '..', 'renderer', 'index.html');
const pageUrl = pathToFileURL(rendererIndex).href;
const preloadPath = join(here, 'preload.cjs');

/** Files under resources/: copied next to the app when packaged (extraResources), in the project when run from source. */
function resourcePath(...parts: string[]): string {
  return app.isPackaged ? join(process.resourcesPath, ...parts) : join(app.getAppPath(), 'resources', ...parts);
}

interface Running {
  core: AppCore;
  settings: SettingsRepository;
  batcher: PushBatcher;
  tray: ConnectionTray;
  push: PushSink;
  removeIpc: () => void;
  /** The database's lock file and the daily backup into `<userData>/backups`. */
  ownership: DatabaseOwnership;
}

let running: Running | null = null;
let window: BrowserWindow | null = null;
/** Set once the user asked to quit: from then on closing the window really closes it. */
let quitting = false;
let shutDown = false;

function trayLanguage(settings: SettingsRepository): TrayLanguage {
  const chosen = settings.view().language;
  if (chosen !== 'auto') return chosen;
  return app.getLocale().toLowerCase().startsWith('fa') ? 'fa' : 'en';
}

function showWindow(): void {
  if (!running) return; // still starting (or shutting down): the window comes with the core
  if (!window || window.isDestroyed()) {
    createWindow();
    return;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'SMPP Attendance',
    icon: resourcePath('icon.png'),
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window = win;
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    // While connected, the window is only hidden: the bind (and the acknowledgements) go on.
    if (!quitting && running && running.core.connectionState().kind !== 'disconnected') {
      event.preventDefault();
      win.hide();
    }
  });
  win.on('closed', () => {
    if (window === win) window = null;
  });
  // A renderer that loads (or reloads) has just subscribed: give it the state and what is wrong.
  win.webContents.on('did-finish-load', () => {
    if (!running) return;
    running.push('connectionState', running.core.connectionState());
    for (const problem of running.batcher.activeProblems()) running.batcher.problem(problem);
  });
  void win.loadFile(rendererIndex);
}

async function start(): Promise<void> {
  hardenSession();
  const userData = app.getPath('userData');
  const settings = createJsonSettingsRepository({ filePath: join(userData, 'settings.json'), secretBox: createSafeStorageSecretBox() });
  // better-sqlite3 resolves from dist/electron/node_modules when run from source: the copy that
  // `npm start` builds for Electron's ABI (src-main/electron/packaging/build-electron-native.mjs); packaged, from the
  // app's node_modules that electron-builder rebuilt (and the afterPack check verified).
  const dbPath = join(userData, 'attendance.db');
  const ownership = ownDatabase('the desktop app', {
    dbPath,
    dir: join(userData, 'backups'),
    onlyInstance: true, // app.requestSingleInstanceLock() below: a lock of 'the desktop app' is a crash's leftover
    onBackup: (record) => {
      if (!record.ok) console.error(`[error] backup failed: ${record.error ?? ''}`);
    },
  });
  let core: AppCore;
  try {
    core = createAppCore({ dbPath, settings: toCoreSettings(settings.current()) });
  } catch (error) {
    ownership.release();
    throw error;
  }
  const push = createIpcPushSink(() => window?.webContents ?? null);
  const batcher = createPushBatcher(core, push);
  if (settings.loadProblem) batcher.problem({ kind: 'settings', active: true, message: settings.loadProblem });
  const exporter = createSaveDialogExporter({ store: core.store, window: () => window, onProgress: (p) => batcher.exportProgress(p), defaultDir: () => app.getPath('documents') });
  const handlers = createRequestHandlers(core, { settings, exporter });
  const removeIpc = registerIpcHandlers(handlers, (frame) => isOwnPage(frame, pageUrl));
  const tray = new ConnectionTray({
    icons: { bound: resourcePath('tray', 'bound.png'), trouble: resourcePath('tray', 'trouble.png'), disconnected: resourcePath('tray', 'disconnected.png') },
    language: () => trayLanguage(settings),
    onShow: showWindow,
    onQuit: () => app.quit(),
  });
  core.on('connectionState', (state) => tray.update(state));
  core.on('log', (line) => {
    if (line.level !== 'info') console.error(`[${line.level}] ${line.message}`);
  });
  running = { core, settings, batcher, tray, push, removeIpc, ownership };
  createWindow();
}

/** Unbinds politely and closes the database; the process may end only after this. */
async function shutdown(): Promise<void> {
  const current = running;
  running = null;
  if (!current) return;
  current.removeIpc();
  current.batcher.dispose();
  current.tray.destroy();
  await current.core.close();
  current.ownership.release();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database and the bind; it shows its window (second-instance below).
  app.quit();
} else {
  blockNavigationEverywhere();
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // Only reached when the window really closed: disconnected, or quitting.
    app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    shutDown = true;
    shutdown()
      .catch((error: unknown) => console.error(`error while closing the core: ${(error as Error).message}`))
      .finally(() => app.quit());
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error(`SMPP Attendance could not start: ${(error as Error).stack ?? String(error)}`);
      app.exit(1);
    });
}
