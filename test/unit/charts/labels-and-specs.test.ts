// Chart text and specs: round ticks, labels in the viewer's language and number format, the empty-data
// message, and specs that are plain JSON with their data inline (no URL to load).
import type { Spec } from 'vega';
import { describe, expect, it } from 'vitest';
import { attainmentBarsSpec } from '../../../src/charts/attainment-spec.js';
import { burnUpSpec } from '../../../src/charts/burn-up-spec.js';
import { niceTicks, periodName, tickLabels } from '../../../src/charts/labels.js';
import { applyTheme, PALETTES } from '../../../src/charts/theme.js';
import { trendSpec } from '../../../src/charts/trend-spec.js';
import { SAMPLE_ATTAINMENT, SAMPLE_BURN_UP, SAMPLE_BURN_UP_EMPTY, SAMPLE_TREND } from '../../helpers/chart-samples.js';

// Intl writes narrow no-break spaces in French: make them plain to compare.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

/** Every piece of text a spec will draw: titles, mark texts and axis label maps. */
function texts(spec: Spec): string[] {
  const out: string[] = [];
  const title = spec.title as { text: string; subtitle: string };
  out.push(title.text, title.subtitle);
  for (const s of spec.signals ?? []) {
    if ('value' in s && s.value && typeof s.value === 'object' && !Array.isArray(s.value) && s.name !== 'palette')
      out.push(...Object.values(s.value as Record<string, string>));
    if ('value' in s && Array.isArray(s.value)) out.push(...(s.value as string[]));
  }
  for (const m of spec.marks ?? []) {
    const text = (m.encode?.enter as { text?: { value?: string } } | undefined)?.text?.value;
    if (text) out.push(text);
  }
  for (const d of spec.data ?? [])
    for (const row of 'values' in d ? (d.values as Record<string, unknown>[]) : [])
      if (typeof row.label === 'string') out.push(row.label);
  return out.map(plain);
}

describe('niceTicks', () => {
  it.each([
    [0, 30, 5, false, [0, 10, 20, 30]],
    [0, 27.4, 5, false, [0, 10, 20, 30]],
    [0, 150_000, 5, false, [0, 50_000, 100_000, 150_000]],
    [0, 1.32, 5, false, [0, 0.5, 1, 1.5]],
    [0, 12, 5, false, [0, 2.5, 5, 7.5, 10, 12.5]],
    [0, 12, 5, true, [0, 5, 10, 15]],
    [0, 3, 5, true, [0, 1, 2, 3]],
    [0, 0, 5, false, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0.18, 0.3, 5, false, [0.175, 0.2, 0.225, 0.25, 0.275, 0.3]],
  ] as const)('(%d, %d, %d, whole %s) -> %j', (min, max, count, whole, expected) => {
    expect(niceTicks(min, max, count, whole)).toEqual(expected);
  });
});

describe('tick labels', () => {
  it('uses the locale and one notation per axis', () => {
    const eur = { type: 'currency', currency: 'EUR' } as const;
    expect(tickLabels('en', [0, 50_000, 100_000], eur).map((t) => plain(t.label))).toEqual(['€0', '€50k', '€100k']);
    expect(tickLabels('fr', [0, 50_000, 100_000], eur).map((t) => plain(t.label))).toEqual([
      '0 €',
      '50 k €',
      '100 k €',
    ]);
    expect(tickLabels('en', [0, 2500, 5000], eur).map((t) => plain(t.label))).toEqual(['€0', '€2,500', '€5,000']);
    expect(tickLabels('fr', [0, 0.5, 1], { type: 'percent' }).map((t) => plain(t.label))).toEqual([
      '0 %',
      '50 %',
      '100 %',
    ]);
    expect(tickLabels('en', [0, 0.5, 1], { type: 'percent' }).map((t) => t.label)).toEqual(['0%', '50%', '100%']);
    expect(tickLabels('en', [0.175, 0.2, 0.225], { type: 'percent' }).map((t) => t.label)).toEqual([
      '17.5%',
      '20%',
      '22.5%',
    ]);
    expect(tickLabels('fr', [0, 2.5, 5], { type: 'score', max: 5 }).map((t) => t.label)).toEqual(['0', '2,5', '5']);
  });

  it('names periods in the viewer language', () => {
    expect(periodName('en', { kind: 'quarter', key: '2026-Q4', start: '2026-10-01' })).toBe('Q4 2026');
    expect(periodName('fr', { kind: 'quarter', key: '2026-Q4', start: '2026-10-01' })).toBe('T4 2026');
    expect(periodName('fr', { kind: 'month', key: '2026-11', start: '2026-11-01' })).toBe('novembre 2026');
    expect(periodName('en', { kind: 'week', key: '2026-W47', start: '2026-11-16' })).toBe('Week 47, 2026');
    expect(periodName('fr', { kind: 'quarter', key: 'FY2026-Q1', start: '2026-04-01' })).toBe('T1 FY2026');
  });
});

describe('burn-up spec', () => {
  it('labels target, alert and projection in the viewer language and number format', () => {
    expect(texts(burnUpSpec(SAMPLE_BURN_UP, { locale: 'en' }))).toEqual(
      expect.arrayContaining([
        '30 new ICP opportunities via ABM — Q4 2026',
        'Ventes France · as of 17 Nov',
        'Target 30',
        'Alert 20',
        'Projected 27.4',
        '16',
        '1 Oct',
        '1 Nov',
        '1 Dec',
      ]),
    );
    expect(texts(burnUpSpec(SAMPLE_BURN_UP, { locale: 'fr' }))).toEqual(
      expect.arrayContaining([
        "30 nouvelles opportunités ICP grâce à l'ABM — T4 2026",
        'Ventes France · au 17 nov.',
        'Objectif 30',
        'Alerte 20',
        'Projection 27,4',
        '1 oct.',
      ]),
    );
  });

  it('says so when the period has no data yet, and draws no series', () => {
    const spec = burnUpSpec(SAMPLE_BURN_UP_EMPTY, { locale: 'fr' });
    expect(texts(spec)).toContain('Pas encore de données pour cette période');
    expect(texts(burnUpSpec(SAMPLE_BURN_UP_EMPTY, { locale: 'en' }))).toContain('No data for this period yet');
    expect((spec.marks ?? []).map((m) => m.name)).not.toContain('actual-line');
    expect(texts(burnUpSpec(SAMPLE_BURN_UP, { locale: 'en' }))).not.toContain('No data for this period yet');
  });

  it("puts each day's figure at the end of that day, from zero for a sum, then the projection to the end", () => {
    const data = (d: typeof SAMPLE_BURN_UP) =>
      Object.fromEntries(
        (burnUpSpec(d, { locale: 'en' }).data ?? []).map((x) => [
          x.name,
          'values' in x ? (x.values as { x: number; y: number }[]) : [],
        ]),
      );
    const sum = data(SAMPLE_BURN_UP);
    expect(sum.actual!.slice(0, 4)).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 2, y: 0 },
      { x: 3, y: 1 },
    ]);
    expect(sum.actual).toHaveLength(49);
    // 17 November is day 48 of Q4 (from 1 October); 31 December ends day 92.
    expect(sum.projection).toEqual([
      { x: 48, y: 16 },
      { x: 92, y: 27.4 },
    ]);
    const rate = data({ ...SAMPLE_BURN_UP, cumulative: false });
    expect(rate.actual![0]).toEqual({ x: 1, y: 0 });
    expect(rate.actual).toHaveLength(48);
  });
});

describe('attainment spec', () => {
  it('has one bar per member in order, percent labels and the 100 % target line', () => {
    const spec = attainmentBarsSpec(SAMPLE_ATTAINMENT, { locale: 'fr' });
    const bars = (spec.data![0] as { values: { name: string; label: string; tone: string }[] }).values;
    expect(bars.map((b) => [b.name, plain(b.label), b.tone])).toEqual([
      ['Hugo Bernard', '132 %', 'good'],
      ['Léa Dubois', '97 %', 'warning'],
      ['Alice Martin', '61 %', 'bad'],
      ['Camille Roux', '5 %', 'bad'],
      ['Thomas Petit', '—', 'neutral'],
    ]);
    expect(texts(spec)).toEqual(
      expect.arrayContaining(['Atteinte des objectifs — novembre 2026', 'Objectif 100 %', '150 %']),
    );
    expect(texts(attainmentBarsSpec(SAMPLE_ATTAINMENT, { locale: 'en' }))).toEqual(
      expect.arrayContaining(['Target 100%', 'Attainment — November 2026']),
    );
  });

  it('names one KPI in the title when the bars are that KPI', () => {
    const spec = attainmentBarsSpec(
      { ...SAMPLE_ATTAINMENT, kpi: { id: 'mql', label: { en: 'MQL', fr: 'MQL' } } },
      { locale: 'en' },
    );
    expect(texts(spec)).toContain('MQL: attainment — November 2026');
  });
});

describe('trend spec', () => {
  it('labels every other week (the latest always), the weekly target and the last value', () => {
    const all = texts(trendSpec(SAMPLE_TREND, { locale: 'en' }));
    expect(all).toEqual(
      expect.arrayContaining([
        'Qualified meetings — Hugo Bernard',
        'Last 12 weeks, to 18 Nov',
        'Weekly target',
        '4',
        '16 Nov',
        '2 Nov',
      ]),
    );
    expect(all).not.toContain('9 Nov');
  });
});

describe('themes', () => {
  it('bake a solid background and swap the palette, leaving the spec otherwise alone', () => {
    const spec = burnUpSpec(SAMPLE_BURN_UP, { locale: 'en' });
    for (const theme of ['light', 'dark'] as const) {
      const themed = applyTheme(spec, theme);
      expect(themed.background).toBe(PALETTES[theme].background);
      expect(themed.signals!.filter((s) => s.name === 'palette')).toEqual([
        { name: 'palette', value: PALETTES[theme] },
      ]);
      expect(themed.marks).toBe(spec.marks);
    }
  });

  it('specs are plain JSON with inline data only', () => {
    for (const spec of [
      burnUpSpec(SAMPLE_BURN_UP, { locale: 'en' }),
      attainmentBarsSpec(SAMPLE_ATTAINMENT, { locale: 'en' }),
      trendSpec(SAMPLE_TREND, { locale: 'en' }),
    ]) {
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
      expect(JSON.stringify(spec)).not.toMatch(/"url"/);
    }
  });
});
