/**
 * The steps `npm start` and `npm run package` take before Electron runs: the Node version check
 * (run for real, as npm runs it) and the decision whether the Electron copy of better-sqlite3 must
 * be built again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectDir } from './electron-binary.js';

interface CheckModule {
  minimumOf(range: string): number[] | null;
  nodeVersionProblem(command: string, current: string, requirements: { name: string; range: string }[]): string | null;
  installedRequirements(projectDir: string): { name: string; range: string }[];
}
interface NativeAbiModule {
  nativeCopyStatus(target: string, sourceVersion: string, abi: number): { current: boolean; why: string };
}
const packaging = join(projectDir, 'src-main', 'electron', 'packaging');
const load = async <T>(name: string): Promise<T> => (await import(join(packaging, name))) as T;

describe('the Node version the desktop commands need', () => {
  it("reads it from the installed Electron tools' engines, and names the command, the need and this Node", async () => {
    const { installedRequirements, minimumOf, nodeVersionProblem } = await load<CheckModule>('check-node-version.mjs');
    const requirements = installedRequirements(projectDir);
    expect(requirements.map((r) => r.name)).toContain('electron');
    expect(requirements.every((r) => minimumOf(r.range) !== null)).toBe(true);
    const problem = nodeVersionProblem('npm start', '20.19.0', [
      { name: 'electron', range: '>= 22.12.0' },
      { name: '@electron/rebuild', range: '>=22.12.0' },
    ]);
    expect(problem).toMatch(
      /^npm start needs Node\.js 22\.12\.0 or newer \(electron, @electron\/rebuild require it\); this is Node\.js 20\.19\.0\./,
    );
    expect(problem).toMatch(/tests, the CLI and the preview run on this one/);
    expect(nodeVersionProblem('npm start', '22.12.0', [{ name: 'electron', range: '>= 22.12.0' }])).toBeNull();
    expect(nodeVersionProblem('npm start', '24.1.0', [{ name: 'electron', range: '>= 22.12.0' }])).toBeNull();
    expect(nodeVersionProblem('npm start', '22.11.9', [{ name: 'electron', range: '>= 22.12.0' }])).toMatch(
      /22\.12\.0/,
    );
    expect(nodeVersionProblem('npm start', '20.0.0', [{ name: 'odd', range: '^18 || ^20' }])).toBeNull();
  });

  it('as a step of npm start: exits 1 with that sentence on an older Node, 0 on a new enough one', async () => {
    const { installedRequirements, minimumOf } = await load<CheckModule>('check-node-version.mjs');
    const needed = installedRequirements(projectDir).map((r) => minimumOf(r.range)!);
    const newest = needed.reduce((a, b) =>
      a[0]! * 1e6 + a[1]! * 1e3 + a[2]! >= b[0]! * 1e6 + b[1]! * 1e3 + b[2]! ? a : b,
    );
    const [major, minor, patch] = process.versions.node.split('.').map(Number) as [number, number, number];
    const oldEnough = major * 1e6 + minor * 1e3 + patch < newest[0]! * 1e6 + newest[1]! * 1e3 + newest[2]!;
    const run = spawnSync(process.execPath, [join(packaging, 'check-node-version.mjs'), 'npm start'], {
      encoding: 'utf8',
    });
    if (oldEnough) {
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`npm start needs Node.js ${newest.join('.')} or newer`);
      expect(run.stderr).toContain(`this is Node.js ${process.versions.node}`);
    } else {
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
    }
  });
});

describe('the Electron copy of better-sqlite3 (npm start)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const copy = (version: string | null, abi: number | null): string => {
    const dir = mkdtempSync(join(tmpdir(), 'attendance-native-'));
    dirs.push(dir);
    if (version !== null) writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version }));
    if (abi !== null) {
      mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
      writeFileSync(
        join(dir, 'build', 'Release', 'better_sqlite3.node'),
        Buffer.from(`\x7fELF....node_register_module_v${abi}\0....`, 'latin1'),
      );
    }
    return dir;
  };

  it("is rebuilt when better-sqlite3's version changed, not only when Electron's ABI did", async () => {
    const { nativeCopyStatus } = await load<NativeAbiModule>('native-abi.mjs');
    expect(nativeCopyStatus(copy('12.11.1', 140), '12.11.1', 140)).toEqual({ current: true, why: 'up to date' });
    expect(nativeCopyStatus(copy('12.10.0', 140), '12.11.1', 140)).toEqual({
      current: false,
      why: 'it is better-sqlite3 12.10.0, the project now has 12.11.1',
    });
    expect(nativeCopyStatus(copy('12.11.1', 139), '12.11.1', 140)).toMatchObject({
      current: false,
      why: expect.stringContaining('ABI 139') as string,
    });
    expect(nativeCopyStatus(copy(null, 140), '12.11.1', 140)).toMatchObject({ current: false, why: 'not built yet' });
    expect(nativeCopyStatus(copy('12.11.1', null), '12.11.1', 140)).toMatchObject({
      current: false,
      why: 'not built yet',
    });
  });
});
