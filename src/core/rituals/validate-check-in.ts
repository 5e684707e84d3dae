// Validation of a submitted check-in, shared by every adapter: numbers as typed in the user's language
// ("12,5" and "1 234,5" in French, "1,234.5" in English), per-unit bounds, required fields and text
// lengths. Errors come back in the user's language, keyed by field id, for the form to show inline.
import type { Kpi, Locale, Unit } from '../domain/model.js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/index.js';

/** Anything above this is a typo (or an attack), whatever the unit. */
export const ABSURD_VALUE = 1e9;
export const TEXT_MAX_LENGTH = 2000;

export interface FieldBounds {
  readonly min: number;
  readonly max: number;
  /** Counts are whole numbers. */
  readonly whole: boolean;
}

/** Bounds of a weekly value as typed (percent typed 0-100, hours within a week). */
export function boundsOf(unit: Unit): FieldBounds {
  switch (unit.type) {
    case 'count':
      return { min: 0, max: ABSURD_VALUE, whole: true };
    case 'currency':
      return { min: 0, max: ABSURD_VALUE, whole: false };
    case 'percent':
      return { min: 0, max: 100, whole: false };
    case 'score':
      return { min: 0, max: unit.max, whole: false };
    case 'hours':
      return { min: 0, max: 168, whole: false };
    case 'days':
      return { min: 0, max: 3650, whole: false };
  }
}

const SPACES = /[\s\u00a0\u202f\u2009]/g;

/** Reads a number as typed in a locale; null when it is not one (NaN, Infinity, exponents included). */
export function parseLocaleNumber(text: string, locale: Locale): number | null {
  let s = text.trim().replace(SPACES, '');
  if (s.startsWith('+')) s = s.slice(1);
  if (locale === 'fr') {
    if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '');
    if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  } else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) {
    s = s.replace(/,/g, '');
  }
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A stored value as the user would type it back (percent as 0-100, no grouping). */
export function typedValue(locale: Locale, unit: Unit, stored: number): string {
  const n = unit.type === 'percent' ? stored * 100 : stored;
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    maximumFractionDigits: 4,
    useGrouping: false,
  }).format(n);
}

/** The stored value of a typed one (percent typed 45 is stored 0.45). */
export function storedValue(unit: Unit, typed: number): number {
  return unit.type === 'percent' ? typed / 100 : typed;
}

export interface CheckInFieldSpec {
  readonly kpi: Kpi;
  readonly required: boolean;
}

export type CheckInValidation =
  | {
      readonly ok: true;
      readonly values: Record<string, number>;
      readonly wins: string | null;
      readonly blockers: string | null;
    }
  | { readonly ok: false; readonly errors: Record<string, string> };

/**
 * The KPIs' own sanity rules, on values that parsed: a hard limit (`max`) and "at most that other KPI of
 * the same check-in" (`at_most`, e.g. no-shows <= meetings booked). A value that breaks one is refused.
 */
export function checkSanityRules(
  fields: readonly CheckInFieldSpec[],
  values: Record<string, number>,
  errors: Record<string, string>,
  locale: Locale,
): void {
  for (const { kpi } of fields) {
    const v = values[kpi.id];
    if (v === undefined) continue;
    if (kpi.max !== undefined && v > kpi.max) {
      errors[kpi.id] = t(locale, 'checkin.error.max', { max: typedValue(locale, kpi.unit, kpi.max) });
      continue;
    }
    const other = kpi.atMost === undefined ? undefined : fields.find((f) => f.kpi.id === kpi.atMost)?.kpi;
    const limit = other ? values[other.id] : undefined;
    if (other && limit !== undefined && v > limit) {
      errors[kpi.id] = t(locale, 'checkin.error.atMost', {
        other: other.label[locale],
        value: typedValue(locale, other.unit, limit),
      });
    }
  }
  for (const id of Object.keys(errors)) delete values[id];
}

export function validateCheckIn(input: {
  readonly fields: readonly CheckInFieldSpec[];
  readonly numbers: Readonly<Record<string, string | undefined>>;
  readonly wins?: string | undefined;
  readonly blockers?: string | undefined;
  readonly locale: Locale;
}): CheckInValidation {
  const { locale } = input;
  const errors: Record<string, string> = {};
  const values: Record<string, number> = {};
  for (const { kpi, required } of input.fields) {
    const raw = (input.numbers[kpi.id] ?? '').trim();
    if (raw === '') {
      if (required) errors[kpi.id] = t(locale, 'checkin.error.required');
      continue;
    }
    const unit = kpi.unit;
    const text = unit.type === 'percent' ? raw.replace(/%\s*$/, '') : raw;
    const n = parseLocaleNumber(text, locale);
    const bounds = boundsOf(unit);
    if (n === null) errors[kpi.id] = t(locale, 'error.notANumber', { value: raw.slice(0, 40) });
    else if (n < 0) errors[kpi.id] = t(locale, 'error.negative');
    else if (n > ABSURD_VALUE) errors[kpi.id] = t(locale, 'error.tooLarge', { value: raw.slice(0, 40) });
    else if (n < bounds.min || n > bounds.max)
      errors[kpi.id] = t(locale, 'checkin.error.range', {
        min: formatNumber(locale, bounds.min),
        max: formatNumber(locale, bounds.max),
      });
    else if (bounds.whole && !Number.isInteger(n)) errors[kpi.id] = t(locale, 'checkin.error.whole');
    else values[kpi.id] = storedValue(unit, n);
  }
  checkSanityRules(input.fields, values, errors, locale);
  const text = (id: 'wins' | 'blockers', v: string | undefined): string | null => {
    const s = (v ?? '').trim();
    if (s.length > TEXT_MAX_LENGTH)
      errors[id] = t(locale, 'checkin.error.tooLong', { max: formatNumber(locale, TEXT_MAX_LENGTH) });
    return s === '' ? null : s;
  };
  const wins = text('wins', input.wins);
  const blockers = text('blockers', input.blockers);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, values, wins, blockers };
}
