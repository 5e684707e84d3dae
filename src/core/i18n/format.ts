// Locale-aware formatting with Intl: numbers, currencies, percents, dates and KPI values by unit.
import type { Locale, Unit } from '../domain/model.js';
import { t, tPlural } from './index.js';

const INTL_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-GB', fr: 'fr-FR' };

// Creating an Intl formatter costs far more than using one, and a message formats dozens of values:
// one formatter per locale and options (a handful of units, currencies and zones), kept for the process.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], options);
    numberFormats.set(key, f);
  }
  return f;
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[locale], options);
    dateFormats.set(key, f);
  }
  return f;
}

export function formatNumber(locale: Locale, n: number, maxFractionDigits = 2): string {
  return numberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(n);
}

export function formatCurrency(locale: Locale, n: number, currency: string): string {
  return numberFormat(locale, {
    style: 'currency',
    currency,
    maximumFractionDigits: Math.abs(n) >= 1000 ? 0 : 2,
  }).format(n);
}

/** A fraction as a percent: 0.5714 -> "57.1 %" (fr) / "57.1%" (en). */
export function formatPercent(locale: Locale, fraction: number, maxFractionDigits = 1): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: maxFractionDigits }).format(fraction);
}

/** A calendar date 'YYYY-MM-DD' in the locale's long form, read as a plain date (no zone shift). */
export function formatDate(locale: Locale, isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** An instant shown in a time zone, date and time. */
export function formatDateTime(locale: Locale, iso: string, timeZone: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** A KPI value by its unit; null shows as a dash. */
export function formatValue(locale: Locale, value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return t(locale, 'value.none');
  switch (unit.type) {
    case 'currency':
      return formatCurrency(locale, value, unit.currency);
    case 'percent':
      return formatPercent(locale, value);
    case 'days':
      return tPlural(locale, 'unit.days', value, { n: formatNumber(locale, value, 1) });
    case 'hours':
      return tPlural(locale, 'unit.hours', value, { n: formatNumber(locale, value, 1) });
    case 'score':
      return t(locale, 'unit.score', { n: formatNumber(locale, value, 2), max: formatNumber(locale, unit.max) });
    case 'count':
      return formatNumber(locale, value, 2);
  }
}

/** An instant as weekday, day, month and time in a zone: "Friday 20 November at 16:00" / "vendredi 20 novembre à 16:00". */
export function formatWeekdayTime(locale: Locale, iso: string, timeZone: string): string {
  return dateFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}
