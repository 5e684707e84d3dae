// Burn-up chart of a collective objective (Vega spec): the team figure day by day to the as-of day, the
// target and the alert threshold as horizontal lines, and a dashed projection to the period end. Line
// labels sit on the lines rather than in a legend, so the chart reads at a glance in a chat thread.
import type { Mark, Spec } from 'vega';
import { addDays, dateParts, daysBetween } from '../core/domain/calendar-days.js';
import type { Locale } from '../core/domain/model.js';
import { t } from '../core/i18n/index.js';
import type { BurnUpData } from './chart-data.js';
import { niceTicks, periodName, shortDate, shortMonth, tickLabels, valueLabel, wholeUnit } from './labels.js';
import { type ChartOptions, chartTitle, emptyMessage, haloText, lineChartSpec } from './spec-common.js';
import { colour } from './theme.js';

/** x ticks in the middle of their day: every day of a week, weekly in a month, month starts otherwise. */
function dayTicks(
  locale: Locale,
  start: string,
  end: string,
  kind: BurnUpData['period']['kind'],
): { value: number; label: string }[] {
  const span = daysBetween(start, end);
  const ticks: { value: number; label: string }[] = [];
  if (kind === 'week' || kind === 'month') {
    const step = kind === 'week' ? 1 : 7;
    for (let d = 0; d <= span; d += step) ticks.push({ value: d + 0.5, label: shortDate(locale, addDays(start, d)) });
    return ticks;
  }
  for (let d = 0; d <= span; d++) {
    const day = addDays(start, d);
    if (dateParts(day).day === 1 || d === 0)
      ticks.push({ value: d + 0.5, label: kind === 'year' ? shortMonth(locale, day) : shortDate(locale, day) });
  }
  return ticks;
}

function referenceLine(
  name: 'target' | 'alert',
  y: number,
  label: string,
  above: boolean,
): { line: Mark; labels: Mark[] } {
  return {
    line: {
      type: 'rule',
      name: `${name}-line`,
      encode: {
        enter: {
          x: { value: 0 },
          x2: { signal: 'width' },
          y: { scale: 'y', value: y },
          stroke: colour(name),
          strokeWidth: { value: name === 'target' ? 2 : 1.5 },
          ...(name === 'alert' ? { strokeDash: { value: [6, 4] } } : {}),
        },
      },
    },
    labels: haloText(`${name}-label`, {
      x: { value: 4 },
      y: { scale: 'y', value: y, offset: above ? -4 : 4 },
      baseline: { value: above ? 'bottom' : 'top' },
      text: { value: label },
      fontSize: { value: 11 },
      fontWeight: { value: 'bold' },
      fill: colour(name),
    }),
  };
}

export function burnUpSpec(data: BurnUpData, opts: ChartOptions): Spec {
  const { locale } = opts;
  const { period, unit } = data;
  // x is time in days from the start of the period: a day's figure (known at its end) sits at the end
  // of that day, and the last tick is the end of the period.
  const span = daysBetween(period.start, period.end) + 1;
  const day = (date: string) => daysBetween(period.start, date) + 1;
  const numbers = [
    0,
    ...data.actual.map((p) => p.value),
    ...(data.projection ? [data.projection.to.value] : []),
    ...[data.target, data.alert].filter((v): v is number => v !== null),
  ];
  const yTicks = tickLabels(locale, niceTicks(Math.min(...numbers), Math.max(...numbers), 5, wholeUnit(unit)), unit);
  const xTicks = dayTicks(locale, period.start, period.end, period.kind);
  const title = chartTitle(
    t(locale, 'chart.burnup.title', { objective: data.label[locale], period: periodName(locale, period) }),
    t(locale, 'chart.asOf', { team: data.teamName, date: shortDate(locale, data.asOfDate) }),
  );

  // Lines first, then every label over them (each on a halo of the card's colour).
  const lines: Mark[] = [];
  const labels: Mark[] = [];
  // "Better" is up for higher-is-better KPIs: the target sits above the alert, so its label goes above.
  const higher = data.direction === 'higher';
  for (const [name, value, above] of [
    ['target', data.target, higher],
    ['alert', data.alert, !higher],
  ] as const) {
    if (value === null) continue;
    const ref = referenceLine(
      name,
      value,
      t(locale, `chart.${name}`, { value: valueLabel(locale, value, unit) }),
      above,
    );
    lines.push(ref.line);
    labels.push(...ref.labels);
  }
  const last = data.actual.at(-1);
  if (!data.hasData) {
    labels.push(...emptyMessage(t(locale, 'chart.noData')));
  } else {
    if (data.projection) {
      const { from, to } = data.projection;
      // Above the end of a rising line (below a falling one): the side the line does not cross.
      const rising = to.value >= from.value;
      lines.push({
        type: 'line',
        name: 'projection-line',
        from: { data: 'projection' },
        encode: {
          enter: {
            x: { scale: 'x', field: 'x' },
            y: { scale: 'y', field: 'y' },
            stroke: colour('actual'),
            strokeWidth: { value: 2 },
            strokeDash: { value: [3, 4] },
          },
        },
      });
      labels.push(
        ...haloText('projection-label', {
          x: { scale: 'x', value: day(to.date) },
          y: { scale: 'y', value: to.value, offset: rising ? -8 : 8 },
          align: { value: 'right' },
          baseline: { value: rising ? 'bottom' : 'top' },
          text: { value: t(locale, 'chart.projected', { value: valueLabel(locale, to.value, unit) }) },
          fontSize: { value: 11 },
          fill: colour('actual'),
        }),
      );
    }
    lines.push({
      type: 'line',
      name: 'actual-line',
      from: { data: 'actual' },
      encode: {
        enter: {
          x: { scale: 'x', field: 'x' },
          y: { scale: 'y', field: 'y' },
          stroke: colour('actual'),
          strokeWidth: { value: 2.5 },
        },
      },
    });
    if (last) {
      const late = day(last.date) > span * 0.8;
      lines.push({
        type: 'symbol',
        name: 'today',
        encode: {
          enter: {
            x: { scale: 'x', value: day(last.date) },
            y: { scale: 'y', value: last.value },
            size: { value: 40 },
            fill: colour('actual'),
          },
        },
      });
      labels.push(
        ...haloText('today-label', {
          x: { scale: 'x', value: day(last.date), offset: late ? -8 : 8 },
          y: { scale: 'y', value: last.value, offset: 14 },
          align: { value: late ? 'right' : 'left' },
          text: { value: valueLabel(locale, last.value, unit) },
          fontSize: { value: 12 },
          fontWeight: { value: 'bold' },
          fill: colour('text'),
        }),
      );
    }
  }

  return lineChartSpec({
    title,
    xTicks,
    yTicks,
    xDomain: [0, span],
    data: [
      {
        name: 'actual',
        // A cumulative figure starts from nothing at the start of the period.
        values: [
          ...(data.cumulative && data.actual.length ? [{ x: 0, y: 0 }] : []),
          ...data.actual.map((p) => ({ x: day(p.date), y: p.value })),
        ],
      },
      {
        name: 'projection',
        values: data.projection
          ? [data.projection.from, data.projection.to].map((p) => ({ x: day(p.date), y: p.value }))
          : [],
      },
    ],
    lines,
    labels,
  });
}
