/**
 * electron-builder afterPack hook: fails the build unless every better_sqlite3.node in the packed
 * app was built for the packaged Electron's ABI. electron-builder's native rebuild has been seen to
 * build for Node's ABI without a word (and cannot rebuild at all when cross-packaging); an app that
 * crashes on its first database call must never be shipped.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { addonAbi, installedElectron } from './native-abi.mjs';

function findAddons(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findAddons(path, found);
    else if (entry.name === 'better_sqlite3.node') found.push(path);
  }
  return found;
}

/** @param {{ appOutDir: string, electronPlatformName: string, packager: { projectDir?: string, info?: { projectDir: string } } }} context */
export default async function afterPack(context) {
  const projectDir = context.packager.info?.projectDir ?? context.packager.projectDir ?? process.cwd();
  const { version, abi } = installedElectron(projectDir);
  const addons = findAddons(context.appOutDir);
  if (addons.length === 0) {
    throw new Error(
      `afterPack: no better_sqlite3.node in ${context.appOutDir}; it must be unpacked from the asar (asarUnpack)`,
    );
  }
  for (const addon of addons) {
    const found = addonAbi(addon);
    if (found !== abi) {
      throw new Error(
        `afterPack: ${addon} is built for ABI ${found ?? 'unknown'}, but Electron ${version} needs ABI ${abi}. ` +
          'The native rebuild did not target Electron (or cannot, when packaging for another platform): package on the target OS.',
      );
    }
    console.log(`  • afterPack: ${addon} is built for Electron ${version} (ABI ${abi})`);
  }
}
