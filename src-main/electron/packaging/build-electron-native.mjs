#!/usr/bin/env node
/**
 * `npm start` step: builds a second copy of better-sqlite3 for Electron's ABI into
 * dist/electron/node_modules/better-sqlite3, where the Electron main bundle (dist/electron/main.js)
 * resolves it first. node_modules/better-sqlite3 keeps its Node build, so tests, the CLI and the
 * preview keep working. Uses @electron/rebuild (prebuilt binary if one exists, else node-gyp with
 * Electron's headers), both of which need the network the first time. Skips the work when the copy
 * is the project's better-sqlite3 version built for this Electron's ABI (an upgrade of either rebuilds).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonAbi, installedElectron, nativeCopyStatus } from './native-abi.mjs';

const project = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const source = join(project, 'node_modules', 'better-sqlite3');
const staging = join(project, 'dist', 'native', 'electron');
const target = join(project, 'dist', 'electron', 'node_modules', 'better-sqlite3');
const addonPath = (pkgDir) => join(pkgDir, 'build', 'Release', 'better_sqlite3.node');

const electron = installedElectron(project);
const sqliteVersion = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;

const status = nativeCopyStatus(target, sqliteVersion, electron.abi);
if (status.current) {
  console.log(
    `better-sqlite3 ${sqliteVersion} for Electron ${electron.version} (ABI ${electron.abi}) is up to date in ${target}`,
  );
  process.exit(0);
}

console.log(
  `building better-sqlite3 ${sqliteVersion} for Electron ${electron.version} (ABI ${electron.abi}): ${status.why} …`,
);
rmSync(staging, { recursive: true, force: true });
mkdirSync(join(staging, 'node_modules'), { recursive: true });
writeFileSync(
  join(staging, 'package.json'),
  `${JSON.stringify({ name: 'electron-native-staging', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2)}\n`,
);
// Without build/: the Node build must not be mistaken for an up-to-date Electron one.
cpSync(source, join(staging, 'node_modules', 'better-sqlite3'), {
  recursive: true,
  filter: (path) => !path.startsWith(join(source, 'build')),
});

const { rebuild } = await import('@electron/rebuild');
try {
  await rebuild({
    buildPath: staging,
    electronVersion: electron.version,
    onlyModules: ['better-sqlite3'],
    force: true,
  });
} catch (error) {
  console.error(
    `could not build better-sqlite3 for Electron ${electron.version}: ${error.message}\n` +
      "This needs the network once (a prebuilt binary from GitHub, or Electron's headers for node-gyp) and, to compile, " +
      'a C++ toolchain (build-essential / Xcode command line tools / Visual Studio Build Tools). ' +
      'node_modules/better-sqlite3 (the Node build for tests and the CLI) was not touched.',
  );
  process.exit(1);
}

const built = addonPath(join(staging, 'node_modules', 'better-sqlite3'));
const abi = existsSync(built) ? addonAbi(built) : null;
if (abi !== electron.abi) {
  console.error(`the rebuilt ${built} is for ABI ${abi ?? 'none'}, not Electron's ${electron.abi}; refusing to use it`);
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
mkdirSync(dirname(target), { recursive: true });
cpSync(join(staging, 'node_modules', 'better-sqlite3'), target, { recursive: true });
console.log(`better-sqlite3 for Electron is in ${target}`);
