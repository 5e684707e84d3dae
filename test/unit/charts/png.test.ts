// The indexed PNG writer keeps every pixel exactly, and steps aside for images it cannot hold.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { burnUpSpec } from '../../../src/charts/burn-up-spec.js';
import { encodeIndexedPng } from '../../../src/charts/png.js';
import { CHART_FONT_FILES, renderChartSvg } from '../../../src/charts/render.js';
import { SAMPLE_BURN_UP } from '../../helpers/chart-samples.js';
import { decodePng } from '../../helpers/png.js';

describe('encodeIndexedPng', () => {
  it('holds exactly the pixels of a rendered chart, in fewer bytes than the RGBA PNG', async () => {
    const svg = await renderChartSvg(burnUpSpec(SAMPLE_BURN_UP, { locale: 'en' }), 'light');
    const image = new Resvg(svg, {
      font: { loadSystemFonts: false, fontFiles: [...CHART_FONT_FILES], defaultFontFamily: 'DejaVu Sans' },
    }).render();
    const rgbaPng = image.asPng();
    const indexed = encodeIndexedPng(image.pixels, image.width, image.height)!;
    expect(indexed).toBeDefined();
    const a = decodePng(indexed);
    const b = decodePng(rgbaPng);
    expect(a.colourType).toBe(3);
    expect(b.colourType).toBe(6);
    expect(Buffer.from(a.rgba).equals(Buffer.from(b.rgba))).toBe(true);
    expect(indexed.length).toBeLessThan(rgbaPng.length * 0.7);
  });

  it('returns undefined for more than 256 colours or any transparency', () => {
    const many = new Uint8Array(300 * 4);
    for (let i = 0; i < 300; i++) many.set([i & 0xff, i >> 8, 7, 255], i * 4);
    expect(encodeIndexedPng(many, 300, 1)).toBeUndefined();
    const clear = new Uint8Array([0, 0, 0, 255, 0, 0, 0, 128]);
    expect(encodeIndexedPng(clear, 2, 1)).toBeUndefined();
    const two = encodeIndexedPng(new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255]), 1, 2)!;
    expect(Array.from(decodePng(two).rgba)).toEqual([255, 0, 0, 255, 0, 0, 255, 255]);
  });
});
