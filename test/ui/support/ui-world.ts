/**
 * What a UI test runs against: the built renderer (dist/renderer) served by the real preview server,
 * a real core on a temporary SQLite file, bound to the test SMSC on 127.0.0.1 that plays the
 * office phone. The browser side is Debian's Chromium.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAppCore } from '../../../src-main/core/app-core.js';
import { createAlertMonitor, type AlertMonitor } from '../../../src-main/core/alerts/alert-monitor.js';
import { DEFAULT_ALERT_CONFIG, type AlertConfig } from '../../../src-main/core/alerts/alert-rules.js';
import { createBackupService, type BackupService } from '../../../src-main/core/backup/backup-service.js';
import type { AppCore } from '../../../src-main/core/app-core-types.js';
import { createMemorySecretBox } from '../../../src-main/core/settings/secret-box.js';
import {
  createJsonSettingsRepository,
  toCoreSettings,
  type SettingsRepository,
} from '../../../src-main/core/settings/settings-repository.js';
import { startPreviewServer, type PreviewServer } from '../../../src-main/preview/preview-server.js';
import { PASSWORD, SYSTEM_ID, tempDir } from '../../support/core-harness.js';
import { startTestSmsc, type TestSmsc } from '../../support/test-smsc.js';

export const projectDir = join(import.meta.dirname, '..', '..', '..');
export const rendererDir = join(projectDir, 'dist', 'renderer');
export const screenshotDir = join(projectDir, 'test-results', 'screenshots');

export interface UiWorld {
  smsc: TestSmsc;
  core: AppCore;
  settings: SettingsRepository;
  server: PreviewServer;
  alerts: AlertMonitor;
  backups: BackupService;
  dbPath: string;
  close(): Promise<void>;
}

export interface UiWorldOptions {
  /** The alert rules' settings (default: the app's). */
  alertConfig?: Partial<AlertConfig>;
  /** How often the alert monitor samples (default 30 s). */
  alertIntervalMs?: number;
  /** Free bytes reported for the database's disk (default: the real disk's). */
  freeBytes?: (folder: string) => number;
  /** The keepalive period (default 30 s). */
  enquireLinkMs?: number;
}

export function assertRendererBuilt(): void {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`the renderer is not built (no ${join(rendererDir, 'index.html')}): run \`npm run build\` first`);
  }
  mkdirSync(screenshotDir, { recursive: true });
}

export async function startUiWorld(opts: UiWorldOptions = {}): Promise<UiWorld> {
  const smsc = await startTestSmsc({ systemId: SYSTEM_ID, password: PASSWORD });
  const { dir, cleanup } = tempDir('ui-');
  const settings = await createJsonSettingsRepository({
    filePath: join(dir, 'settings.json'),
    secretBox: createMemorySecretBox(),
  });
  const dbPath = join(dir, 'attendance.db');
  const core = createAppCore({
    dbPath,
    settings: {
      ...toCoreSettings(settings.current()),
      ...(opts.enquireLinkMs ? { enquireLinkMs: opts.enquireLinkMs } : {}),
    },
  });
  const defaultDir = join(dir, 'backups');
  const backups = createBackupService({ dbPath, dir: defaultDir });
  const alerts = createAlertMonitor({
    core,
    backups,
    folder: dir,
    config: () => ({ ...DEFAULT_ALERT_CONFIG, ...opts.alertConfig }),
    ...(opts.alertIntervalMs ? { intervalMs: opts.alertIntervalMs } : {}),
    ...(opts.freeBytes ? { freeBytes: opts.freeBytes } : {}),
  });
  const server = await startPreviewServer({
    core,
    settings,
    rendererDir,
    host: { alerts, backups: { service: backups, dbPath, defaultDir } },
  });
  return {
    smsc,
    core,
    settings,
    server,
    alerts,
    backups,
    dbPath,
    async close() {
      alerts.stop();
      await server.close();
      await core.close();
      await smsc.close();
      cleanup();
    },
  };
}
