/**
 * The tray icon: while the window is closed it is the only sign that the app is still bound (and
 * the only way to quit). Its picture and tooltip follow the connection state; its menu offers
 * Show and Quit, in the app's language.
 */
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { ConnectionState } from '../core/model.js';
import { alertCountText } from './alert-notification.js';

export type TrayLanguage = 'en' | 'fa';

export type TrayIconName = 'bound' | 'trouble' | 'disconnected';

/**
 * The tray icon file for `platform`, relative to resources/: drawn at the sizes that platform's
 * tray shows (packaging/make-tray-icons.mjs), an .ico with every size on Windows, a 1x PNG with
 * its @2x beside it elsewhere (nativeImage loads that one too). Green: bound; amber: connecting,
 * retrying, refused; grey: disconnected.
 */
export function trayIconFile(platform: NodeJS.Platform, name: TrayIconName): string[] {
  if (platform === 'win32') return ['tray', 'win32', `${name}.ico`];
  return ['tray', platform === 'darwin' ? 'darwin' : 'linux', `${name}.png`];
}

export interface ConnectionTrayOptions {
  /** Absolute path of each state's icon file (see trayIconFile). */
  icons: Record<TrayIconName, string>;
  language: () => TrayLanguage;
  onShow: () => void;
  onQuit: () => void;
}

const words = {
  en: {
    show: 'Show',
    quit: 'Quit',
    disconnected: 'not connected',
    connecting: 'connecting…',
    bound: 'connected',
    retrying: (s: number) => `retrying in ${s} s`,
    refused: (status: string) => `refused (${status})`,
  },
  fa: {
    show: 'نمایش',
    quit: 'خروج',
    disconnected: 'متصل نیست',
    connecting: 'در حال اتصال…',
    bound: 'متصل',
    retrying: (s: number) => `تلاش دوباره تا ${s.toLocaleString('fa-IR')} ثانیه دیگر`,
    refused: (status: string) => `رد شد (${status})`,
  },
} as const;

export function describeState(state: ConnectionState, language: TrayLanguage): string {
  const w = words[language];
  switch (state.kind) {
    case 'disconnected':
      return w.disconnected;
    case 'connecting':
      return w.connecting;
    case 'bound':
      return w.bound;
    case 'retrying':
      return w.retrying(Math.ceil(state.inMs / 1000));
    case 'refused':
      return w.refused(state.status);
  }
}

export class ConnectionTray {
  readonly #tray: Tray;
  readonly #images: Record<keyof ConnectionTrayOptions['icons'], NativeImage>;
  readonly #options: ConnectionTrayOptions;

  constructor(options: ConnectionTrayOptions) {
    this.#options = options;
    // Never resized here: each file already has the sizes its platform's tray shows.
    const load = (path: string): NativeImage => nativeImage.createFromPath(path);
    this.#images = {
      bound: load(options.icons.bound),
      trouble: load(options.icons.trouble),
      disconnected: load(options.icons.disconnected),
    };
    this.#tray = new Tray(this.#images.disconnected);
    this.#tray.on('click', options.onShow);
    this.update({ kind: 'disconnected' });
  }

  #state: ConnectionState = { kind: 'disconnected' };
  #alerts = 0;

  /** The connection state; with `alerts` raised (alert-rules.ts) the icon shows trouble even while bound. */
  update(state: ConnectionState = this.#state, alerts: number = this.#alerts): void {
    this.#state = state;
    this.#alerts = alerts;
    const language = this.#options.language();
    const w = words[language];
    const image =
      alerts > 0 || (state.kind !== 'bound' && state.kind !== 'disconnected')
        ? this.#images.trouble
        : state.kind === 'bound'
          ? this.#images.bound
          : this.#images.disconnected;
    this.#tray.setImage(image);
    this.#tray.setToolTip(`SMPP Attendance — ${describeState(state, language)}${alertCountText(alerts, language)}`);
    this.#tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: describeState(state, language), enabled: false },
        { type: 'separator' },
        { label: w.show, click: this.#options.onShow },
        { label: w.quit, click: this.#options.onQuit },
      ]),
    );
  }

  destroy(): void {
    this.#tray.destroy();
  }
}
