#!/usr/bin/env node
/**
 * `npm run package`: electron-builder for this OS, then puts node_modules/better-sqlite3 back to
 * Node's ABI. electron-builder rebuilds native modules in place in the project's node_modules for
 * Electron (npmRebuild), which would leave the tests and the CLI with a binary Node cannot load.
 * Exits with electron-builder's status.
 */
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonAbi } from './native-abi.mjs';

const project = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const run = (command, args) =>
  spawnSync(command, args, { cwd: project, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const built = run(npx, ['electron-builder', '--publish', 'never', ...process.argv.slice(2)]);

console.log('restoring better-sqlite3 for Node (tests and the CLI) …');
const restored = run(npm, ['rebuild', 'better-sqlite3']);
const addon = join(project, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
let abi = null;
try {
  abi = addonAbi(addon);
} catch {
  // missing: reported below
}
if (restored !== 0 || abi !== Number(process.versions.modules)) {
  console.error(
    `node_modules/better-sqlite3 is not built for this Node (ABI ${process.versions.modules}, found ${abi ?? 'none'}): run \`npm rebuild better-sqlite3\``,
  );
  process.exit(built || 1);
}
process.exit(built);
