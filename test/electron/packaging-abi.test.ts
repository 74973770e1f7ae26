/**
 * The afterPack check (src-main/electron/packaging/after-pack-check-abi.mjs) that stops a package whose better-sqlite3
 * was built for Node's ABI instead of Electron's. Runs here without Electron: it only reads files.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectDir } from './electron-binary.js';

interface AfterPackModule {
  default: (context: {
    appOutDir: string;
    electronPlatformName: string;
    packager: { info: { projectDir: string } };
  }) => Promise<void>;
}
interface NativeAbiModule {
  addonAbi(file: string): number | null;
  installedElectron(projectDir: string): { version: string; abi: number };
}

const load = async <T>(name: string): Promise<T> =>
  (await import(join(projectDir, 'src-main', 'electron', 'packaging', name))) as T;

describe('packaged native module check', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const packedApp = (addon: Buffer | string): string => {
    const out = mkdtempSync(join(tmpdir(), 'attendance-pack-'));
    dirs.push(out);
    const dir = join(out, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release');
    mkdirSync(dir, { recursive: true });
    if (typeof addon === 'string') copyFileSync(addon, join(dir, 'better_sqlite3.node'));
    else writeFileSync(join(dir, 'better_sqlite3.node'), addon);
    return out;
  };
  const context = (appOutDir: string) => ({
    appOutDir,
    electronPlatformName: 'linux',
    packager: { info: { projectDir } },
  });

  it("reads the ABI of the Node build in node_modules as this Node's", async () => {
    const { addonAbi } = await load<NativeAbiModule>('native-abi.mjs');
    expect(
      addonAbi(join(projectDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')),
    ).toBe(Number(process.versions.modules));
  });

  it("fails the package when better-sqlite3 is built for Node's ABI", async () => {
    const { default: afterPack } = await load<AfterPackModule>('after-pack-check-abi.mjs');
    const nodeBuild = join(projectDir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    await expect(afterPack(context(packedApp(nodeBuild)))).rejects.toThrow(
      new RegExp(`ABI ${process.versions.modules}, but Electron .* needs ABI \\d+`),
    );
  });

  it("passes an addon built for the installed Electron's ABI, and fails when none was unpacked", async () => {
    const { installedElectron } = await load<NativeAbiModule>('native-abi.mjs');
    const { abi } = installedElectron(projectDir);
    const { default: afterPack } = await load<AfterPackModule>('after-pack-check-abi.mjs');
    // A stand-in binary carrying the registration symbol an Electron build exports.
    await expect(
      afterPack(context(packedApp(Buffer.from(`\x7fELF....node_register_module_v${abi}\0....`, 'latin1')))),
    ).resolves.toBeUndefined();
    const empty = mkdtempSync(join(tmpdir(), 'attendance-pack-'));
    dirs.push(empty);
    await expect(afterPack(context(empty))).rejects.toThrow(/no better_sqlite3\.node.*asarUnpack/);
  });
});
