/**
 * vitest global setup: builds the bundles that tests run as processes (`npm run build:main`: the
 * CLI, the preview server and the Electron main, esbuild, under a second) before any test file
 * starts. The reliability scenarios and the CLI tests run `dist/cli/main.js` through
 * `smpp-attendance serve`; without this they would test whatever was last built, or nothing. A
 * failed build stops the run with esbuild's own message.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const projectDir = join(import.meta.dirname, '..', '..');

export default function buildMain(): void {
  const started = Date.now();
  const result = spawnSync('npm', ['run', '--silent', 'build:main'], {
    cwd: projectDir,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(
      `\`npm run build:main\` failed (${result.error?.message ?? `exit ${result.status}`}); the tests that run dist/ cannot run:\n${output}`,
    );
  }
  console.log(`[setup] npm run build:main: dist/ rebuilt from src-main in ${Date.now() - started} ms`);
}
