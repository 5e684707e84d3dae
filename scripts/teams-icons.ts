// Draws the Teams app icons into manifests/teams/: color.png (192x192, a white target on the accent
// colour) and outline.png (32x32, the white target on a transparent background, as Teams requires).
// PNGs are written by hand (zlib + CRC-32) so no image library is needed. Run: npx tsx scripts/teams-icons.ts
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit RGBA PNG from a pixel function. */
export function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const p = pixel(x, y);
      raw.set(
        p.map((v) => Math.round(Math.max(0, Math.min(255, v)))),
        y * (size * 4 + 1) + 1 + x * 4,
      );
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage (0..1) of the target glyph at (u, v) in unit coordinates centred on 0.5, 4x4 supersampled. */
function targetCoverage(u: number, v: number, px: number, scale: number): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const x = u + ((i + 0.5) / 4 - 0.5) * px - 0.5;
      const y = v + ((j + 0.5) / 4 - 0.5) * px - 0.5;
      const r = Math.hypot(x, y) / scale;
      // Outer ring, inner ring, centre dot.
      if ((r >= 0.36 && r <= 0.46) || (r >= 0.2 && r <= 0.29) || r <= 0.11) hits++;
    }
  }
  return hits / 16;
}

const ACCENT: Rgba = [0x2e, 0x5a, 0xac, 255];

function roundedSquare(u: number, v: number, radius: number): boolean {
  const dx = Math.max(0, Math.abs(u - 0.5) - (0.5 - radius));
  const dy = Math.max(0, Math.abs(v - 0.5) - (0.5 - radius));
  return Math.hypot(dx, dy) <= radius;
}

export function colorIcon(size = 192): Buffer {
  return png(size, (x, y) => {
    const u = (x + 0.5) / size;
    const v = (y + 0.5) / size;
    if (!roundedSquare(u, v, 0.18)) return [0, 0, 0, 0];
    const c = targetCoverage(u, v, 1 / size, 0.8);
    return [
      ACCENT[0] + (255 - ACCENT[0]) * c,
      ACCENT[1] + (255 - ACCENT[1]) * c,
      ACCENT[2] + (255 - ACCENT[2]) * c,
      255,
    ];
  });
}

export function outlineIcon(size = 32): Buffer {
  return png(size, (x, y) => [255, 255, 255, 255 * targetCoverage((x + 0.5) / size, (y + 0.5) / size, 1 / size, 1)]);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'manifests', 'teams');
  writeFileSync(join(dir, 'color.png'), colorIcon());
  writeFileSync(join(dir, 'outline.png'), outlineIcon());
  process.stdout.write(`icons written to ${dir}\n`);
}
