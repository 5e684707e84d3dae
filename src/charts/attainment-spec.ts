// Attainment bar chart of a team (Vega spec): one horizontal bar per member, best first, coloured by
// pace status, its percentage at the end, and the target as a vertical line at 100 %.
import type { Mark, Spec } from 'vega';
import { formatPercent } from '../core/i18n/format.js';
import { t } from '../core/i18n/index.js';
import type { AttainmentData } from './chart-data.js';
import { niceTicks, periodName, shortDate, tickLabels } from './labels.js';
import {
  axisWithLabels,
  baseSpec,
  type ChartOptions,
  chartTitle,
  emptyMessage,
  haloText,
  labelSignal,
} from './spec-common.js';
import { colour } from './theme.js';

const BAR_STEP = 30;

export function attainmentBarsSpec(data: AttainmentData, opts: ChartOptions): Spec {
  const { locale } = opts;
  const percent = { type: 'percent' } as const;
  const max = Math.max(1.2, ...data.bars.map((b) => b.attainment ?? 0));
  const xTicks = tickLabels(locale, niceTicks(0, max, 5), percent);
  const period = periodName(locale, data.period);
  const title = chartTitle(
    data.kpi
      ? t(locale, 'chart.attainment.kpiTitle', { kpi: data.kpi.label[locale], period })
      : t(locale, 'chart.attainment.title', { period }),
    data.kpi
      ? t(locale, 'chart.asOf', { team: data.teamName, date: shortDate(locale, data.asOfDate) })
      : t(locale, 'chart.attainment.score', { team: data.teamName, date: shortDate(locale, data.asOfDate) }),
  );
  const rows = data.bars.map((b, i) => ({
    // Keyed by position: two members may share a name.
    row: i,
    name: b.name,
    value: data.hasData ? (b.attainment ?? 0) : 0,
    label: b.attainment === null ? t(locale, 'value.none') : formatPercent(locale, b.attainment, 0),
    tone: b.tone,
  }));

  const marks: Mark[] = [
    {
      type: 'rect',
      name: 'bar-rects',
      from: { data: 'bars' },
      encode: {
        enter: {
          x: { scale: 'x', value: 0 },
          x2: { scale: 'x', field: 'value' },
          y: { scale: 'y', field: 'row' },
          height: { scale: 'y', band: 1 },
          fill: { signal: 'palette[datum.tone]' },
        },
      },
    },
    {
      type: 'rule',
      name: 'target-line',
      encode: {
        enter: {
          x: { scale: 'x', value: 1 },
          y: { value: -6 },
          y2: { signal: 'height' },
          stroke: colour('text'),
          strokeWidth: { value: 1.5 },
          strokeDash: { value: [4, 3] },
        },
      },
    },
    ...haloText('target-label', {
      x: { scale: 'x', value: 1, offset: 4 },
      y: { value: -6 },
      baseline: { value: 'middle' },
      text: { value: t(locale, 'chart.target', { value: formatPercent(locale, 1, 0) }) },
      fontSize: { value: 10 },
      fill: colour('text'),
    }),
  ];
  if (data.hasData) {
    marks.push(
      ...haloText(
        'bar-values',
        {
          x: { scale: 'x', field: 'value', offset: 6 },
          y: { scale: 'y', field: 'row', band: 0.5 },
          baseline: { value: 'middle' },
          text: { field: 'label' },
          fontSize: { value: 11 },
          fontWeight: { value: 'bold' },
          fill: colour('text'),
        },
        'bars',
      ),
    );
  } else {
    marks.push(...emptyMessage(t(locale, 'chart.noData')));
  }

  // The plot grows with the team; the title and the axis take about 100 px more.
  return {
    ...baseSpec({
      height: Math.max(3, rows.length) * BAR_STEP + 100,
      title,
      signals: [labelSignal('xlabels', xTicks), { name: 'names', value: rows.map((r) => r.name) }],
    }),
    data: [{ name: 'bars', values: rows }],
    scales: [
      { name: 'x', type: 'linear', domain: [0, xTicks.at(-1)!.value], range: 'width', nice: false, zero: true },
      {
        name: 'y',
        type: 'band',
        domain: rows.map((r) => r.row),
        range: 'height',
        paddingInner: 0.3,
        paddingOuter: 0.15,
      },
    ],
    axes: [
      axisWithLabels(
        'bottom',
        'x',
        'xlabels',
        xTicks.map((tk) => tk.value),
        { grid: true },
      ),
      {
        orient: 'left',
        scale: 'y',
        ticks: false,
        domain: false,
        labelPadding: 8,
        labelFontSize: 12,
        labelColor: { signal: 'palette.text' },
        encode: { labels: { update: { text: { signal: 'names[datum.value]' } } } },
      },
    ],
    marks,
  };
}
