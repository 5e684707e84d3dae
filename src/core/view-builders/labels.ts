// Small shared pieces of every view: period labels, unit hints, status tones (a closed period's `met` /
// `missed` included) and rank movements, all in the recipient's language.

import { dateParts } from '../domain/calendar-days.js';
import type { Kpi, Locale, Unit, Workspace } from '../domain/model.js';
import type { Period } from '../domain/periods.js';
import { formatDate } from '../i18n/format.js';
import { t } from '../i18n/index.js';
import type { KpiLine, Tone } from '../view-models.js';

const INTL: Readonly<Record<Locale, string>> = { en: 'en-GB', fr: 'fr-FR' };

// One formatter per locale: creating an Intl formatter costs far more than formatting with it.
const DAY_MONTH: Readonly<Record<Locale, Intl.DateTimeFormat>> = {
  en: new Intl.DateTimeFormat(INTL.en, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
  fr: new Intl.DateTimeFormat(INTL.fr, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
};

/** "2 Mar" / "2 mars": a day within a range whose end shows the year. */
function dayMonth(locale: Locale, date: string): string {
  const { year, month, day } = dateParts(date);
  return DAY_MONTH[locale].format(new Date(Date.UTC(year, month - 1, day)));
}

/** "Week 10 (2 Mar – 8 Mar 2026)", "March 2026", "Q1 2026", "2026". */
export function periodLabel(locale: Locale, period: Period): string {
  switch (period.kind) {
    case 'week': {
      const week = Number(/W(\d+)$/.exec(period.key)?.[1] ?? 0);
      return t(locale, 'period.weekLabel', {
        n: week,
        from: dayMonth(locale, period.start),
        to: formatDate(locale, period.end),
      });
    }
    case 'month': {
      const { year, month } = dateParts(period.start);
      return new Intl.DateTimeFormat(INTL[locale], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(Date.UTC(year, month - 1, 1)),
      );
    }
    case 'quarter': {
      const q = Number(/Q(\d)$/.exec(period.key)?.[1] ?? 1);
      return t(locale, 'period.quarterLabel', { n: q, year: period.key.replace(/-Q\d$/, '') });
    }
    case 'year':
      return period.key;
  }
}

/** What is typed in a check-in field: "count", "€", "%", "h", "days", "/ 5". */
export function unitHint(locale: Locale, unit: Unit): string {
  switch (unit.type) {
    case 'count':
      return t(locale, 'unit.hint.count');
    case 'currency': {
      const part = new Intl.NumberFormat(INTL[locale], { style: 'currency', currency: unit.currency })
        .formatToParts(0)
        .find((p) => p.type === 'currency');
      return part?.value ?? unit.currency;
    }
    case 'percent':
      return '%';
    case 'hours':
      return 'h';
    case 'days':
      return t(locale, 'unit.hint.days');
    case 'score':
      return `/ ${unit.max}`;
  }
}

export function kpiLabel(workspace: Workspace, kpiId: string, locale: Locale): string {
  return workspace.kpis[kpiId]?.label[locale] ?? kpiId;
}

export function kpiOf(workspace: Workspace, kpiId: string): Kpi | undefined {
  return workspace.kpis[kpiId];
}

export function toneOf(status: KpiLine['status']): Tone {
  switch (status) {
    case 'on_track':
    case 'ok':
    case 'met':
      return 'good';
    case 'at_risk':
      return 'warning';
    case 'off_track':
    case 'breached':
    case 'missed':
      return 'bad';
    default:
      return 'neutral';
  }
}

export function statusText(locale: Locale, status: KpiLine['status']): string {
  return status === null ? t(locale, 'status.none') : t(locale, `status.${status}`);
}

export function movementText(locale: Locale, movement: number | null): string {
  if (movement === null) return t(locale, 'movement.new');
  if (movement > 0) return t(locale, 'movement.up', { n: movement });
  if (movement < 0) return t(locale, 'movement.down', { n: -movement });
  return t(locale, 'movement.same');
}

/** A list joined the way the language does it: "a, b and c" / "a, b et c". */
export function joinList(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(INTL[locale], { style: 'long', type: 'conjunction' }).format(items);
}
