/**
 * What a UI test runs against: the built renderer (dist/renderer) served by the real preview server,
 * a real core on a temporary SQLite file, bound to the test SMSC on 127.0.0.1 that plays the
 * office phone. The browser side is Debian's Chromium.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAppCore } from '../../../src-main/core/app-core.js';
import type { AppCore } from '../../../src-main/core/app-core-types.js';
import { createMemorySecretBox } from '../../../src-main/core/settings/secret-box.js';
import { createJsonSettingsRepository, toCoreSettings, type SettingsRepository } from '../../../src-main/core/settings/settings-repository.js';
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
  close(): Promise<void>;
}

export function assertRendererBuilt(): void {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`the renderer is not built (no ${join(rendererDir, 'index.html')}): run \`npm run build\` first`);
  }
  mkdirSync(screenshotDir, { recursive: true });
}

export async function startUiWorld(): Promise<UiWorld> {
  const smsc = await startTestSmsc({ systemId: SYSTEM_ID, password: PASSWORD });
  const { dir, cleanup } = tempDir('ui-');
  const settings = await createJsonSettingsRepository({ filePath: join(dir, 'settings.json'), secretBox: createMemorySecretBox() });
  const core = createAppCore({ dbPath: join(dir, 'attendance.db'), settings: toCoreSettings(settings.current()) });
  const server = await startPreviewServer({ core, settings, rendererDir });
  return {
    smsc,
    core,
    settings,
    server,
    async close() {
      await server.close();
      await core.close();
      await smsc.close();
      cleanup();
    },
  };
}
