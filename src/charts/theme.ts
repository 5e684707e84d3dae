// Light and dark chart themes. Each bakes a solid card background into the image, so a chart reads the
// same in a light or a dark chat client, and uses a handful of colours so the PNG stays a few KB.
// Spec builders refer to colours by name through the `palette` signal; applyTheme swaps its value.
import type { Config, Spec } from 'vega';

export type ChartTheme = 'light' | 'dark';
export const CHART_THEMES: readonly ChartTheme[] = ['light', 'dark'];

export interface Palette {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly actual: string;
  readonly target: string;
  readonly alert: string;
  readonly good: string;
  readonly warning: string;
  readonly bad: string;
  readonly neutral: string;
}

export const PALETTES: Readonly<Record<ChartTheme, Palette>> = {
  light: {
    background: '#ffffff',
    text: '#1d1c1d',
    muted: '#5e5d60',
    grid: '#e4e4e4',
    actual: '#1f6fc5',
    target: '#1a7f37',
    alert: '#c62828',
    good: '#2e8540',
    warning: '#b7791f',
    bad: '#c62828',
    neutral: '#8a8a8a',
  },
  dark: {
    background: '#1a1d21',
    text: '#e8e8e8',
    muted: '#a8a8ab',
    grid: '#34373c',
    actual: '#5ea8f2',
    target: '#46c26a',
    alert: '#ff6b6b',
    good: '#46c26a',
    warning: '#e6b450',
    bad: '#ff6b6b',
    neutral: '#8d8d90',
  },
};

/** The font every chart uses; the renderer loads it from the bundled DejaVu files. */
export const CHART_FONT = 'DejaVu Sans';

function themeConfig(p: Palette): Config {
  const axis = {
    domainColor: p.muted,
    tickColor: p.muted,
    gridColor: p.grid,
    labelColor: p.muted,
    titleColor: p.text,
    labelFont: CHART_FONT,
    titleFont: CHART_FONT,
    labelFontSize: 11,
  };
  return {
    background: p.background,
    axis,
    title: {
      color: p.text,
      subtitleColor: p.muted,
      font: CHART_FONT,
      subtitleFont: CHART_FONT,
      fontSize: 15,
      subtitleFontSize: 11,
      anchor: 'start',
      offset: 10,
    },
    text: { font: CHART_FONT, fill: p.text },
  };
}

/** A copy of the spec with the theme's background, text colours and palette. */
export function applyTheme(spec: Spec, theme: ChartTheme): Spec {
  const palette = PALETTES[theme];
  const signals = (spec.signals ?? []).filter((s) => s.name !== 'palette');
  return {
    ...spec,
    background: palette.background,
    config: { ...spec.config, ...themeConfig(palette) },
    signals: [{ name: 'palette', value: palette }, ...signals],
  };
}

/** Reference to a palette colour inside a spec encoding. */
export const colour = (name: keyof Palette) => ({ signal: `palette.${name}` });
