// The Teams app package: manifest.json valid against the official v1.19 schema (as committed and as
// filled by the package script), the icons Teams requires (color 192x192, outline 32x32 with a
// transparent background and a white glyph), and the zip the package script writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync, inflateSync } from 'node:zlib';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { colorIcon, outlineIcon } from '../../../scripts/teams-icons.js';
import { buildPackage, fillManifest, packageOptionsFromEnv } from '../../../scripts/teams-package.js';
import { repoRoot } from '../../helpers/cli.js';

const DIR = join(repoRoot, 'manifests/teams');
// Microsoft's schema, copied into the repository (its source URL: test/fixtures/schemas/README.md).
const SCHEMA = join(repoRoot, 'test/fixtures/schemas/MicrosoftTeams.v1.19.schema.json');
const APP_ID = '6f0c2a7e-1b2d-4c3e-9f40-5a6b7c8d9e0f';

const manifest = () => JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8'));

// ajv-draft-04 is CommonJS: under NodeNext its class is the default export's `default`.
const Ajv = AjvDraft04.default;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
}

interface Png {
  width: number;
  height: number;
  colorType: number;
  /** RGBA pixels (8-bit RGBA images only). */
  pixels: Buffer;
}

/** Reads the IHDR chunk (and, for 8-bit RGBA, the pixels) of a PNG. */
function readPng(buf: Buffer): Png {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(buf.toString('ascii', 12, 16)).toBe('IHDR');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const colorType = buf[25]!;
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off);
    if (buf.toString('ascii', off + 4, off + 8) === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  // Our icons use filter 0 on every row; anything else would need unfiltering.
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, colorType, pixels };
}

/** Entries of a zip, read from its central directory. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(off + 10);
    const size = buf.readUInt32LE(off + 20);
    const nameLen = buf.readUInt16LE(off + 28);
    const extra = buf.readUInt16LE(off + 30);
    const comment = buf.readUInt16LE(off + 32);
    const local = buf.readUInt32LE(off + 42);
    const name = buf.toString('utf8', off + 46, off + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + size);
    out.set(name, method === 8 ? inflateRawSync(data) : data);
    off += 46 + nameLen + extra + comment;
  }
  return out;
}

describe('Teams manifest', () => {
  it('is valid against the official v1.19 schema', () => {
    const validate = validator();
    expect(validate(manifest()), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('the schema check is real: a broken manifest fails it', () => {
    const validate = validator();
    const broken = manifest();
    broken.bots[0].scopes = ['personal', 'everywhere'];
    delete broken.developer;
    expect(validate(broken)).toBe(false);
  });

  it('declares one bot in personal, team and group chat with every typed command listed', () => {
    const m = manifest();
    expect(m.manifestVersion).toBe('1.19');
    expect(m.bots).toHaveLength(1);
    expect(m.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    const personal = m.bots[0].commandLists.find((l: { scopes: string[] }) => l.scopes.includes('personal'));
    expect(personal.commands.map((c: { title: string }) => c.title)).toEqual([
      'checkin',
      'me',
      'leaderboard',
      'progress',
      'standup',
      'ooo',
      'run',
      'help',
    ]);
  });

  it('filled by the package script it is still valid, with the app id and the bot domain', () => {
    const filled = fillManifest(
      manifest(),
      packageOptionsFromEnv({ MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: 'https://rituals.contoso.com/base' }),
    );
    expect(filled.id).toBe(APP_ID);
    expect(filled.bots[0].botId).toBe(APP_ID);
    expect(filled.validDomains).toEqual(['rituals.contoso.com']);
    const validate = validator();
    expect(validate(filled), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => fillManifest(manifest(), { appId: '' })).toThrow(/MICROSOFT_APP_ID/);
    expect(() => fillManifest(manifest(), { appId: 'my-bot' })).toThrow(/GUID/);
  });
});

describe('Teams icons', () => {
  it('color.png is a 192x192 PNG', () => {
    const png = readPng(readFileSync(join(DIR, 'color.png')));
    expect([png.width, png.height]).toEqual([192, 192]);
  });

  it('outline.png is a 32x32 PNG, transparent around a white glyph', () => {
    const png = readPng(readFileSync(join(DIR, 'outline.png')));
    expect([png.width, png.height, png.colorType]).toEqual([32, 32, 6]);
    let opaque = 0;
    for (let i = 0; i < png.pixels.length; i += 4) {
      const [r, g, b, a] = png.pixels.subarray(i, i + 4);
      if (a! > 0) {
        opaque++;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(png.pixels[3]).toBe(0); // the top-left corner is transparent
    expect(opaque).toBeGreaterThan(50);
    expect(opaque).toBeLessThan(32 * 32);
  });

  it('the committed icons are what scripts/teams-icons.ts draws', () => {
    expect(readPng(colorIcon()).pixels.equals(readPng(readFileSync(join(DIR, 'color.png'))).pixels)).toBe(true);
    expect(readPng(outlineIcon()).pixels.equals(readPng(readFileSync(join(DIR, 'outline.png'))).pixels)).toBe(true);
  });
});

describe('Teams package', () => {
  it('zips manifest.json and both icons flat, with the ids filled in', async () => {
    const zip = unzip(await buildPackage({ appId: APP_ID, botDomain: 'rituals.contoso.com' }));
    expect([...zip.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const m = JSON.parse(zip.get('manifest.json')!.toString('utf8'));
    expect([m.id, m.bots[0].botId, m.validDomains]).toEqual([APP_ID, APP_ID, ['rituals.contoso.com']]);
    expect(zip.get('outline.png')).toEqual(readFileSync(join(DIR, 'outline.png')));
  });
});
