// Turns a report row (a member's objective or a team's collective objective) into a KpiLine: formatted
// actual, target, attainment, projection and "needed per day" (an allowance when lower is better), in
// the recipient's language. Every view of every platform renders these fields, so the rules of "the
// numbers" are worded here once: missing data shown as missing ("Awaiting data", "No data yet",
// "Not computable: no meetings booked"), the cap shown as "≥ 200 %", counts rounded (a target of 7.5
// reads "7.5", a projection of 14.29 reads "14"), the period named when two objectives share a KPI,
// and the team's currency.

import { attainmentOf, DEFAULT_ATTAINMENT_CAP } from '../domain/attainment.js';
import type { CollectiveRow } from '../domain/collective-report.js';
import type { DataState } from '../domain/data-state.js';
import type { MemberKpiRow } from '../domain/member-report.js';
import type { Kpi, Locale, LocalizedText, PeriodKind, Unit } from '../domain/model.js';
import { formatDate, formatNumber, formatPercent, formatValue } from '../i18n/format.js';
import { t } from '../i18n/index.js';
import type { KpiLine } from '../view-models.js';
import { joinList, statusText, toneOf } from './labels.js';

interface Row {
  readonly kpi: string;
  readonly actual: number | null;
  readonly target: number | null;
  readonly attainment: number | null;
  readonly projected: number | null;
  readonly projectionMethod: 'pace' | 'current';
  readonly neededPerDay?: number | null;
  readonly status: KpiLine['status'];
  readonly dataState?: DataState;
  readonly zeroInputLabels?: readonly LocalizedText[];
  readonly capped?: boolean;
  readonly noTarget?: boolean;
  readonly per?: PeriodKind;
  readonly sharedKpi?: boolean;
  readonly currency?: string;
}

/** How many decimals a count shows: targets and actuals one (7.5), projections none (14). */
type Figure = 'actual' | 'target' | 'projection' | 'perDay';
const COUNT_DIGITS: Readonly<Record<Figure, number>> = { actual: 1, target: 1, projection: 0, perDay: 1 };

export function formatFigure(locale: Locale, v: number | null, unit: Unit, figure: Figure): string {
  if (unit.type === 'count' && v !== null && Number.isFinite(v)) return formatNumber(locale, v, COUNT_DIGITS[figure]);
  return formatValue(locale, v, unit);
}

/** The KPI's unit with the row's currency (the team's) in place of the KPI's own. */
export function displayUnit(kpi: Kpi, currency?: string): Unit {
  return kpi.unit.type === 'currency' && currency !== undefined ? { type: 'currency', currency } : kpi.unit;
}

/** "≥ 200 %" when the cap applied, "57 %" otherwise, "—" without attainment. */
export function attainmentText(locale: Locale, value: number | null, capped = false): string {
  if (value === null) return t(locale, 'value.none');
  const pct = formatPercent(locale, value, 0);
  return capped ? t(locale, 'value.atLeast', { value: pct }) : pct;
}

/** What the status badge says: the status, else why there is none. */
export function rowStatusText(
  locale: Locale,
  row: Pick<Row, 'status' | 'dataState' | 'zeroInputLabels' | 'noTarget' | 'actual'>,
): string {
  if (row.status !== null) return statusText(locale, row.status);
  switch (row.dataState) {
    case 'awaiting_data':
      return t(locale, 'status.awaiting');
    case 'not_computable': {
      const labels = (row.zeroInputLabels ?? []).map((l) =>
        t(locale, 'status.zeroInput', { label: lowerFirst(locale, l[locale]) }),
      );
      return t(locale, 'status.notComputable', {
        reason: labels.length ? joinList(locale, labels) : t(locale, 'value.none'),
      });
    }
    case 'no_data':
      return t(locale, 'status.none');
    case 'ok':
      return row.noTarget ? t(locale, 'status.noTarget') : t(locale, 'status.early');
    default:
      return row.actual === null ? t(locale, 'status.none') : t(locale, 'status.soFar');
  }
}

// "no Meetings booked" reads wrong in English; French keeps the label as written.
function lowerFirst(locale: Locale, s: string): string {
  return locale === 'en' && /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** The KPI's label, with the period when another objective of the role measures the same KPI. */
export function rowLabel(locale: Locale, kpi: Kpi, row: Pick<Row, 'per' | 'sharedKpi'>): string {
  const label = kpi.label[locale];
  return row.sharedKpi && row.per
    ? t(locale, 'line.withPeriod', { label, period: t(locale, `period.${row.per}`) })
    : label;
}

function line(row: Row, kpi: Kpi, locale: Locale, periodEnd: string, label?: string): KpiLine {
  const unit = displayUnit(kpi, row.currency);
  const withData = row.dataState === undefined || row.dataState === 'ok';
  const projectionText =
    row.projected === null
      ? undefined
      : row.projectionMethod === 'current'
        ? t(locale, 'report.projectionCurrent')
        : t(locale, 'line.projected', {
            value: formatFigure(locale, row.projected, unit, 'projection'),
            date: formatDate(locale, periodEnd),
          });
  const needed = row.neededPerDay ?? null;
  // Higher is better: what each remaining day must bring; lower is better: the allowance left per day.
  const neededText =
    needed === null
      ? undefined
      : kpi.direction === 'higher'
        ? needed > 0
          ? t(locale, 'line.neededPerDay', { value: formatFigure(locale, needed, unit, 'perDay') })
          : undefined
        : needed > 0
          ? t(locale, 'line.allowance', { value: formatFigure(locale, needed, unit, 'perDay') })
          : t(locale, 'line.allowanceUsed');
  return {
    kpi: kpi.id,
    label: label ?? rowLabel(locale, kpi, row),
    actualText:
      withData || row.dataState === 'no_data'
        ? formatFigure(locale, row.actual, unit, 'actual')
        : t(locale, 'value.none'),
    targetText:
      row.noTarget && row.target !== null
        ? t(locale, 'status.noTarget')
        : formatFigure(locale, row.target, unit, 'target'),
    attainment: row.attainment,
    attainmentText: attainmentText(locale, row.attainment, row.capped ?? false),
    progress: Math.max(0, Math.min(1, row.attainment ?? 0)),
    ...(projectionText !== undefined ? { projectionText } : {}),
    ...(neededText !== undefined ? { neededText } : {}),
    status: row.status,
    statusText: rowStatusText(locale, row),
    tone: toneOf(row.status),
    ...(row.dataState !== undefined ? { dataState: row.dataState } : {}),
  };
}

export function memberKpiLine(row: MemberKpiRow, kpi: Kpi, locale: Locale, periodEnd: string): KpiLine {
  return line(row, kpi, locale, periodEnd);
}

export function collectiveKpiLine(
  row: CollectiveRow,
  kpi: Kpi,
  locale: Locale,
  periodEnd: string,
  label?: string,
): KpiLine {
  return line({ ...row, neededPerDay: null }, kpi, locale, periodEnd, label);
}

/** A plain total against a target (stand-up totals), without projection: "So far", or "No data yet" without any. */
export function totalLine(
  kpi: Kpi,
  locale: Locale,
  actual: number | null,
  target: number | null,
  opts: { readonly cap?: number; readonly currency?: string } = {},
): KpiLine {
  const att = attainmentOf(actual, target, kpi.direction, opts.cap ?? DEFAULT_ATTAINMENT_CAP);
  return line(
    {
      kpi: kpi.id,
      actual,
      target,
      attainment: att.value,
      capped: att.capped,
      projected: null,
      projectionMethod: 'pace',
      status: null,
      ...(opts.currency !== undefined ? { currency: opts.currency } : {}),
    },
    kpi,
    locale,
    '',
  );
}
