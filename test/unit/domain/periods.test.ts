import { describe, expect, it } from 'vitest';
import {
  ISO_PERIOD_SETTINGS,
  nextPeriod,
  type Period,
  type PeriodSettings,
  parsePeriodKey,
  periodContaining,
  periodDays,
  periodInstants,
  periodOfDate,
  previousPeriod,
  weeksInYear,
} from '../../../src/core/domain/periods.js';
import { hoursBetween } from '../../../src/core/domain/zoned-time.js';

const ISO = ISO_PERIOD_SETTINGS;
const FISCAL_APRIL: PeriodSettings = { weekStart: 1, fiscalYearStart: 4 };
const SUNDAY_WEEKS: PeriodSettings = { weekStart: 7, fiscalYearStart: 1 };

function parsed(key: string, settings: PeriodSettings = ISO): Period {
  const r = parsePeriodKey(key, settings);
  if (!r.ok) throw new Error(`${key}: ${r.error.message}`);
  return r.period;
}

describe('parsePeriodKey', () => {
  it.each([
    ['2026-W47', ISO, 'week', '2026-11-16', '2026-11-22'],
    ['2026-W01', ISO, 'week', '2025-12-29', '2026-01-04'],
    ['2026-W53', ISO, 'week', '2026-12-28', '2027-01-03'],
    ['2020-W53', ISO, 'week', '2020-12-28', '2021-01-03'],
    ['2026-W13', ISO, 'week', '2026-03-23', '2026-03-29'],
    ['2026-11', ISO, 'month', '2026-11-01', '2026-11-30'],
    ['2028-02', ISO, 'month', '2028-02-01', '2028-02-29'],
    ['2026-02', ISO, 'month', '2026-02-01', '2026-02-28'],
    ['2026-Q4', ISO, 'quarter', '2026-10-01', '2026-12-31'],
    ['2026-Q1', ISO, 'quarter', '2026-01-01', '2026-03-31'],
    ['2026', ISO, 'year', '2026-01-01', '2026-12-31'],
    ['FY2026-Q1', FISCAL_APRIL, 'quarter', '2026-04-01', '2026-06-30'],
    ['FY2026-Q3', FISCAL_APRIL, 'quarter', '2026-10-01', '2026-12-31'],
    ['FY2026-Q4', FISCAL_APRIL, 'quarter', '2027-01-01', '2027-03-31'],
    ['FY2027-Q4', FISCAL_APRIL, 'quarter', '2028-01-01', '2028-03-31'],
    ['FY2026', FISCAL_APRIL, 'year', '2026-04-01', '2027-03-31'],
    // Sunday weeks: week 1 of 2026 is the Sunday-to-Saturday week holding 4 January (a Sunday).
    ['2026-W01', SUNDAY_WEEKS, 'week', '2026-01-04', '2026-01-10'],
    ['2026-W46', SUNDAY_WEEKS, 'week', '2026-11-15', '2026-11-21'],
  ] as const)('%s -> %s %s..%s', (key, settings, kind, start, end) => {
    expect(parsePeriodKey(key, settings)).toEqual({ ok: true, period: { kind, key, start, end } });
  });

  it.each([
    ['', ISO, 'PERIOD.MALFORMED'],
    ['2026-w47', ISO, 'PERIOD.MALFORMED'],
    ['2026-W7', ISO, 'PERIOD.MALFORMED'],
    ['26-11', ISO, 'PERIOD.MALFORMED'],
    ['2026-11-01', ISO, 'PERIOD.MALFORMED'],
    ['2026-Q', ISO, 'PERIOD.MALFORMED'],
    [' 2026', ISO, 'PERIOD.MALFORMED'],
    ['2026-W00', ISO, 'PERIOD.OUT_OF_RANGE'],
    ['2027-W53', ISO, 'PERIOD.OUT_OF_RANGE'],
    ['2026-W54', ISO, 'PERIOD.OUT_OF_RANGE'],
    ['2026-13', ISO, 'PERIOD.OUT_OF_RANGE'],
    ['2026-00', ISO, 'PERIOD.OUT_OF_RANGE'],
    ['2026-Q5', ISO, 'PERIOD.OUT_OF_RANGE'],
    ['2026-Q0', ISO, 'PERIOD.OUT_OF_RANGE'],
    ['FY2026-Q1', ISO, 'PERIOD.FISCAL_MISMATCH'],
    ['FY2026', ISO, 'PERIOD.FISCAL_MISMATCH'],
    ['2026-Q1', FISCAL_APRIL, 'PERIOD.FISCAL_MISMATCH'],
    ['2026', FISCAL_APRIL, 'PERIOD.FISCAL_MISMATCH'],
  ] as const)('rejects %j (%s)', (key, settings, code) => {
    const r = parsePeriodKey(key, settings);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('accepts months and weeks unchanged under a fiscal year', () => {
    expect(parsed('2026-11', FISCAL_APRIL)).toEqual(parsed('2026-11'));
    expect(parsed('2026-W47', FISCAL_APRIL)).toEqual(parsed('2026-W47'));
  });
});

describe('weeksInYear', () => {
  it.each([
    [2020, 53],
    [2021, 52],
    [2025, 52],
    [2026, 53],
    [2027, 52],
    [2028, 52],
    [2032, 53],
  ])('%i has %i ISO weeks', (year, weeks) => {
    expect(weeksInYear(year)).toBe(weeks);
  });
});

describe('periodOfDate', () => {
  it.each([
    ['week', '2026-11-18', ISO, '2026-W47'],
    ['week', '2026-11-22', ISO, '2026-W47'],
    ['week', '2026-11-23', ISO, '2026-W48'],
    ['week', '2027-01-01', ISO, '2026-W53'],
    ['week', '2027-01-04', ISO, '2027-W01'],
    ['week', '2021-01-03', ISO, '2020-W53'],
    ['week', '2025-12-29', ISO, '2026-W01'],
    ['week', '2028-02-29', ISO, '2028-W09'],
    ['week', '2026-11-18', SUNDAY_WEEKS, '2026-W46'],
    ['week', '2026-01-03', SUNDAY_WEEKS, '2025-W53'],
    ['month', '2028-02-29', ISO, '2028-02'],
    ['quarter', '2026-11-18', ISO, '2026-Q4'],
    ['quarter', '2026-03-31', ISO, '2026-Q1'],
    ['quarter', '2026-03-31', FISCAL_APRIL, 'FY2025-Q4'],
    ['quarter', '2026-04-01', FISCAL_APRIL, 'FY2026-Q1'],
    ['quarter', '2026-11-18', FISCAL_APRIL, 'FY2026-Q3'],
    ['quarter', '2027-02-10', FISCAL_APRIL, 'FY2026-Q4'],
    ['year', '2027-02-10', FISCAL_APRIL, 'FY2026'],
    ['year', '2027-04-01', FISCAL_APRIL, 'FY2027'],
    ['year', '2026-12-31', ISO, '2026'],
  ] as const)('%s of %s -> %s', (kind, date, settings, key) => {
    expect(periodOfDate(kind, date, settings).key).toBe(key);
  });
});

describe('periodContaining an instant in a zone', () => {
  it.each([
    // 23:30 UTC on Sunday 15 Nov is already Monday in Paris, still Sunday in New York.
    ['week', '2026-11-15T23:30:00Z', 'Europe/Paris', '2026-W47'],
    ['week', '2026-11-15T23:30:00Z', 'UTC', '2026-W46'],
    ['week', '2026-11-15T23:30:00Z', 'America/New_York', '2026-W46'],
    ['month', '2026-10-31T23:30:00Z', 'Europe/Paris', '2026-11'],
    ['month', '2026-10-31T23:30:00Z', 'America/New_York', '2026-10'],
    ['month', '2026-11-01T03:30:00Z', 'America/New_York', '2026-10'],
    ['month', '2026-11-01T04:30:00Z', 'America/New_York', '2026-11'],
    // New Year's Eve evening in New York is New Year's Day in Paris.
    ['year', '2026-12-31T20:00:00-05:00', 'Europe/Paris', '2027'],
    ['year', '2026-12-31T20:00:00-05:00', 'America/New_York', '2026'],
    ['week', '2026-12-31T20:00:00-05:00', 'Europe/Paris', '2026-W53'],
    ['quarter', '2026-12-31T20:00:00-05:00', 'Europe/Paris', '2027-Q1'],
    ['quarter', '2026-12-31T20:00:00-05:00', 'Asia/Tokyo', '2027-Q1'],
    // Paris is UTC+2 after the spring change: 22:30 UTC on 29 Mar is 00:30 on Monday 30 Mar.
    ['week', '2026-03-29T21:30:00Z', 'Europe/Paris', '2026-W13'],
    ['week', '2026-03-29T22:30:00Z', 'Europe/Paris', '2026-W14'],
    // Paris is back to UTC+1 after the autumn change (25 Oct, in ISO week 43): 23:30 UTC is 00:30 on Monday 26 Oct.
    ['week', '2026-10-25T22:30:00Z', 'Europe/Paris', '2026-W43'],
    ['week', '2026-10-25T23:30:00Z', 'Europe/Paris', '2026-W44'],
    // New York is UTC-5 again after 1 Nov: 04:30 UTC on 2 Nov is 23:30 on Sunday 1 Nov (with -4 it would be Monday).
    ['week', '2026-11-02T04:30:00Z', 'America/New_York', '2026-W44'],
    ['week', '2026-11-02T05:30:00Z', 'America/New_York', '2026-W45'],
    // New York is UTC-4 after 8 Mar: 03:30 UTC on 9 Mar is 23:30 on Sunday 8 Mar.
    ['week', '2026-03-09T03:30:00Z', 'America/New_York', '2026-W10'],
    ['week', '2026-03-09T04:30:00Z', 'America/New_York', '2026-W11'],
  ] as const)('%s containing %s in %s -> %s', (kind, instant, zone, key) => {
    expect(periodContaining(kind, instant, zone, ISO).key).toBe(key);
  });

  it('throws on a malformed instant or zone (programming errors, not user input)', () => {
    expect(() => periodContaining('week', 'yesterday', 'UTC', ISO)).toThrow(RangeError);
    expect(() => periodContaining('week', '2026-11-18T12:00:00Z', 'Mars/Olympus', ISO)).toThrow(RangeError);
  });
});

describe('previous and next period', () => {
  it.each([
    ['2026-W53', ISO, '2026-W52', '2027-W01'],
    ['2027-W01', ISO, '2026-W53', '2027-W02'],
    ['2021-W01', ISO, '2020-W53', '2021-W02'],
    ['2026-01', ISO, '2025-12', '2026-02'],
    ['2026-Q1', ISO, '2025-Q4', '2026-Q2'],
    ['2026', ISO, '2025', '2027'],
    ['FY2026-Q1', FISCAL_APRIL, 'FY2025-Q4', 'FY2026-Q2'],
    ['FY2026-Q4', FISCAL_APRIL, 'FY2026-Q3', 'FY2027-Q1'],
    ['FY2026', FISCAL_APRIL, 'FY2025', 'FY2027'],
  ] as const)('%s: previous %s, next %s', (key, settings, prev, next) => {
    const p = parsed(key, settings);
    expect(previousPeriod(p, settings).key).toBe(prev);
    expect(nextPeriod(p, settings).key).toBe(next);
  });
});

describe('periodDays', () => {
  it('lists every day of February 2028 (leap year)', () => {
    const days = periodDays(parsed('2028-02'));
    expect(days).toHaveLength(29);
    expect(days[0]).toBe('2028-02-01');
    expect(days[28]).toBe('2028-02-29');
  });

  it('lists the 7 days of week 53 across the year end', () => {
    expect(periodDays(parsed('2026-W53'))).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it('has 365 and 366 days in 2026 and 2028, 365 in fiscal 2026 starting in April', () => {
    expect(periodDays(parsed('2026'))).toHaveLength(365);
    expect(periodDays(parsed('2028'))).toHaveLength(366);
    // FY2027 runs 2027-04-01 .. 2028-03-31 and so holds 29 February 2028.
    expect(periodDays(parsed('FY2027', FISCAL_APRIL))).toHaveLength(366);
  });
});

describe('periodInstants across DST', () => {
  it.each([
    ['2026-W13', 'Europe/Paris', '2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 167],
    ['2026-W43', 'Europe/Paris', '2026-10-19T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 169],
    ['2026-W44', 'Europe/Paris', '2026-10-26T00:00:00+01:00', '2026-11-02T00:00:00+01:00', 168],
    ['2026-W10', 'America/New_York', '2026-03-02T00:00:00-05:00', '2026-03-09T00:00:00-04:00', 167],
    ['2026-W44', 'America/New_York', '2026-10-26T00:00:00-04:00', '2026-11-02T00:00:00-05:00', 169],
    ['2026-03', 'Europe/Paris', '2026-03-01T00:00:00+01:00', '2026-04-01T00:00:00+02:00', 31 * 24 - 1],
  ] as const)('%s in %s lasts %i hours', (key, zone, start, end, hours) => {
    const i = periodInstants(parsed(key), zone);
    expect(i).toEqual({ start, endExclusive: end });
    expect(hoursBetween(i.start, i.endExclusive)).toBe(hours);
  });
});
