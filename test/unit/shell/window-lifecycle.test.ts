/** The desktop window's decisions that need no Electron (electron/window-lifecycle.ts, app-identity.ts, connection-tray.ts). */
import { describe, expect, it, vi } from 'vitest';
import { appUserModelId, APP_ID, PRODUCT_NAME, userDataFolderName } from '../../../src-main/electron/app-identity.js';
import { trayIconFile } from '../../../src-main/electron/connection-tray.js';
import { RendererCrashes, rendererGoneMessage } from '../../../src-main/electron/window-lifecycle.js';

vi.mock('electron', () => ({ Menu: {}, Tray: class {}, nativeImage: {} }));

describe('a renderer that is gone', () => {
  it('is reloaded after a crash, and given up on at the third crash within a minute', () => {
    const crashes = new RendererCrashes();
    expect(crashes.decide('crashed', 0)).toBe('reload');
    expect(crashes.decide('oom', 10_000)).toBe('reload');
    expect(crashes.decide('crashed', 20_000)).toBe('give-up');
  });

  it('forgets crashes older than the window, and leaves a renderer that ended on purpose alone', () => {
    const crashes = new RendererCrashes(3, 60_000);
    expect(crashes.decide('clean-exit', 0)).toBe('ignore');
    expect(crashes.decide('crashed', 0)).toBe('reload');
    expect(crashes.decide('killed', 30_000)).toBe('reload');
    expect(crashes.decide('crashed', 61_000)).toBe('reload'); // the first one is over a minute old
    expect(crashes.decide('crashed', 70_000)).toBe('give-up');
  });

  it('tells the user what happened and that recording went on, in their language', () => {
    const reload = rendererGoneMessage('reload', 'crashed', 'en');
    expect(reload.message).toMatch(/\(crashed\) and was reloaded.*nothing was lost/);
    expect(rendererGoneMessage('give-up', 'oom', 'en').message).toMatch(/\(oom\).*Show from the tray icon/);
    expect(rendererGoneMessage('reload', 'crashed', 'fa').message).toMatch(/[\u0600-\u06FF]/);
  });
});

describe('app identity', () => {
  it('gives a run from source its own user-data folder and AppUserModelID', () => {
    expect(userDataFolderName(true)).toBe(PRODUCT_NAME);
    expect(userDataFolderName(false)).not.toBe(userDataFolderName(true));
    expect(appUserModelId(true)).toBe(APP_ID);
    expect(appUserModelId(false)).not.toBe(APP_ID);
  });
});

describe('tray icons', () => {
  it('picks the icon file made for each platform', () => {
    expect(trayIconFile('win32', 'bound')).toEqual(['tray', 'win32', 'bound.ico']);
    expect(trayIconFile('darwin', 'trouble')).toEqual(['tray', 'darwin', 'trouble.png']);
    expect(trayIconFile('linux', 'disconnected')).toEqual(['tray', 'linux', 'disconnected.png']);
    expect(trayIconFile('freebsd', 'bound')).toEqual(['tray', 'linux', 'bound.png']);
  });
});
