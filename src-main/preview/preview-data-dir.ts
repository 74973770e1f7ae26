/**
 * Where the preview keeps its database and settings: a folder of the user's own, never one that
 * another user owns or may write to (they could swap the database or read attendance).
 */
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { PRIVATE_DIR_MODE } from '../core/private-files.js';

const FOLDER = 'smpp-attendance-preview';

/**
 * The default data folder, per user: `$XDG_STATE_HOME/smpp-attendance-preview`, else
 * `~/.local/state/smpp-attendance-preview`; on Windows under `%LOCALAPPDATA%`; with no home
 * folder, the temp folder with the user id in the name.
 */
export function defaultPreviewDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = safeHome(),
  uid: number | null = process.getuid?.() ?? null,
): string {
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(tmpdir(), `${FOLDER}-${env.USERNAME ?? 'user'}`), FOLDER);
  const state = env.XDG_STATE_HOME;
  if (state && isAbsolute(state)) return join(state, FOLDER);
  if (home !== '') return join(home, '.local', 'state', FOLDER);
  return join(tmpdir(), `${FOLDER}-${uid ?? 'user'}`);
}

function safeHome(): string {
  try {
    return homedir();
  } catch {
    return '';
  }
}

/** Why a data folder is refused, or null when it is fine. Pure: the caller passes stat() and its uid. */
export function dataDirProblem(stats: Pick<Stats, 'uid' | 'mode' | 'isDirectory'>, uid: number | null): string | null {
  if (!stats.isDirectory()) return 'is not a folder';
  if (uid === null) return null; // Windows: the profile's ACL decides
  if (stats.uid !== uid) return `belongs to another user (uid ${stats.uid}); use a folder of your own`;
  if ((stats.mode & 0o022) !== 0)
    return `can be written by other users (mode ${(stats.mode & 0o777).toString(8)}); chmod 700 it or use another folder`;
  return null;
}

/** Creates the folder 0700 when missing; throws when it exists but is not safe to use. */
export function preparePreviewDataDir(dir: string, uid: number | null = process.getuid?.() ?? null): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const problem = dataDirProblem(statSync(dir), uid);
  if (problem !== null) throw new DataDirError(`the data folder '${dir}' ${problem}`);
}

export class DataDirError extends Error {
  override readonly name = 'DataDirError';
}
