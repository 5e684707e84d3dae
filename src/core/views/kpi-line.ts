// Turns a report row (a member's objective or a team's collective objective) into a KpiLine: formatted
// actual, target, attainment, projection and "needed per day", in the recipient's language.
import type { Kpi, Locale } from '../domain/model.js';
import type { CollectiveRow } from '../domain/collective-report.js';
import type { MemberKpiRow } from '../domain/member-report.js';
import { t } from '../i18n/index.js';
import { formatDate, formatPercent, formatValue } from '../i18n/format.js';
import type { KpiLine } from '../views.js';
import { statusText, toneOf } from './labels.js';

type Row = Pick<MemberKpiRow, 'kpi' | 'actual' | 'target' | 'attainment' | 'projected' | 'projectionMethod'> & {
  readonly neededPerDay?: number | null;
  readonly status: KpiLine['status'];
};

function line(row: Row, kpi: Kpi, locale: Locale, periodEnd: string, label?: string): KpiLine {
  const value = (v: number | null) => formatValue(locale, v, kpi.unit);
  const projectionText =
    row.projectionMethod === 'current'
      ? t(locale, 'report.projectionCurrent')
      : row.projected === null
        ? undefined
        : t(locale, 'line.projected', { value: value(row.projected), date: formatDate(locale, periodEnd) });
  const needed = row.neededPerDay ?? null;
  // "Needed per day" only makes sense for higher-is-better sums still short of target.
  const neededText =
    needed !== null && needed > 0 && kpi.direction === 'higher' ? t(locale, 'line.neededPerDay', { value: value(needed) }) : undefined;
  return {
    kpi: kpi.id,
    label: label ?? kpi.label[locale],
    actualText: value(row.actual),
    targetText: value(row.target),
    attainment: row.attainment,
    attainmentText: row.attainment === null ? t(locale, 'value.none') : formatPercent(locale, row.attainment, 0),
    progress: Math.max(0, Math.min(1, row.attainment ?? 0)),
    ...(projectionText !== undefined ? { projectionText } : {}),
    ...(neededText !== undefined ? { neededText } : {}),
    status: row.status,
    statusText: statusText(locale, row.status),
    tone: toneOf(row.status),
  };
}

export function memberKpiLine(row: MemberKpiRow, kpi: Kpi, locale: Locale, periodEnd: string): KpiLine {
  return line(row, kpi, locale, periodEnd);
}

export function collectiveKpiLine(row: CollectiveRow, kpi: Kpi, locale: Locale, periodEnd: string, label?: string): KpiLine {
  return line({ ...row, neededPerDay: null }, kpi, locale, periodEnd, label);
}

/** A plain total against a target (stand-up totals), without projection. */
export function totalLine(kpi: Kpi, locale: Locale, actual: number | null, target: number | null): KpiLine {
  const attainment = actual === null || target === null || target <= 0 ? null : kpi.direction === 'higher' ? actual / target : actual <= 0 ? null : target / actual;
  return line(
    { kpi: kpi.id, actual, target, attainment, projected: null, projectionMethod: 'pace', status: null },
    kpi,
    locale,
    '',
  );
}
