// Golden images of the charts: each sample is rendered and compared with its committed PNG in
// test/fixtures/charts, allowing small rendering noise (at most 1 % of pixels off by more than 40 per
// channel). After an intended visual change, regenerate with: UPDATE_GOLDEN=1 npx vitest run test/integration/charts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Spec } from 'vega';
import { describe, expect, it } from 'vitest';
import { attainmentBarsSpec } from '../../../src/charts/attainment-spec.js';
import { burnUpSpec } from '../../../src/charts/burn-up-spec.js';
import { renderChartPng } from '../../../src/charts/render.js';
import { type ChartTheme, PALETTES } from '../../../src/charts/theme.js';
import { trendSpec } from '../../../src/charts/trend-spec.js';
import { SAMPLE_ATTAINMENT, SAMPLE_BURN_UP, SAMPLE_BURN_UP_EMPTY, SAMPLE_TREND } from '../../helpers/chart-samples.js';
import { colourShare, decodePng, pixelDifference } from '../../helpers/png.js';

const DIR = join(import.meta.dirname, '../../fixtures/charts');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const MAX_DIFF = 0.01;
const MAX_BYTES = 30 * 1024;

const CASES: readonly { name: string; spec: () => Spec; theme: ChartTheme }[] = [
  { name: 'burnup-light-en', spec: () => burnUpSpec(SAMPLE_BURN_UP, { locale: 'en' }), theme: 'light' },
  { name: 'burnup-dark-fr', spec: () => burnUpSpec(SAMPLE_BURN_UP, { locale: 'fr' }), theme: 'dark' },
  { name: 'burnup-empty-light-fr', spec: () => burnUpSpec(SAMPLE_BURN_UP_EMPTY, { locale: 'fr' }), theme: 'light' },
  { name: 'attainment-light-fr', spec: () => attainmentBarsSpec(SAMPLE_ATTAINMENT, { locale: 'fr' }), theme: 'light' },
  { name: 'attainment-dark-en', spec: () => attainmentBarsSpec(SAMPLE_ATTAINMENT, { locale: 'en' }), theme: 'dark' },
  { name: 'trend-light-en', spec: () => trendSpec(SAMPLE_TREND, { locale: 'en' }), theme: 'light' },
];

describe('chart golden images', () => {
  it.each(CASES)('$name matches its golden image and stays small', async ({ name, spec, theme }) => {
    const png = await renderChartPng(spec(), { theme });
    const file = join(DIR, `${name}.png`);
    if (UPDATE) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(file, png);
    }
    expect(existsSync(file), `missing golden ${file}: run with UPDATE_GOLDEN=1`).toBe(true);
    const actual = decodePng(png);
    const golden = decodePng(readFileSync(file));
    expect(actual.width).toBe(640);
    expect(pixelDifference(actual, golden)).toBeLessThanOrEqual(MAX_DIFF);
    expect(png.length).toBeLessThan(MAX_BYTES);
    // A solid card of the theme's background: the chart reads the same on a light or dark client.
    expect(colourShare(actual, PALETTES[theme].background)).toBeGreaterThan(0.5);
    expect(actual.rgba.every((v, i) => i % 4 !== 3 || v === 255)).toBe(true);
  });

  it('notices a chart that changed (the comparison can fail)', async () => {
    const golden = decodePng(readFileSync(join(DIR, 'burnup-light-en.png')));
    const moved = await renderChartPng(burnUpSpec({ ...SAMPLE_BURN_UP, target: 45, alert: 35 }, { locale: 'en' }), {
      theme: 'light',
    });
    expect(pixelDifference(decodePng(moved), golden)).toBeGreaterThan(MAX_DIFF);
    const dark = await renderChartPng(burnUpSpec(SAMPLE_BURN_UP, { locale: 'en' }), { theme: 'dark' });
    expect(pixelDifference(decodePng(dark), golden)).toBeGreaterThan(0.5);
  });

  it('renders the same spec to the same pixels twice', async () => {
    const a = await renderChartPng(trendSpec(SAMPLE_TREND, { locale: 'fr' }), { theme: 'dark' });
    const b = await renderChartPng(trendSpec(SAMPLE_TREND, { locale: 'fr' }), { theme: 'dark' });
    expect(a.equals(b)).toBe(true);
  });
});
