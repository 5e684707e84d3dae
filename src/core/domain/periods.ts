// Reporting periods (week, month, quarter, year) as ranges of calendar days, their canonical keys and
// navigation. Keys: `2026-W47` (week), `2026-11` (month), `2026-Q4` and `2026` (calendar quarter and
// year, fiscal year starting in January), `FY2026-Q1` and `FY2026` (fiscal year starting in another
// month, named after the calendar year it starts in: with a start in April, FY2026 = 2026-04-01 ..
// 2027-03-31). Each period has exactly one key, so keys are safe in idempotency keys.
//
// Weeks start on the configured ISO weekday and are numbered like ISO weeks: a week belongs to the year
// that holds at least four of its days, week 1 being the first such week. With a Monday start this is
// exactly ISO 8601 (2026 and 2020 have a week 53).

import { addDays, addMonths, dateParts, daysBetween, eachDay, isoWeekday, makeDate } from './calendar-days.js';
import type { PeriodKind } from './model.js';
import { localDateOf, startOfDayInZone } from './zoned-time.js';

export interface Period {
  readonly kind: PeriodKind;
  readonly key: string;
  /** First day, inclusive (YYYY-MM-DD). */
  readonly start: string;
  /** Last day, inclusive (YYYY-MM-DD). */
  readonly end: string;
}

export interface PeriodSettings {
  /** ISO weekday the week starts on (1 = Monday ... 7 = Sunday). */
  readonly weekStart: number;
  /** Month the fiscal year starts (1-12); quarters and years follow it. */
  readonly fiscalYearStart: number;
}

export const ISO_PERIOD_SETTINGS: PeriodSettings = { weekStart: 1, fiscalYearStart: 1 };

export type PeriodKeyErrorCode = 'PERIOD.MALFORMED' | 'PERIOD.OUT_OF_RANGE' | 'PERIOD.FISCAL_MISMATCH';

export interface PeriodKeyError {
  readonly code: PeriodKeyErrorCode;
  readonly message: string;
}

export type PeriodKeyResult =
  | { readonly ok: true; readonly period: Period }
  | { readonly ok: false; readonly error: PeriodKeyError };

const pad2 = (n: number): string => String(n).padStart(2, '0');
const fail = (code: PeriodKeyErrorCode, message: string): PeriodKeyResult => ({ ok: false, error: { code, message } });

function firstWeekStart(year: number, weekStart: number): string {
  // Week 1 is the week holding 4 January: the first one with four days in the year.
  const jan4 = makeDate(year, 1, 4);
  return addDays(jan4, -((isoWeekday(jan4) - weekStart + 7) % 7));
}

/** Number of weeks (52 or 53) of a week-numbering year. */
export function weeksInYear(year: number, weekStart = 1): number {
  return daysBetween(firstWeekStart(year, weekStart), firstWeekStart(year + 1, weekStart)) / 7;
}

function weekPeriod(start: string, weekStart: number): Period {
  const anchor = addDays(start, 3);
  const year = dateParts(anchor).year;
  const week = Math.floor(daysBetween(firstWeekStart(year, weekStart), start) / 7) + 1;
  return { kind: 'week', key: `${year}-W${pad2(week)}`, start, end: addDays(start, 6) };
}

function fiscalYearOf(date: string, fiscalYearStart: number): number {
  const { year, month } = dateParts(date);
  return month >= fiscalYearStart ? year : year - 1;
}

function quarterPeriod(fiscalYear: number, quarter: number, fiscalYearStart: number): Period {
  const start = addMonths(makeDate(fiscalYear, fiscalYearStart, 1), 3 * (quarter - 1));
  const key = fiscalYearStart === 1 ? `${fiscalYear}-Q${quarter}` : `FY${fiscalYear}-Q${quarter}`;
  return { kind: 'quarter', key, start, end: addDays(addMonths(start, 3), -1) };
}

function yearPeriod(fiscalYear: number, fiscalYearStart: number): Period {
  const start = makeDate(fiscalYear, fiscalYearStart, 1);
  const key = fiscalYearStart === 1 ? `${fiscalYear}` : `FY${fiscalYear}`;
  return { kind: 'year', key, start, end: addDays(addMonths(start, 12), -1) };
}

function monthPeriod(year: number, month: number): Period {
  const start = makeDate(year, month, 1);
  return { kind: 'month', key: `${year}-${pad2(month)}`, start, end: addDays(addMonths(start, 1), -1) };
}

/** The period of a kind that contains a calendar day. */
export function periodOfDate(kind: PeriodKind, date: string, settings: PeriodSettings): Period {
  switch (kind) {
    case 'week':
      return weekPeriod(addDays(date, -((isoWeekday(date) - settings.weekStart + 7) % 7)), settings.weekStart);
    case 'month': {
      const { year, month } = dateParts(date);
      return monthPeriod(year, month);
    }
    case 'quarter': {
      const fy = fiscalYearOf(date, settings.fiscalYearStart);
      const { month } = dateParts(date);
      const quarter = Math.floor(((month - settings.fiscalYearStart + 12) % 12) / 3) + 1;
      return quarterPeriod(fy, quarter, settings.fiscalYearStart);
    }
    case 'year':
      return yearPeriod(fiscalYearOf(date, settings.fiscalYearStart), settings.fiscalYearStart);
  }
}

/** The period of a kind that contains an instant, read in the given time zone. */
export function periodContaining(kind: PeriodKind, instant: string, zone: string, settings: PeriodSettings): Period {
  return periodOfDate(kind, localDateOf(instant, zone), settings);
}

export function previousPeriod(period: Period, settings: PeriodSettings): Period {
  return periodOfDate(period.kind, addDays(period.start, -1), settings);
}

export function nextPeriod(period: Period, settings: PeriodSettings): Period {
  return periodOfDate(period.kind, addDays(period.end, 1), settings);
}

/** Every calendar day of the period, in order. */
export function periodDays(period: Period): string[] {
  return eachDay(period.start, period.end);
}

/** The instants the period starts and ends (exclusive) in a zone: a DST week lasts 167 or 169 hours. */
export function periodInstants(period: Period, zone: string): { start: string; endExclusive: string } {
  return { start: startOfDayInZone(period.start, zone), endExclusive: startOfDayInZone(addDays(period.end, 1), zone) };
}

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const MONTH_KEY = /^(\d{4})-(\d{2})$/;
const QUARTER_KEY = /^(FY)?(\d{4})-Q(\d)$/;
const YEAR_KEY = /^(FY)?(\d{4})$/;

/** Parses a canonical period key; a malformed or impossible key is an error value, never a throw. */
export function parsePeriodKey(key: string, settings: PeriodSettings): PeriodKeyResult {
  const fiscal = settings.fiscalYearStart !== 1;
  let m = WEEK_KEY.exec(key);
  if (m) {
    const year = Number(m[1]);
    const week = Number(m[2]);
    const weeks = weeksInYear(year, settings.weekStart);
    if (week < 1 || week > weeks) return fail('PERIOD.OUT_OF_RANGE', `${year} has weeks 1 to ${weeks}, not ${week}`);
    return {
      ok: true,
      period: weekPeriod(addDays(firstWeekStart(year, settings.weekStart), 7 * (week - 1)), settings.weekStart),
    };
  }
  m = MONTH_KEY.exec(key);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return fail('PERIOD.OUT_OF_RANGE', `month must be 01 to 12, not ${m[2]}`);
    return { ok: true, period: monthPeriod(Number(m[1]), month) };
  }
  m = QUARTER_KEY.exec(key) ?? YEAR_KEY.exec(key);
  if (m) {
    const hasFy = m[1] === 'FY';
    if (hasFy !== fiscal) {
      const expected = fiscal ? 'FY2026-Q1 or FY2026' : '2026-Q1 or 2026';
      return fail(
        'PERIOD.FISCAL_MISMATCH',
        `"${key}": with a fiscal year starting in month ${settings.fiscalYearStart}, keys look like ${expected}`,
      );
    }
    const year = Number(m[2]);
    if (m[3] === undefined) return { ok: true, period: yearPeriod(year, settings.fiscalYearStart) };
    const quarter = Number(m[3]);
    if (quarter < 1 || quarter > 4) return fail('PERIOD.OUT_OF_RANGE', `quarter must be 1 to 4, not ${quarter}`);
    return { ok: true, period: quarterPeriod(year, quarter, settings.fiscalYearStart) };
  }
  return fail('PERIOD.MALFORMED', `"${key}" is not a period key (expected e.g. 2026-W47, 2026-11, 2026-Q4 or 2026)`);
}
