/**
 * The Electron main process: one instance, one core, one window that is only a view. The core (SMPP
 * session, database, acknowledgements) lives here and outlives the window: closing the window while
 * connected only hides it, and the tray icon shows the state and offers Quit. Quitting, logging off
 * or shutting Windows down unbinds and closes the database before the process ends. A start-up
 * failure is shown in a dialog that says what to do (a packaged app has no console).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu, Notification, shell } from 'electron';
import { ownDatabase, type DatabaseOwnership } from '../core/backup/database-owner.js';
import { isDamagedDatabaseError } from '../core/backup/damaged-database.js';
import { lastGoodBackup } from '../core/backup/backup-log.js';
import { restoreDatabase } from '../core/backup/restore.js';
import { createAlertMonitor, type AlertMonitor } from '../core/alerts/alert-monitor.js';
import { DEFAULT_ALERT_CONFIG } from '../core/alerts/alert-rules.js';
import type { Alert } from '../core/model.js';
import { createMemorySecretBox } from '../core/settings/secret-box.js';
import { missingForConnect } from '../core/settings/settings-repository.js';
import { addDemoEmployees, startDemoOffice } from '../demo/demo-setup.js';
import type { DemoGateway } from '../demo/demo-gateway.js';
import { newAlertNotifications } from './alert-notification.js';
import { launchedAtLogin, loginItemSettings, startPlan } from './login-start.js';
import { createAppCore } from '../core/app-core.js';
import type { AppCore } from '../core/app-core-types.js';
import { createPushBatcher, type PushBatcher, type PushSink } from '../core/api/push-batcher.js';
import { createRequestHandlers } from '../core/api/request-handlers.js';
import {
  createJsonSettingsRepository,
  toCoreSettings,
  type SettingsRepository,
} from '../core/settings/settings-repository.js';
import { appUserModelId, userDataFolderName } from './app-identity.js';
import { ConnectionTray, trayIconFile, type TrayIconName } from './connection-tray.js';
import { createIpcPushSink, isFromOwnPage, registerIpcHandlers } from './ipc.js';
import { createSafeStorageSecretBox } from './safe-storage-secret-box.js';
import { loadDataKeyWithBox, type DataKey } from '../core/employees/data-key.js';
import type { ExportProgress } from '../contract/app-api.js';
import { createSaveDialogTimesheetExporter, printWindowToPdf } from './timesheet-output.js';
import { chooseSavePath, createSaveDialogExporter } from './save-dialog-exporter.js';
import { describeStartupFailure, startupFailureButtons } from './startup-failure.js';
import { blockNavigationEverywhere, hardenSession, RENDERER_CSP } from './window-security.js';
import { APP_INDEX_URL, registerAppSchemePrivileges, serveAppScheme } from './app-protocol.js';
import { terminalSafe, terminalSafeLines } from '../core/text/terminal-safe.js';
import { ensurePrivateDir } from '../core/private-files.js';
import {
  RendererCrashes,
  rendererGoneMessage,
  SessionEnd,
  staysInTray,
  type ShellLanguage,
} from './window-lifecycle.js';

const here = dirname(fileURLToPath(import.meta.url)); // dist/electron
const rendererDir = join(here, '..', 'renderer');
const preloadPath = join(here, 'preload.cjs');

// The app's own identity, before anything reads the user-data folder or takes the instance lock.
// From source (`npm start`) the folder is another one, so a developer never opens the office's
// database; `--user-data-dir=DIR` (the end-to-end tests) names it outright.
if (app.commandLine.hasSwitch('user-data-dir')) {
  app.setPath('userData', app.commandLine.getSwitchValue('user-data-dir'));
} else if (!app.isPackaged) {
  app.setPath('userData', join(app.getPath('appData'), userDataFolderName(false)));
}
// The page's own scheme (app://renderer/), which must be known before the app is ready.
registerAppSchemePrivileges();
// Windows groups the taskbar button and the pinned shortcut by this id (the installer's shortcuts carry appId).
if (process.platform === 'win32') app.setAppUserModelId(appUserModelId(app.isPackaged));

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
  sessionEnd: SessionEnd;
  /** The database's lock file and the daily backup into `<userData>/backups`; null in the demo. */
  ownership: DatabaseOwnership | null;
  alerts: AlertMonitor;
  /** The demo's gateway ("Try it without a phone"); null for the office's database. */
  demo: DemoGateway | null;
}

let running: Running | null = null;
let window: BrowserWindow | null = null;
/** Set once the user (or the OS) asked to quit: from then on closing the window really closes it. */
let quitting = false;
/** Set once the core's shutdown has begun, so that the second will-quit (after it) goes through. */
let coreClosing = false;
/** The core's closing, once begun: every later caller waits for the same one. */
let closing: Promise<void> | null = null;
const crashes = new RendererCrashes();

function language(settings?: SettingsRepository): ShellLanguage {
  const chosen = settings?.view().language ?? 'auto';
  if (chosen !== 'auto') return chosen;
  return app.getLocale().toLowerCase().startsWith('fa') ? 'fa' : 'en';
}

/** Our window's web contents (the IPC sender check, the CSP header, the pushes); null while there is none. */
function ownContents(): Electron.WebContents | null {
  return window && !window.isDestroyed() ? window.webContents : null;
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

/** Quits through before-quit and will-quit, so the bind is closed and the database checkpointed. */
function quitCleanly(): void {
  quitting = true;
  app.quit();
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
      // No DevTools in the packaged app (from source they help the developer); no middle-click "open in a new window".
      devTools: !app.isPackaged,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window = win;
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    // While something goes on in the background, the window is only hidden: the bind (and the acknowledgements) go on.
    if (!quitting && running && staysInTray(running.core.connectionState())) {
      event.preventDefault();
      win.hide();
    }
  });
  win.on('closed', () => {
    if (window === win) window = null;
  });
  // Windows log-off, restart and shutdown emit no before-quit / will-quit: unbind at the first
  // warning (see SessionEnd), and close the core and quit when the session really ends.
  win.on('query-session-end', () => running?.sessionEnd.query());
  win.on('session-end', () => {
    running?.sessionEnd.end();
    void shutdown();
    quitCleanly();
  });
  // A renderer that loads (or reloads) has just subscribed: give it the state and what is wrong.
  win.webContents.on('did-finish-load', () => {
    if (!running) return;
    running.push('connectionState', running.core.connectionState());
    for (const problem of running.batcher.activeProblems()) running.batcher.problem(problem);
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    const action = crashes.decide(details.reason, Date.now());
    if (action === 'ignore' || win.isDestroyed()) return;
    console.error(`the window's renderer is gone (${details.reason}, exit code ${details.exitCode}): ${action}`);
    // Told only when the window is on screen: hidden in the tray, nothing the user sees changed.
    const visible = win.isVisible();
    const words = rendererGoneMessage(action, details.reason, language(running?.settings));
    const box = {
      type: action === 'reload' ? ('warning' as const) : ('error' as const),
      title: 'SMPP Attendance',
      message: words.title,
      detail: words.message,
      buttons: ['OK'],
    };
    if (action === 'reload') {
      win.webContents.reload();
      if (visible) void dialog.showMessageBox(win, box);
      return;
    }
    // Reloading again would only loop: close the window (the core goes on while connected; the tray's Show opens a new one).
    void (visible ? dialog.showMessageBox(box) : Promise.resolve()).finally(() => {
      if (!win.isDestroyed()) win.destroy();
    });
  });
  void win.loadURL(APP_INDEX_URL);
}

/**
 * Opens the office's database (or, for "Try it without a phone", a demo database in its own folder
 * with the demo gateway in this process) and everything around it.
 */
async function start(mode: 'office' | 'demo' = 'office'): Promise<void> {
  hardenSession((id) => ownContents()?.id === id);
  const userData = app.getPath('userData');
  // Chromium creates it too, but not necessarily before this runs; the database needs it now. Private (0700).
  ensurePrivateDir(userData);
  const demoDir = join(userData, 'demo');
  if (mode === 'demo') mkdirSync(demoDir, { recursive: true });
  const secretBox = mode === 'demo' ? createMemorySecretBox() : await createSafeStorageSecretBox();
  const settings =
    mode === 'demo'
      ? await createJsonSettingsRepository({
          filePath: join(demoDir, 'settings.json'),
          secretBox: createMemorySecretBox(),
        })
      : await createJsonSettingsRepository({ filePath: join(userData, 'settings.json'), secretBox });
  const demo = mode === 'demo' ? await startDemoOffice(settings) : null;
  // better-sqlite3 resolves from dist/electron/node_modules when run from source: the copy that
  // `npm start` builds for Electron's ABI (src-main/electron/packaging/build-electron-native.mjs); packaged, from the
  // app's node_modules that electron-builder rebuilt (and the afterPack check verified).
  const dbPath = mode === 'demo' ? join(demoDir, 'attendance.db') : databasePath();
  const defaultBackupDir = join(userData, 'backups');
  const stored = settings.current();
  const ownership =
    mode === 'demo'
      ? null
      : ownDatabase('the desktop app', {
          dbPath,
          dir: stored.backupDir || defaultBackupDir,
          time: stored.backupTime,
          onlyInstance: true, // app.requestSingleInstanceLock() below: a lock of 'the desktop app' is a crash's leftover
          onBackup: (record) => {
            if (!record.ok) console.error(terminalSafe(`[error] backup failed: ${record.error ?? ''}`));
          },
        });
  // Employees' own keys are sealed with a data key that the OS keychain protects (core/employees/data-key.ts).
  let dataKey: DataKey | undefined;
  try {
    dataKey = await loadDataKeyWithBox(dbPath, secretBox);
  } catch (error) {
    // Not fatal: messages from phones whose own key cannot be opened are rejected with that reason, none read with the shared key.
    console.error(`[error] employees' own keys cannot be opened: ${(error as Error).message}`);
  }
  let core: AppCore;
  try {
    core = createAppCore({ dbPath, settings: toCoreSettings(settings.current()), ...(dataKey ? { dataKey } : {}) });
  } catch (error) {
    ownership?.release();
    await demo?.close();
    throw error;
  }
  const push = createIpcPushSink(ownContents);
  const batcher = createPushBatcher(core, push);
  for (const reason of settings.loadProblems) batcher.problem({ kind: 'settings', active: true, reason });
  const exporter = createSaveDialogExporter({
    store: core.store,
    window: () => window,
    onProgress: (p) => batcher.exportProgress(p),
    defaultDir: () => app.getPath('documents'),
  });
  const timesheetOutput = {
    store: core.store,
    window: () => window,
    onProgress: (p: ExportProgress) => batcher.exportProgress(p),
    defaultDir: () => app.getPath('documents'),
  };
  const alerts = createAlertMonitor({
    core,
    backups: ownership?.backups ?? null,
    folder: dirname(dbPath),
    config: () => ({ ...DEFAULT_ALERT_CONFIG, workingHours: settings.current().workingHours }),
  });
  const handlers = createRequestHandlers(core, {
    settings,
    exporter,
    timesheetExporter: createSaveDialogTimesheetExporter(timesheetOutput),
    printToPdf: (name) => printWindowToPdf(timesheetOutput, name),
    alerts,
    appInfo: { demo: mode === 'demo', loginItem: mode === 'office' },
    backups: ownership ? { service: ownership.backups, dbPath, defaultDir: defaultBackupDir } : null,
    restore: async (checked) => {
      // Closes everything, puts the backup in place and starts again (after this answer reached the window).
      setTimeout(() => void restoreAndRelaunch(dbPath, checked.from), 200);
      return { from: checked.from, counts: checked.counts, safetyCopy: null };
    },
    ...(mode === 'office' ? { startDemo: async () => void setTimeout(() => void switchToDemo(), 100) } : {}),
    saveFile: async (suggestedName, write) => {
      const dialogDeps = { window: () => window, defaultDir: () => app.getPath('documents') };
      const path = await chooseSavePath(dialogDeps, suggestedName, 'Export');
      if (path === null) return { kind: 'cancelled' };
      return { kind: 'saved', path, rows: await write(path) };
    },
  });
  if (mode === 'office') {
    // "Reconnect if it was connected when it was closed": remembered at every bind and every Disconnect the user asks for.
    const userDisconnect = handlers.disconnect;
    handlers.disconnect = async (arg) => {
      await settings.setWasConnected(false);
      return userDisconnect(arg);
    };
    const saveAppSettings = handlers.saveAppSettings;
    handlers.saveAppSettings = async (input) => {
      const view = await saveAppSettings(input);
      applyLoginItem(view.startAtLogin);
      return view;
    };
    core.on('connectionState', (state) => {
      if (state.kind !== 'bound') return;
      const undecided = settings.current().startAtLogin === null;
      void settings.setWasConnected(true).then(() => {
        if (undecided) applyLoginItem(settings.current().startAtLogin);
      });
    });
    applyLoginItem(stored.startAtLogin);
  }
  const removeIpc = registerIpcHandlers(handlers, (event) => isFromOwnPage(event, ownContents()));
  const icon = (name: TrayIconName): string => resourcePath(...trayIconFile(process.platform, name));
  const tray = new ConnectionTray({
    icons: { bound: icon('bound'), trouble: icon('trouble'), disconnected: icon('disconnected') },
    language: () => language(settings),
    onShow: showWindow,
    onQuit: quitCleanly,
  });
  core.on('connectionState', (state) => tray.update(state));
  let raised: Alert[] = [];
  alerts.subscribe((list) => {
    tray.update(undefined, list.length);
    push('alerts', list);
    if (Notification.isSupported()) {
      for (const words of newAlertNotifications(raised, list, language(settings))) {
        const notification = new Notification(words);
        notification.on('click', showWindow);
        notification.show();
      }
    }
    raised = list;
  });
  core.on('log', (line) => {
    if (line.level !== 'info') console.error(terminalSafe(`[${line.level}] ${line.message}`));
  });
  running = {
    core,
    settings,
    batcher,
    tray,
    push,
    removeIpc,
    sessionEnd: new SessionEnd(core),
    ownership,
    alerts,
    demo,
  };
  if (demo) {
    addDemoEmployees(core);
    core.connect();
  }
  const plan = startPlan({
    atLogin: mode === 'office' && launchedAtLogin(process.argv, app.getLoginItemSettings().wasOpenedAtLogin),
    wasConnected: mode === 'office' && stored.wasConnected,
    canConnect: missingForConnect(stored).length === 0,
  });
  if (plan.connect)
    void handlers
      .connect(undefined)
      .catch((error: unknown) =>
        console.error(terminalSafe(`could not reconnect at start: ${(error as Error).message}`)),
      );
  if ((plan.showWindow || demo) && !ownContents()) createWindow(); // the demo started from the window reloads it
}

function applyLoginItem(startAtLogin: boolean | null): void {
  if (!app.isPackaged) return; // `npm start` must not register the development build to start with the computer
  try {
    app.setLoginItemSettings(loginItemSettings(startAtLogin));
  } catch (error) {
    console.error(terminalSafe(`could not change the login item: ${(error as Error).message}`));
  }
}

/** "Try it without a phone": the office's core closes, the demo's opens, the window shows it. */
async function switchToDemo(): Promise<void> {
  await shutdown();
  closing = null;
  try {
    await start('demo');
  } catch (error) {
    await failedToStart(error);
    return;
  }
  ownContents()?.reload();
}

/** The backup was checked by the handler; everything closes, it goes in place, and the app starts again. */
async function restoreAndRelaunch(dbPath: string, from: string): Promise<void> {
  await shutdown();
  try {
    const done = restoreDatabase(dbPath, from);
    console.error(
      terminalSafe(`restored ${done.from}; the replaced database is kept as ${done.safetyCopy ?? '(none)'}`),
    );
  } catch (error) {
    console.error(terminalSafe(`restore failed, the database was not changed: ${(error as Error).message}`));
  }
  app.relaunch();
  app.exit(0);
}

function databasePath(): string {
  return join(app.getPath('userData'), 'attendance.db');
}

/** Says what went wrong and what to do, then ends the process (nothing was started that needs closing). */
async function failedToStart(error: unknown): Promise<void> {
  console.error(terminalSafeLines(`SMPP Attendance could not start: ${(error as Error).stack ?? String(error)}`));
  const lang = language();
  const newestGoodBackup = isDamagedDatabaseError(error) ? lastGoodBackup(databasePath()) : null;
  const failure = describeStartupFailure(error, {
    dbPath: databasePath(),
    isPackaged: app.isPackaged,
    language: lang,
    newestGoodBackup,
  });
  const canRestore = failure.restoreFrom !== null;
  const buttons = startupFailureButtons(lang, failure.showDatabase, canRestore);
  try {
    const { response } = await dialog.showMessageBox({
      type: 'error',
      title: 'SMPP Attendance',
      message: failure.title,
      detail: `${failure.message}\n\n${failure.detail}`,
      buttons,
      defaultId: buttons.length - 1,
      cancelId: buttons.length - 1,
      noLink: true,
    });
    const restoreIndex = canRestore ? 0 : -1;
    const showIndex = failure.showDatabase ? (canRestore ? 1 : 0) : -1;
    if (response === restoreIndex && failure.restoreFrom) {
      try {
        restoreDatabase(databasePath(), failure.restoreFrom);
        app.relaunch();
        app.exit(0);
        return;
      } catch (restoreError) {
        dialog.showErrorBox(failure.title, `${(restoreError as Error).message}`);
      }
    }
    if (response === showIndex) shell.showItemInFolder(databasePath());
  } catch {
    dialog.showErrorBox(failure.title, `${failure.message}\n\n${failure.detail}`);
  }
  app.exit(1);
}

/** Unbinds politely and closes the database; the process may end only after this. */
function shutdown(): Promise<void> {
  closing ??= (async () => {
    const current = running;
    running = null;
    if (!current) return;
    current.sessionEnd.end();
    current.removeIpc();
    current.batcher.dispose();
    current.tray.destroy();
    current.alerts.stop();
    await current.core.close();
    current.ownership?.release();
    await current.demo?.close();
  })();
  return closing;
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database and the bind; it shows its window (second-instance below).
  app.quit();
} else {
  blockNavigationEverywhere();
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // Reached when the window really closed: disconnected or refused, quitting, or a renderer that
    // kept crashing (then the core goes on while something runs in the background; Show reopens).
    if (!quitting && running && staysInTray(running.core.connectionState())) return;
    app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (coreClosing) return;
    event.preventDefault();
    coreClosing = true;
    shutdown()
      .catch((error: unknown) =>
        console.error(terminalSafe(`error while closing the core: ${(error as Error).message}`)),
      )
      .finally(() => app.quit());
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, quitCleanly);
  app
    .whenReady()
    .then(() => {
      // Once per process (start() runs again for the demo): the page's scheme, and no default menu
      // (with its DevTools and reload entries) in the packaged app.
      serveAppScheme(rendererDir, RENDERER_CSP);
      if (app.isPackaged) Menu.setApplicationMenu(null);
      return start();
    })
    .catch((error: unknown) => failedToStart(error));
}
