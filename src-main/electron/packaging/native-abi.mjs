/**
 * Reads which Node ABI (NODE_MODULE_VERSION) a native addon was built for, without loading it:
 * addons built with node-gyp export `node_register_module_v<ABI>` (ELF, Mach-O and PE alike), and
 * loading the wrong one is exactly the crash we want to catch before it reaches a user.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** @returns {number | null} the ABI the addon at `file` registers for, or null if it names none. */
export function addonAbi(file) {
  const text = readFileSync(file).toString('latin1');
  const found = new Set([...text.matchAll(/node_register_module_v(\d+)/g)].map((m) => Number(m[1])));
  if (found.size !== 1) return null;
  return [...found][0];
}

/** @returns {{ version: string, abi: number }} the installed Electron's version and NODE_MODULE_VERSION. */
export function installedElectron(projectDir) {
  const require = createRequire(resolve(projectDir, 'package.json'));
  const pkgPath = require.resolve('electron/package.json');
  const version = JSON.parse(readFileSync(pkgPath, 'utf8')).version;
  // Electron's package ships abi_version (since 26); node-abi would be the fallback for older ones.
  const abi = Number(readFileSync(join(dirname(pkgPath), 'abi_version'), 'utf8').trim());
  if (!Number.isInteger(abi))
    throw new Error(`could not read Electron's ABI from ${join(dirname(pkgPath), 'abi_version')}`);
  return { version, abi };
}

/**
 * Whether the better-sqlite3 copy at `target` (a package folder) can be used as it is: the same
 * version as the one the project installed (`sourceVersion`; an upgrade changes the JS and the
 * addon together) and an addon built for `abi`. Anything missing means it must be built.
 * @returns {{ current: boolean, why: string }}
 */
export function nativeCopyStatus(target, sourceVersion, abi) {
  const pkg = join(target, 'package.json');
  const addon = join(target, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(pkg) || !existsSync(addon)) return { current: false, why: 'not built yet' };
  const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
  if (version !== sourceVersion)
    return { current: false, why: `it is better-sqlite3 ${version}, the project now has ${sourceVersion}` };
  const found = addonAbi(addon);
  if (found !== abi) return { current: false, why: `it is built for ABI ${found ?? 'unknown'}, Electron needs ${abi}` };
  return { current: true, why: 'up to date' };
}
