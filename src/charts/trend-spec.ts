// Trend chart of a member's KPI over the last weeks (Vega spec): the weekly figure as a line with
// points (weeks without values are gaps), the weekly target as a dashed line, the latest value labelled.
import type { Mark, Spec } from 'vega';
import { t } from '../core/i18n/index.js';
import type { TrendData } from './chart-data.js';
import { niceTicks, shortDate, tickLabels, valueLabel, wholeUnit } from './labels.js';
import { type ChartOptions, chartTitle, emptyMessage, haloText, lineChartSpec } from './spec-common.js';
import { colour } from './theme.js';

export function trendSpec(data: TrendData, opts: ChartOptions): Spec {
  const { locale } = opts;
  const { unit } = data;
  const numbers = [0, ...data.weeks.flatMap((w) => [w.actual, w.target]).filter((v): v is number => v !== null)];
  const yTicks = tickLabels(locale, niceTicks(Math.min(...numbers), Math.max(...numbers), 5, wholeUnit(unit)), unit);
  // Every other week is labelled (the latest always) so day-month labels never run into each other.
  const n = data.weeks.length;
  const xTicks = data.weeks.map((w, i) => ({
    value: i,
    label: n <= 6 || (n - 1 - i) % 2 === 0 ? shortDate(locale, w.start) : '',
  }));
  const title = chartTitle(
    t(locale, 'chart.trend.title', { kpi: data.label[locale], member: data.memberName }),
    t(locale, 'chart.trend.subtitle', { n: data.weeks.length, date: shortDate(locale, data.asOfDate) }),
  );
  const rows = data.weeks.map((w, i) => ({ x: i, actual: w.actual, target: w.target }));
  const hasTarget = rows.some((r) => r.target !== null);
  const lastIndex = rows.findLastIndex((r) => r.actual !== null);

  const lines: Mark[] = [];
  const labels: Mark[] = [];
  if (hasTarget) {
    lines.push({
      type: 'line',
      name: 'target-line',
      from: { data: 'weeks' },
      encode: {
        enter: {
          x: { scale: 'x', field: 'x' },
          y: { scale: 'y', field: 'target' },
          defined: { signal: 'datum.target !== null' },
          interpolate: { value: 'step' },
          stroke: colour('target'),
          strokeWidth: { value: 2 },
          strokeDash: { value: [6, 4] },
        },
      },
    });
    const first = rows.find((r) => r.target !== null)!;
    labels.push(
      ...haloText('target-label', {
        x: { scale: 'x', value: first.x },
        y: { scale: 'y', value: first.target!, offset: -6 },
        baseline: { value: 'bottom' },
        text: { value: t(locale, 'chart.trend.weeklyTarget') },
        fontSize: { value: 11 },
        fontWeight: { value: 'bold' },
        fill: colour('target'),
      }),
    );
  }
  if (!data.hasData) {
    labels.push(...emptyMessage(t(locale, 'chart.noData')));
  } else {
    lines.push(
      {
        type: 'line',
        name: 'actual-line',
        from: { data: 'weeks' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { scale: 'y', field: 'actual' },
            defined: { signal: 'datum.actual !== null' },
            stroke: colour('actual'),
            strokeWidth: { value: 2.5 },
          },
        },
      },
      {
        type: 'symbol',
        name: 'actual-points',
        from: { data: 'points' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { scale: 'y', field: 'actual' },
            size: { value: 36 },
            fill: colour('actual'),
          },
        },
      },
    );
    const last = rows[lastIndex]!;
    labels.push(
      ...haloText('last-label', {
        x: { scale: 'x', value: last.x, offset: lastIndex > rows.length - 3 ? -8 : 8 },
        y: { scale: 'y', value: last.actual!, offset: -10 },
        align: { value: lastIndex > rows.length - 3 ? 'right' : 'left' },
        text: { value: valueLabel(locale, last.actual, unit) },
        fontSize: { value: 12 },
        fontWeight: { value: 'bold' },
        fill: colour('text'),
      }),
    );
  }

  return lineChartSpec({
    title,
    xTicks,
    yTicks,
    xDomain: [-0.5, Math.max(0.5, rows.length - 0.5)],
    data: [
      { name: 'weeks', values: rows },
      { name: 'points', values: rows.filter((r) => r.actual !== null) },
    ],
    lines,
    labels,
  });
}
