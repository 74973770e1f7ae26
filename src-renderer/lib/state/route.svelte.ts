/**
 * Which view is shown, kept in the URL's hash (`#/messages`) so a reload stays on the same view.
 * In-page hash changes are not navigations, so Electron's navigation block does not stop them,
 * and the preview's `?token=` query stays untouched.
 */
import type { ViewName } from '../i18n/dictionary.js';

export const VIEWS: readonly ViewName[] = [
  'connection',
  'dashboard',
  'messages',
  'attendance',
  'review',
  'timesheet',
  'employees',
  'export',
  'backups',
  'calendar',
  'audit',
];

export function viewFromHash(hash: string): ViewName {
  const name = hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : 'connection';
}

export class Route {
  view = $state<ViewName>('connection');

  start(win: Window = window): () => void {
    const sync = (): void => {
      this.view = viewFromHash(win.location.hash);
    };
    sync();
    win.addEventListener('hashchange', sync);
    return () => win.removeEventListener('hashchange', sync);
  }
}
