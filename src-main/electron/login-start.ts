/**
 * Starting with the computer: the login item the app registers, whether this launch came from it
 * (then the app starts in the tray, without a window), and whether it connects by itself (it was
 * connected when it was last closed). Pure, so that main.ts only applies the answers.
 */

/** The argument the login item starts the app with. */
export const AT_LOGIN_ARG = '--at-login';

/** What `app.setLoginItemSettings` is given. Undecided (null) is off until the first successful connection decides it. */
export function loginItemSettings(startAtLogin: boolean | null): {
  openAtLogin: boolean;
  openAsHidden: boolean;
  args: string[];
} {
  return { openAtLogin: startAtLogin === true, openAsHidden: true, args: [AT_LOGIN_ARG] };
}

/** This launch is the login item's: our argument (Windows, Linux), or macOS saying it opened the app at login. */
export function launchedAtLogin(argv: readonly string[], macOpenedAtLogin = false): boolean {
  return argv.includes(AT_LOGIN_ARG) || macOpenedAtLogin;
}

export interface StartPlan {
  /** Open the window now; false: only the tray icon (started at login). */
  showWindow: boolean;
  /** Connect at once: it was connected when it was closed, and the settings allow it. */
  connect: boolean;
}

export function startPlan(opts: { atLogin: boolean; wasConnected: boolean; canConnect: boolean }): StartPlan {
  const connect = opts.wasConnected && opts.canConnect;
  // Started at login but with nothing to do in the background: show the window, or the app would look absent.
  return { showWindow: !opts.atLogin || !connect, connect };
}
