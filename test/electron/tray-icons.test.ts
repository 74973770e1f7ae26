/**
 * The tray icons in resources/tray/: one set per platform at the sizes its tray shows, exactly what
 * src-main/electron/packaging/make-tray-icons.mjs draws (so a changed script cannot leave stale files).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inflateSync } from 'node:zlib';
import { trayIconFile, type TrayIconName } from '../../src-main/electron/connection-tray.js';
import { projectDir } from './electron-binary.js';

vi.mock('electron', () => ({ Menu: {}, Tray: class {}, nativeImage: {} }));

const trayDir = join(projectDir, 'resources', 'tray');
const names: TrayIconName[] = ['bound', 'trouble', 'disconnected'];

/** Width, height and the alpha of the centre and corner pixels of an 8-bit RGBA, unfiltered PNG (as the script writes). */
function readPng(png: Buffer): { width: number; height: number; centreAlpha: number; cornerAlpha: number } {
  expect(png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  const alpha = (x: number, y: number): number => rows[y * (width * 4 + 1) + 1 + x * 4 + 3]!;
  return { width, height, centreAlpha: alpha(width >> 1, height >> 1), cornerAlpha: alpha(0, 0) };
}

/** The sizes of the PNG images inside an .ico. */
function icoSizes(ico: Buffer): number[] {
  expect(ico.readUInt16LE(2)).toBe(1);
  const sizes: number[] = [];
  for (let i = 0; i < ico.readUInt16LE(4); i++) {
    const entry = 6 + 16 * i;
    const png = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
    const { width, height } = readPng(png);
    expect([width, height]).toEqual([ico[entry] || 256, ico[entry + 1] || 256]);
    sizes.push(width);
  }
  return sizes;
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [relative(trayDir, join(dir, e.name))],
  );

describe('tray icons', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('Windows: one .ico per state with 16 to 48 px', () => {
    for (const name of names)
      expect(icoSizes(readFileSync(join(trayDir, ...trayIconFile('win32', name).slice(1))))).toEqual([
        16, 20, 24, 32, 40, 48,
      ]);
  });

  it.each([
    ['darwin', 16],
    ['linux', 22],
  ] as const)(
    '%s: a %i px PNG per state with its @2x beside it, an opaque dot on a transparent ground',
    (platform, size) => {
      for (const name of names) {
        const one = join(trayDir, ...trayIconFile(platform, name).slice(1));
        expect(readPng(readFileSync(one))).toEqual({ width: size, height: size, centreAlpha: 255, cornerAlpha: 0 });
        expect(readPng(readFileSync(one.replace(/\.png$/, '@2x.png')))).toMatchObject({
          width: size * 2,
          height: size * 2,
        });
      }
    },
  );

  it('are exactly what make-tray-icons.mjs draws, and nothing else is there', async () => {
    const out = mkdtempSync(join(tmpdir(), 'attendance-tray-'));
    dirs.push(out);
    const { makeTrayIcons } = (await import(
      join(projectDir, 'src-main', 'electron', 'packaging', 'make-tray-icons.mjs')
    )) as { makeTrayIcons(dir: string): string[] };
    const drawn = makeTrayIcons(out)
      .map((f) => relative(out, f))
      .sort();
    expect(files(trayDir).sort()).toEqual(drawn);
    for (const file of drawn)
      expect(readFileSync(join(trayDir, file)).equals(readFileSync(join(out, file))), file).toBe(true);
  });
});
