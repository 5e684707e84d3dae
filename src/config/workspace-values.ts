// Leaf value schemas of the workspace YAML: ids, dates, time zones, cron expressions, durations, percents
// and amounts. Each one turns what a person writes ("15%", "2h", "120k") into the model's number, and
// rejects anything else with a message that says what was expected.
import { DateTime, IANAZone } from 'luxon';
import { validateDetailed } from 'node-cron';
import { z } from 'zod';
import type { Locale } from '../core/domain/model.js';
import type { RetentionSetting, RetentionUnit } from '../core/domain/retention.js';

/** A strict object whose unknown-key error carries the list of allowed keys (for "did you mean"). */
export const KNOWN_KEYS_MARK = 'known-keys:';
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape).join(',');
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `${KNOWN_KEYS_MARK}${known}` : undefined),
  });
}

/** A list that may also be written as a single value: `source: import` is `source: [import]`. */
export function oneOrMany<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item));
}

export function oneOf<const T extends readonly [string, ...string[]]>(values: T, what?: string) {
  const hint = what ? ` (${what})` : '';
  return z.enum(values, {
    error: (iss) => (iss.input === undefined ? undefined : `must be one of ${values.join(', ')}${hint}`),
  });
}

export const text = z.string().trim().min(1, 'must not be empty');

/** KPI ids appear inside formulas, so they follow the formula identifier rule. */
export const kpiId = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]*$/,
    'a KPI id is lower-case letters, digits and _, starting with a letter (it is used in formulas)',
  )
  .refine((s) => s !== 'min' && s !== 'max', 'min and max are formula functions, not KPI ids');

export const entityId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an id is letters, digits, ".", "_" or "-", starting with a letter or digit');

export const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'utc' }).isValid, {
    error: (iss) => `not a valid date ${JSON.stringify(iss.input)} (expected YYYY-MM-DD)`,
  });

export const timeZone = z.string().refine((s) => IANAZone.isValidZone(s), {
  error: (iss) => `unknown time zone ${JSON.stringify(iss.input)} (expected an IANA name like Europe/Paris)`,
});

export const locale = oneOf(['en', 'fr'] as const satisfies readonly Locale[], 'the supported languages');

export const cron = z.string().superRefine((s, ctx) => {
  const result = validateDetailed(s);
  if (result.valid) return;
  const detail = result.errors.map((e) => e.message).join('; ');
  ctx.addIssue({
    code: 'custom',
    message: `invalid cron expression ${JSON.stringify(s)}${detail ? `: ${detail}` : ''}`,
  });
});

const DURATION_UNITS: Readonly<Record<string, number>> = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 };

/** `30m`, `2h`, `1d`, `1w`, or combined `1d12h` -> minutes. */
export function parseDuration(s: string): number | null {
  const compact = s.replace(/\s+/g, '');
  if (!/^(?:\d+[wdhm])+$/.test(compact)) return null;
  let minutes = 0;
  for (const m of compact.matchAll(/(\d+)([wdhm])/g)) minutes += Number(m[1]) * DURATION_UNITS[m[2]!]!;
  return minutes;
}

const DURATION_HINT = 'expected a duration with its unit, like 30m, 2h, 1d or 1d12h';

export const durationMinutes = z.union([z.string(), z.number()], { error: DURATION_HINT }).transform((v, ctx) => {
  const minutes = typeof v === 'string' ? parseDuration(v) : null;
  if (minutes === null || minutes <= 0) {
    ctx.addIssue({ code: 'custom', message: DURATION_HINT });
    return z.NEVER;
  }
  return minutes;
});

const RETENTION_HINT = 'expected a retention like 30d, 12w, 6mo, 2y or unlimited';
const RETENTION_UNITS: Readonly<Record<string, RetentionUnit>> = { d: 'day', w: 'week', mo: 'month', y: 'year' };

/** `30d`, `12w`, `6mo`, `2y` or `unlimited` (`m` is minutes elsewhere in the file: months are `mo`). */
export function parseRetention(s: string): RetentionSetting | null {
  const t = s.trim().toLowerCase();
  if (t === 'unlimited') return 'unlimited';
  const m = /^(\d+)\s*(d|w|mo|y)$/.exec(t);
  if (!m || Number(m[1]) <= 0) return null;
  return { amount: Number(m[1]), unit: RETENTION_UNITS[m[2]!]! };
}

export const retention = z.union([z.string(), z.number()], { error: RETENTION_HINT }).transform((v, ctx) => {
  const setting = typeof v === 'string' ? parseRetention(v) : null;
  if (setting === null) {
    ctx.addIssue({ code: 'custom', message: RETENTION_HINT });
    return z.NEVER;
  }
  return setting;
});

const SCALES: Readonly<Record<string, number>> = { '%': 0.01, k: 1e3, K: 1e3, M: 1e6 };

/** `35`, `15%` (0.15), `120k`, `1.5M` -> number; null when the text is not one of those. */
export function parseAmount(v: number | string): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const m = /^\s*(-?(?:\d+(?:\.\d+)?|\.\d+))\s*(%|k|K|M)?\s*$/.exec(v);
  if (!m) return null;
  const n = Number(m[1]) * (m[2] ? SCALES[m[2]]! : 1);
  // Rounding keeps 15% at 0.15 rather than 0.15000000000000002.
  return Number.isFinite(n) ? Number(n.toPrecision(12)) : null;
}

const AMOUNT_HINT = 'expected a number like 35, a percentage like 15% or an amount like 120k';

export const amount = z.union([z.number(), z.string()], { error: AMOUNT_HINT }).transform((v, ctx) => {
  const n = parseAmount(v);
  if (n === null) {
    ctx.addIssue({ code: 'custom', message: AMOUNT_HINT });
    return z.NEVER;
  }
  return n;
});

/** A share between 0 and 1, written as a fraction (0.25) or a percentage (25%). */
export const share = amount.refine((n) => n >= 0 && n <= 1, 'must be between 0 and 1 (or 0% and 100%)');

export const weekday = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be 1 (Monday) to 7 (Sunday)')
  .max(7, 'must be 1 (Monday) to 7 (Sunday)');
