// Text on the charts, in the viewer's language: axis ticks (nice round steps, compact numbers by unit),
// short dates and period names. Values shown in full go through core/i18n/format.ts like every message.

import { dateParts } from '../core/domain/calendar-days.js';
import type { Locale, Unit } from '../core/domain/model.js';
import type { Period } from '../core/domain/periods.js';
import { formatNumber, formatPercent, formatValue } from '../core/i18n/format.js';
import { t } from '../core/i18n/index.js';

const INTL: Readonly<Record<Locale, string>> = { en: 'en-GB', fr: 'fr-FR' };

/**
 * Round tick values (steps of 1, 2, 2.5 or 5 × 10^k) covering [min, max], about `count` of them;
 * `integer` keeps steps whole (counts are never 2.5 meetings).
 */
export function niceTicks(min: number, max: number, count = 5, integer = false): number[] {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (hi - lo < 1e-12) {
    // A flat series still needs an axis: open a range around it.
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.5;
    hi += pad;
    lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const steps = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).filter((s) => !integer || (s >= 1 && Number.isInteger(s)));
  const step = steps.find((s) => s >= raw) ?? (integer ? Math.max(1, Math.ceil(raw)) : 10 * magnitude);
  const first = Math.floor(lo / step + 1e-9) * step;
  const last = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision so 0.1 + 0.2 style noise never reaches a label.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Number(v.toFixed(digits)));
  return ticks;
}

/** Whether a unit's values are whole numbers on an axis. */
export const wholeUnit = (unit: Unit): boolean => unit.type === 'count';

/**
 * Short tick labels of one axis: compact currencies and counts when the axis reaches 10,000 ("€120K",
 * "120 k€"), whole percents. One notation for every tick of an axis, so €5,000 never sits under €10K.
 */
export function tickLabels(locale: Locale, values: readonly number[], unit: Unit): { value: number; label: string }[] {
  const compact = Math.max(...values.map(Math.abs)) >= 10_000;
  // As many decimals as the finest tick needs (17.5 %), the same for all.
  const percentDigits =
    [0, 1, 2].find((d) => values.every((v) => Math.abs(Number((v * 100).toFixed(d)) - v * 100) < 1e-9)) ?? 2;
  const fmt = (value: number): string => {
    switch (unit.type) {
      case 'currency':
        return new Intl.NumberFormat(INTL[locale], {
          style: 'currency',
          currency: unit.currency,
          notation: compact ? 'compact' : 'standard',
          minimumFractionDigits: 0,
          maximumFractionDigits: compact ? 1 : 0,
        }).format(value);
      case 'percent':
        return formatPercent(locale, value, percentDigits);
      case 'count':
        return compact
          ? new Intl.NumberFormat(INTL[locale], { notation: 'compact', maximumFractionDigits: 1 }).format(value)
          : formatNumber(locale, value, 2);
      default:
        return formatNumber(locale, value, 2);
    }
  };
  return values.map((value) => ({ value, label: fmt(value) }));
}

/** A value in full, as messages show it ("€120,000", "57.1 %", "3 days"). */
export function valueLabel(locale: Locale, value: number | null, unit: Unit): string {
  return formatValue(locale, value, unit);
}

/** "2 Nov" / "2 nov." */
export function shortDate(locale: Locale, isoDate: string): string {
  const { year, month, day } = dateParts(isoDate);
  return new Intl.DateTimeFormat(INTL[locale], { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

/** "Nov" / "nov." */
export function shortMonth(locale: Locale, isoDate: string): string {
  const { year, month } = dateParts(isoDate);
  return new Intl.DateTimeFormat(INTL[locale], { month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 1)),
  );
}

/** "Week 47, 2026", "November 2026", "Q4 2026", "2026" (fiscal keys keep their FY prefix). */
export function periodName(locale: Locale, period: Pick<Period, 'kind' | 'key' | 'start'>): string {
  switch (period.kind) {
    case 'week': {
      const [, year, week] = /^(\d{4})-W(\d{2})$/.exec(period.key) ?? [];
      return t(locale, 'chart.period.week', { week: Number(week ?? 0), year: year ?? period.key });
    }
    case 'month': {
      const { year, month } = dateParts(period.start);
      return new Intl.DateTimeFormat(INTL[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(Date.UTC(year, month - 1, 1)),
      );
    }
    case 'quarter': {
      const [, year, quarter] = /^(.+)-Q(\d)$/.exec(period.key) ?? [];
      return t(locale, 'chart.period.quarter', { quarter: Number(quarter ?? 1), year: year ?? period.key });
    }
    case 'year':
      return period.key;
  }
}

/** "a, b and c" / "a, b et c". */
export function listText(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(INTL[locale], { style: 'long', type: 'conjunction' }).format(items);
}
