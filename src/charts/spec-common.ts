// Pieces shared by the chart specs: the frame (size, title, subtitle), axes whose tick labels are
// written by us in the viewer's locale (a tick value -> text map in a signal, so the spec stays plain
// JSON), the frame of the line charts (burn-up, trend), and the "no data yet" message that a period
// without values shows instead of marks.
import type { Axis, Data, Mark, Signal, Spec, Title } from 'vega';
import type { Locale } from '../core/domain/model.js';
import { colour } from './theme.js';

/** What every spec builder takes besides its data. */
export interface ChartOptions {
  /** The viewer's language: titles, labels and number formats. */
  readonly locale: Locale;
}

export const CHART_WIDTH = 640;

/** Tick value -> label, as a signal the axis reads. Keys are `String(value)`, like `value + ''` in Vega. */
export function labelSignal(name: string, ticks: readonly { value: number; label: string }[]): Signal {
  return { name, value: Object.fromEntries(ticks.map((tk) => [String(tk.value), tk.label])) };
}

export function axisWithLabels(
  orient: 'left' | 'bottom',
  scale: string,
  signal: string,
  values: readonly number[],
  extra: Partial<Axis> = {},
): Axis {
  return {
    orient,
    scale,
    values: [...values],
    labelOverlap: false,
    ticks: orient === 'bottom',
    domain: orient === 'bottom',
    grid: orient === 'left',
    labelPadding: 6,
    encode: { labels: { update: { text: { signal: `${signal}[datum.value + '']` } } } },
    ...extra,
  };
}

export function chartTitle(text: string, subtitle: string): Title {
  return { text, subtitle, frame: 'bounds' };
}

/** The frame of every chart: fixed outer width (the PNG's), padding, a title. */
export function baseSpec(opts: { height: number; title: Title; signals?: Signal[] }): Spec {
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: CHART_WIDTH,
    height: opts.height,
    padding: { left: 16, right: 24, top: 14, bottom: 12 },
    autosize: { type: 'fit', contains: 'padding' },
    title: opts.title,
    signals: opts.signals ?? [],
  };
}

type Ticks = readonly { value: number; label: string }[];

/**
 * A line chart (burn-up, trend): linear x and y scales over their ticks, labelled axes on the left and
 * the bottom, the lines drawn first and every label over them.
 */
export function lineChartSpec(opts: {
  title: Title;
  xTicks: Ticks;
  yTicks: Ticks;
  xDomain: [number, number];
  data: Data[];
  lines: Mark[];
  labels: Mark[];
}): Spec {
  const { xTicks, yTicks } = opts;
  return {
    ...baseSpec({
      height: 300,
      title: opts.title,
      signals: [labelSignal('xlabels', xTicks), labelSignal('ylabels', yTicks)],
    }),
    data: opts.data,
    scales: [
      { name: 'x', type: 'linear', domain: opts.xDomain, range: 'width', zero: false, nice: false },
      {
        name: 'y',
        type: 'linear',
        domain: [yTicks[0]!.value, yTicks.at(-1)!.value],
        range: 'height',
        zero: false,
        nice: false,
      },
    ],
    axes: [
      axisWithLabels(
        'left',
        'y',
        'ylabels',
        yTicks.map((tk) => tk.value),
      ),
      axisWithLabels(
        'bottom',
        'x',
        'xlabels',
        xTicks.map((tk) => tk.value),
      ),
    ],
    marks: [...opts.lines, ...opts.labels],
  };
}

/** The centred "no data for this period yet" message over the plot area. */
export function emptyMessage(text: string): Mark[] {
  return haloText('empty', {
    x: { signal: 'width / 2' },
    y: { signal: 'height / 2' },
    align: { value: 'center' },
    baseline: { value: 'middle' },
    text: { value: text },
    fontSize: { value: 15 },
    fill: colour('muted'),
  });
}

/**
 * A text label drawn over a halo of the card's colour (the same text, stroked, underneath), so it stays
 * legible where it crosses a line or a grid rule.
 */
export function haloText(
  name: string,
  enter: NonNullable<NonNullable<Mark['encode']>['enter']>,
  dataName?: string,
): Mark[] {
  const from = dataName === undefined ? {} : { from: { data: dataName } };
  const halo = {
    ...enter,
    fill: colour('background'),
    stroke: colour('background'),
    strokeWidth: { value: 4 },
    strokeJoin: { value: 'round' as const },
  };
  return [
    { type: 'text', name: `${name}-halo`, ...from, encode: { enter: halo } },
    { type: 'text', name, ...from, encode: { enter } },
  ];
}
