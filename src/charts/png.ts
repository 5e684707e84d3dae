// A small lossless PNG writer for chart pixels: a chart on a solid card uses a few hundred colours at
// most (its palette plus anti-aliasing blends), so an indexed PNG (colour type 3) holds exactly the
// same pixels in about half the bytes of resvg's RGBA output. Images with more than 256 colours, or
// any transparency, are left to the caller's fallback.
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encodes opaque RGBA pixels (row-major, 4 bytes each) as an 8-bit indexed PNG, or returns undefined
 * when the image has a transparent pixel or more than 256 distinct colours.
 */
export function encodeIndexedPng(rgba: Uint8Array, width: number, height: number): Buffer | undefined {
  if (rgba.length !== width * height * 4) throw new Error('pixel buffer does not match the image size');
  const index = new Map<number, number>();
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    // Filter type 0 (none) on every row: the usual best choice for indexed images.
    rows[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      if (rgba[p + 3] !== 255) return undefined;
      const rgb = (rgba[p]! << 16) | (rgba[p + 1]! << 8) | rgba[p + 2]!;
      let i = index.get(rgb);
      if (i === undefined) {
        if (index.size === 256) return undefined;
        i = index.size;
        index.set(rgb, i);
      }
      rows[y * (width + 1) + 1 + x] = i;
    }
  }
  const palette = Buffer.alloc(index.size * 3);
  for (const [rgb, i] of index) palette.writeUIntBE(rgb, i * 3, 3);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // colour type: indexed
  // compression, filter and interlace methods: all 0
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', palette),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
