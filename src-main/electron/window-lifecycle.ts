/**
 * Decisions about the window that do not need Electron to be made (main.ts carries them out):
 * whether closing it only hides it to the tray, and what to do when its renderer process dies.
 */
import type { ConnectionState } from '../core/model.js';

/**
 * True while something is still going on in the background that the user would lose by closing:
 * bound, connecting, or waiting to retry. Disconnected and refused (the gateway rejected the
 * login; nothing retries until the user changes the settings) let the window close the app.
 */
export function staysInTray(state: ConnectionState): boolean {
  switch (state.kind) {
    case 'connecting':
    case 'bound':
    case 'retrying':
      return true;
    case 'disconnected':
    case 'refused':
      return false;
  }
}

/** How a renderer's end is handled: reloaded, left alone (it ended on purpose), or given up on after repeated crashes. */
export type RendererGoneAction = 'reload' | 'ignore' | 'give-up';

/**
 * Reloads a crashed renderer, unless it crashed `limit` times within `windowMs`: then reloading
 * again would only loop, and the window is closed instead (the core keeps recording; the tray's
 * Show opens a new window).
 */
export class RendererCrashes {
  readonly #times: number[] = [];

  constructor(
    private readonly limit = 3,
    private readonly windowMs = 60_000,
  ) {}

  /** @param reason Electron's RenderProcessGoneDetails.reason. */
  decide(reason: string, now: number): RendererGoneAction {
    if (reason === 'clean-exit') return 'ignore';
    while (this.#times.length > 0 && now - this.#times[0]! > this.windowMs) this.#times.shift();
    this.#times.push(now);
    return this.#times.length >= this.limit ? 'give-up' : 'reload';
  }
}

export type ShellLanguage = 'en' | 'fa';

/** What the user is told after the window's renderer died. */
export function rendererGoneMessage(
  action: 'reload' | 'give-up',
  reason: string,
  language: ShellLanguage,
): { title: string; message: string } {
  if (language === 'fa') {
    return action === 'reload'
      ? {
          title: 'پنجره دوباره بارگذاری شد',
          message: `نمایش پنجره ناگهان متوقف شد (${reason}) و دوباره بارگذاری شد. دریافت و ثبت پیام‌ها در پس‌زمینه ادامه داشت و چیزی از دست نرفت.`,
        }
      : {
          title: 'پنجره بسته شد',
          message: `نمایش پنجره پشت سر هم متوقف شد (${reason})، پس بسته شد. ثبت پیام‌ها در پس‌زمینه ادامه دارد؛ از نماد سینی «نمایش» را بزنید یا برنامه را ببندید و دوباره باز کنید.`,
        };
  }
  return action === 'reload'
    ? {
        title: 'The window was reloaded',
        message: `The window stopped unexpectedly (${reason}) and was reloaded. Messages kept being received and recorded in the background; nothing was lost.`,
      }
    : {
        title: 'The window was closed',
        message: `The window stopped unexpectedly several times in a row (${reason}), so it was closed. Messages are still being recorded in the background: choose Show from the tray icon, or quit and open the app again.`,
      };
}

/** The part of the core a session end touches. */
export interface SessionEndCore {
  connectionState(): ConnectionState;
  connect(): void;
  disconnect(): Promise<void>;
}

/**
 * Windows log-off, restart and shutdown (the window's `query-session-end` / `session-end`; Electron
 * emits no before-quit / will-quit then). At the first warning the bind is closed at once, while
 * the process surely still runs (the database is written with synchronous=FULL, so nothing
 * recorded is at risk; closing it is left to the quit at `session-end`). The warning does not
 * delay the session's end, and it may be cancelled (another program refused): then, if the
 * session has not ended after `resumeAfterMs`, the bind is opened again.
 */
export class SessionEnd {
  #resume: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly core: SessionEndCore,
    private readonly resumeAfterMs = 60_000,
  ) {}

  /** `query-session-end`: unbinds now if something was running, and plans to reconnect if nothing follows. */
  query(): void {
    if (this.#resume || !staysInTray(this.core.connectionState())) return;
    void this.core.disconnect();
    this.#resume = setTimeout(() => {
      this.#resume = null;
      this.core.connect();
    }, this.resumeAfterMs);
  }

  /** `session-end` (the caller then quits cleanly): no reconnecting any more. */
  end(): void {
    if (this.#resume) clearTimeout(this.#resume);
    this.#resume = null;
  }
}
