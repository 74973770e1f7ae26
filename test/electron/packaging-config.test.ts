/**
 * The packaging configuration as electron-builder 26 will read it, checked with electron-builder's
 * own code where it can run without Electron: its JSON schema, its .deb metadata check and default
 * dependencies, and its file matchers applied to the built tree (dist/, from `npm run build`) and to
 * node_modules. Also what the two Electron bundles import, since the package ships only some packages.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { APP_ID, PRODUCT_NAME } from '../../src-main/electron/app-identity.js';
import { projectDir } from './electron-binary.js';

const require = createRequire(join(projectDir, 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
};
interface Matcher {
  patterns: string[];
  macroExpander: (s: string) => string;
  createFilter(): (file: string, stat: Stats & { moduleFullFilePath?: string }) => boolean;
}
const fileMatcher = require('app-builder-lib/out/fileMatcher.js') as {
  FileMatcher: new (from: string, to: string, expander: (s: string) => string, patterns?: string[]) => Matcher;
  getMainFileMatchers(
    appDir: string,
    dest: string,
    expander: (s: string) => string,
    platformOptions: unknown,
    packager: unknown,
    outDir: string,
    isElectronCompile: boolean,
  ): Matcher[];
  getNodeModuleFileMatcher(
    appDir: string,
    dest: string,
    expander: (s: string) => string,
    platformOptions: unknown,
    info: unknown,
  ): Matcher;
  getFileMatchers(config: unknown, name: string, dest: string, options: unknown): Matcher[] | null;
};
const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget.js') as {
  default: {
    prototype: {
      getDefaultDepends(target: string): string[];
      computeFpmMetaInfoOptions(): Promise<{ maintainer: string; url: string }>;
    };
  };
};

interface BuilderConfig {
  appId: string;
  productName?: string;
  directories: { output: string; buildResources: string };
  linux: { target: string[]; maintainer?: string };
  deb: { depends: string[]; maintainer?: string };
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  [key: string]: unknown;
}
const config = yaml.load(readFileSync(join(projectDir, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as {
  productName: string;
  homepage?: string;
  author?: { name: string; email?: string };
  dependencies: Record<string, string>;
};

const same = (s: string): string => s;
const debugLogger = { isEnabled: false, add: () => undefined };
const appDest = '/packed/app';

function requireBuilt(path: string): string {
  const full = join(projectDir, path);
  if (!existsSync(full)) throw new Error(`${path} is not built: run \`npm run build\` first`);
  return full;
}

/** Every file under `dir` that `accept` lets through, walking only into directories it lets through. */
function walk(
  dir: string,
  accept: (path: string, stat: Stats) => boolean,
  skip: (path: string) => boolean = () => false,
): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (skip(path)) continue;
    const stat = lstatSync(path);
    if (!accept(path, stat)) continue;
    if (stat.isDirectory()) found.push(...walk(path, accept, skip));
    else found.push(path);
  }
  return found;
}

/** The production dependency tree electron-builder packs: package.json's dependencies, and theirs. */
function productionPackages(): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(readFileSync(join(projectDir, 'node_modules', name, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep);
  };
  for (const name of Object.keys(pkg.dependencies)) visit(name);
  return [...seen].sort();
}

/** The files of node_modules that the package holds, as electron-builder names them (node_modules/NAME/...). */
function packedModuleFiles(): string[] {
  const nodeMatcher = fileMatcher.getNodeModuleFileMatcher(projectDir, appDest, same, config.linux, {
    config,
    debugLogger,
  });
  const files: string[] = [];
  for (const name of productionPackages()) {
    const source = join(projectDir, 'node_modules', name);
    const destination = join('node_modules', name);
    const filter = new fileMatcher.FileMatcher(
      source,
      join(appDest, destination),
      same,
      nodeMatcher.patterns,
    ).createFilter();
    const accept = (path: string, stat: Stats): boolean =>
      filter(path, Object.assign(stat, { moduleFullFilePath: join(destination, relative(source, path)) }));
    files.push(
      ...walk(source, accept, (path) => path.endsWith(`${join(name, 'node_modules')}`)).map((f) =>
        join(destination, relative(source, f)),
      ),
    );
  }
  return files;
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema (which does refuse a misspelt option)", async () => {
    await expect(validateConfiguration(config, debugLogger)).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, deb: { ...config.deb, depend: ['x'] } }, debugLogger),
    ).rejects.toThrow(/configuration\.deb/);
  });

  it("flips Electron's fuses: no run-as-node, NODE_OPTIONS or --inspect; only the checked app.asar; no file:// privileges", async () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    // The schema knows each fuse by this name: a misspelt one is refused.
    await expect(
      validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } }, debugLogger),
    ).rejects.toThrow(/electronFuses/);
  });

  it('gives the app the identity the shell uses at run time', () => {
    expect(config.appId).toBe(APP_ID);
    expect(pkg.productName).toBe(PRODUCT_NAME);
    expect(config.productName ?? pkg.productName).toBe(PRODUCT_NAME);
  });

  it("has the homepage and maintainer electron-builder's .deb target insists on", async () => {
    const debTarget = (metadata: typeof pkg): Promise<{ maintainer: string; url: string }> =>
      FpmTarget.prototype.computeFpmMetaInfoOptions.call({
        packager: {
          appInfo: {
            computePackageUrl: () => Promise.resolve(metadata.homepage ?? null),
            linuxPackageName: 'smpp-attendance',
          },
          info: { metadata },
        },
        options: { ...config.linux, ...config.deb },
      });
    const meta = await debTarget(pkg);
    expect(meta.url).toMatch(/^https:\/\//);
    expect(meta.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    const { homepage: _h, author: _a, ...bare } = pkg;
    await expect(debTarget(bare)).rejects.toThrow(/homepage/);
  });

  it("builds the .deb as the Linux package, depending on electron-builder's default list and ours", () => {
    expect(config.linux.target).toEqual(['deb']);
    expect(config).not.toHaveProperty('appImage');
    const defaults = FpmTarget.prototype.getDefaultDepends.call(null, 'deb');
    expect(defaults).toContain('libsecret-1-0');
    expect(config.deb.depends.slice(0, defaults.length)).toEqual(defaults);
    expect(config.deb.depends).toContain('libgbm1');
  });
});

describe('the packaged files', () => {
  const mainMatchers = (): Matcher[] =>
    fileMatcher.getMainFileMatchers(
      projectDir,
      appDest,
      same,
      config.linux,
      {
        info: {
          projectDir,
          buildResourcesDir: config.directories.buildResources,
          config,
          isPrepackedAppAsar: false,
          debugLogger,
        },
      },
      join(projectDir, config.directories.output),
      false,
    );

  it('hold the built main, preload and renderer, and nothing from the sources, maps or the npm-start copy', () => {
    for (const path of ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html'])
      requireBuilt(path);
    const matchers = mainMatchers();
    expect(matchers).toHaveLength(1);
    const filter = matchers[0]!.createFilter();
    const files = walk(
      projectDir,
      (path, stat) => filter(path, stat),
      (path) => ['.git', 'node_modules'].includes(relative(projectDir, path)),
    ).map((f) => relative(projectDir, f));
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/electron/main.js',
        'dist/electron/preload.cjs',
        'dist/renderer/index.html',
      ]),
    );
    expect(files.some((f) => f.startsWith('dist/renderer/assets/') && f.endsWith('.js'))).toBe(true);
    expect(files.filter((f) => !f.startsWith('dist/') && f !== 'package.json')).toEqual([]);
    expect(
      files.filter(
        (f) =>
          f.endsWith('.map') ||
          f.startsWith('dist/electron/node_modules/') ||
          f.startsWith('dist/native/') ||
          f.startsWith('dist/bench/'),
      ),
    ).toEqual([]);
    // The copy `npm start` builds for Electron is never packed, even when it exists.
    const fakeFile = Object.assign(lstatSync(join(projectDir, 'package.json')), {});
    expect(
      filter(join(projectDir, 'dist/electron/node_modules/better-sqlite3/build/Release/better_sqlite3.node'), fakeFile),
    ).toBe(false);
  });

  it('ship better-sqlite3 with its native addon unpacked from the asar, and smpp, but not what main.js bundles', () => {
    const modules = packedModuleFiles();
    const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    expect(modules).toContain(addon);
    expect(modules).toContain('node_modules/better-sqlite3/lib/index.js');
    expect(modules).toContain('node_modules/smpp/lib/pdu.js');
    expect(modules.some((f) => f.startsWith('node_modules/iconv-lite/'))).toBe(true);
    for (const bundled of ['zod', 'ws', 'csv-parse', 'libphonenumber-js'])
      expect(modules.filter((f) => f.startsWith(`node_modules/${bundled}/`))).toEqual([]);

    const unpack = fileMatcher.getFileMatchers(config, 'asarUnpack', appDest, {
      macroExpander: same,
      customBuildOptions: config.linux,
      globalOutDir: join(projectDir, 'release'),
      defaultSrc: projectDir,
    });
    const isUnpacked = unpack![0]!.createFilter();
    const stat = (rel: string): Stats & { moduleFullFilePath: string } =>
      Object.assign(lstatSync(join(projectDir, rel)), { moduleFullFilePath: rel });
    expect(isUnpacked(join(projectDir, addon), stat(addon))).toBe(true);
    expect(
      isUnpacked(
        join(projectDir, 'node_modules/better-sqlite3/lib/index.js'),
        stat('node_modules/better-sqlite3/lib/index.js'),
      ),
    ).toBe(false);
  });

  it("main.js imports only Electron, Node's built-ins and the packages the package ships; the preload only Electron, and no zod", () => {
    const main = readFileSync(requireBuilt('dist/electron/main.js'), 'utf8');
    const imported = new Set(
      [...main.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["'];?$/gm)].map((m) => m[1]!),
    );
    const external = [...imported].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name));
    expect(external.sort()).toEqual(['better-sqlite3', 'electron', 'smpp']);
    const shipped = new Set(packedModuleFiles().map((f) => f.split('/')[1]));
    for (const name of external.filter((n) => n !== 'electron')) expect(shipped.has(name)).toBe(true);
    // A CommonJS package bundled into ESM that requires something at run time (exceljs asks for
    // Node's built-ins) would fail ("Dynamic require ... is not supported") without the `require`
    // the build's banner makes first; and it may ask only for Node's built-ins.
    expect(
      main.startsWith("import { createRequire as bundleCreateRequire } from 'node:module'; const require = "),
    ).toBe(true);
    const required = [...main.matchAll(/__require\("([^"]+)"\)/g)].map((m) => m[1]!);
    expect(required.filter((name) => !builtinModules.includes(name.replace(/^node:/, '')))).toEqual([]);

    const preload = readFileSync(requireBuilt('dist/electron/preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).not.toMatch(/zod|ZodError/);
    expect(preload).toContain('attendance:req:');
  });
});
