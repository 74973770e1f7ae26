#!/usr/bin/env node
/**
 * Draws the tray icons into resources/tray/ (or the folder given as the first argument), one set
 * per platform, each at the sizes that platform's tray shows, so that no icon is scaled down
 * (and blurred) at run time:
 * - win32/NAME.ico: 16, 20, 24, 32, 40 and 48 px in one icon (100 % to 300 % display scaling);
 * - darwin/NAME.png 16 px and NAME@2x.png 32 px (the menu bar, Retina);
 * - linux/NAME.png 22 px and NAME@2x.png 44 px (the freedesktop tray size, HiDPI).
 * Electron's nativeImage picks the @2x file beside the 1x one by itself. The picture is a dot in
 * the state's colour with a white rim, anti-aliased; the output is deterministic, and a test checks
 * that the committed files are exactly what this script draws. Plain Node, no image tools needed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

export const TRAY_STATES = { bound: [0x22, 0xa3, 0x55], trouble: [0xd0, 0x8a, 0x00], disconnected: [0x8a, 0x93, 0x9c] };
export const TRAY_SIZES = { win32: [16, 20, 24, 32, 40, 48], darwin: [16, 32], linux: [22, 44] };

/** RGBA pixels of a dot of `size` px: white rim, coloured inside, transparent around; 4×4 samples per pixel. */
export function drawDot(size, [r, g, b]) {
  const pixels = Buffer.alloc(size * size * 4);
  const centre = size / 2;
  const outer = size / 2 - size / 32; // a little room for the anti-aliased edge
  const inner = outer - Math.max(1, size / 10); // the rim
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let cover = 0;
      let fill = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const d = Math.hypot(x + (sx + 0.5) / n - centre, y + (sy + 0.5) / n - centre);
          if (d <= outer) cover++;
          if (d <= inner) fill++;
        }
      }
      const i = (y * size + x) * 4;
      if (cover === 0) continue;
      const f = fill / cover; // share of the covered part that is colour rather than white rim
      pixels[i] = Math.round(r * f + 255 * (1 - f));
      pixels[i + 1] = Math.round(g * f + 255 * (1 - f));
      pixels[i + 2] = Math.round(b * f + 255 * (1 - f));
      pixels[i + 3] = Math.round((255 * cover) / (n * n));
    }
  }
  return pixels;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG of RGBA `pixels` (8 bits per channel, no filter). */
export function encodePng(size, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico holding one PNG per size (PNG entries: Windows Vista and later). */
export function encodeIco(pngs) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  const entries = [];
  let offset = 6 + 16 * pngs.length;
  for (const { size, png } of pngs) {
    const entry = Buffer.alloc(16);
    entry[0] = size >= 256 ? 0 : size;
    entry[1] = size >= 256 ? 0 : size;
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.png)]);
}

export function makeTrayIcons(outDir) {
  const written = [];
  const write = (path, data) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    written.push(path);
  };
  for (const [name, colour] of Object.entries(TRAY_STATES)) {
    const png = (size) => encodePng(size, drawDot(size, colour));
    write(join(outDir, 'win32', `${name}.ico`), encodeIco(TRAY_SIZES.win32.map((size) => ({ size, png: png(size) }))));
    for (const platform of ['darwin', 'linux']) {
      const [one, two] = TRAY_SIZES[platform];
      write(join(outDir, platform, `${name}.png`), png(one));
      write(join(outDir, platform, `${name}@2x.png`), png(two));
    }
  }
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir =
    process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'tray');
  for (const file of makeTrayIcons(outDir)) console.log(`wrote ${file}`);
}
