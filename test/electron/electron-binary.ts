/**
 * Whether Electron can run here. Its npm package downloads the binary at install time, which is
 * skipped (ELECTRON_SKIP_BINARY_DOWNLOAD=1) where there is no network; then these tests are skipped
 * with the reason printed. Never `require('electron')` to find out: its index.js starts a download.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const projectDir = join(import.meta.dirname, '..', '..');

export function electronExecutable(): { path: string } | { skip: string } {
  const pkg = join(projectDir, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(join(pkg, 'dist')) || !existsSync(pathFile)) {
    return {
      skip: 'no Electron binary in node_modules/electron/dist (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 or offline)',
    };
  }
  const path = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(path)) return { skip: `the Electron executable ${path} is missing` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { skip: 'no display: run under xvfb-run to include the Electron tests' };
  }
  return { path };
}
