import { describe, expect, it } from 'vitest';
import { holidayChecker } from '../../../src/core/domain/holidays.js';
import type { PeriodKind } from '../../../src/core/domain/model.js';
import {
  ISO_PERIOD_SETTINGS,
  type Period,
  type PeriodSettings,
  parsePeriodKey,
} from '../../../src/core/domain/periods.js';
import { prorateTarget, prorationSegments } from '../../../src/core/domain/proration.js';
import { rampFactor, tenureMonthIndex } from '../../../src/core/domain/ramp-up.js';
import {
  evaluateTargetSpec,
  selectMemberTarget,
  targetInForce,
  targetReferenceDate,
} from '../../../src/core/domain/targets.js';
import type { WorkingCalendar } from '../../../src/core/domain/working-days.js';
import { member, objective } from './seed-workspace.js';

const FR: WorkingCalendar = {
  workingWeekdays: [1, 2, 3, 4, 5],
  isHoliday: holidayChecker([{ id: 'fr', builtin: 'FR', dates: [] }]),
};
const FISCAL_APRIL: PeriodSettings = { weekStart: 1, fiscalYearStart: 4 };

function p(key: string, settings: PeriodSettings = ISO_PERIOD_SETTINGS): Period {
  const r = parsePeriodKey(key, settings);
  if (!r.ok) throw new Error(r.error.message);
  return r.period;
}

describe('evaluateTargetSpec', () => {
  const SEED = {
    formula: '(opportunities * close_rate) * average_deal - discounts',
    inputs: { close_rate: 0.25, average_deal: 8_000, discounts: 2_000 },
  };
  it.each([
    // revenue_target = (12 × 25 %) × 8 000 − 2 000
    ['the seed revenue formula', SEED, { opportunities: 12 }, 22_000],
    ['the seed formula with no opportunity yet', SEED, { opportunities: 0 }, -2_000],
    [
      'inputs are constants even when a KPI has the same name',
      { formula: 'opportunities * 2', inputs: { opportunities: 5 } },
      { opportunities: 100 },
      10,
    ],
    ['a plain value', { value: 35 }, {}, 35],
    ['percent literals', { formula: 'base * 110%', inputs: { base: 100 } }, {}, 110],
  ])('%s', (_label, spec, actuals: Record<string, number>, expected) => {
    expect(evaluateTargetSpec(spec, (name) => actuals[name] ?? null)).toBeCloseTo(expected, 9);
  });

  it.each([
    ['an unknown name', { formula: 'pipeline * 2', inputs: {} }],
    ['a division by zero', { formula: 'quota / weeks', inputs: { quota: 100, weeks: 0 } }],
    ['an invalid formula', { formula: '2 *', inputs: {} }],
  ])('gives no target for %s', (_label, spec) => {
    expect(evaluateTargetSpec(spec, () => null)).toBeNull();
  });
});

describe('targets in force', () => {
  const o = objective('qualified_meetings', 35, 'month', '>=', {
    history: [
      { from: '2026-12-01', target: { value: 45 } },
      { from: '2026-09-01', target: { value: 40 } },
    ],
  });
  it.each([
    ['2026-08-31', 35],
    ['2026-09-01', 40],
    ['2026-11-30', 40],
    ['2026-12-01', 45],
  ])('on %s the target is %i', (date, value) => {
    expect(targetInForce(o, date)).toEqual({ value });
  });

  it.each([
    // Current period: the as-of day; past period: its end; future period: its start.
    ['2026-11', '2026-11-18', '2026-11-18'],
    ['2026-11', '2027-01-05', '2026-11-30'],
    ['2026-11', '2026-10-20', '2026-11-01'],
  ])('reference day of %s as of %s is %s', (key, asOf, expected) => {
    expect(targetReferenceDate(p(key), asOf)).toBe(expected);
  });

  it('lets a member override win over the role, from its date, with its own period', () => {
    const m = member('alice', 'sdr', {
      overrides: [
        { kpi: 'qualified_meetings', target: { value: 30 }, from: '2026-11-15' },
        { kpi: 'sql', target: { value: 60 }, per: 'quarter' },
      ],
    });
    expect(selectMemberTarget(m, o, '2026-11-14')).toEqual({ spec: { value: 40 }, per: 'month', source: 'role' });
    expect(selectMemberTarget(m, o, '2026-11-15')).toEqual({ spec: { value: 30 }, per: 'month', source: 'override' });
    expect(selectMemberTarget(m, objective('sql', 15, 'month', '>='), '2026-01-01')).toEqual({
      spec: { value: 60 },
      per: 'quarter',
      source: 'override',
    });
  });
});

describe('prorateTarget by working days (FR calendar)', () => {
  // Working days: Oct 2026 22, Nov 20 (11 Nov), Dec 22 (25 Dec), Q4 64; Jan 2027 20 (1 Jan).
  it.each([
    ['monthly 35 in its own month', 35, 'month', '2026-11', 35],
    ['monthly 35 in week 47 (5 of 20 days)', 35, 'month', '2026-W47', (35 * 5) / 20],
    ['monthly 35 in week 46 (holiday: 4 of 20 days)', 35, 'month', '2026-W46', 7],
    // 30 Nov is 1 of November's 20 days; 1-4 Dec are 4 of December's 22.
    ['monthly 35 in week 49 across two months', 35, 'month', '2026-W49', (35 * 1) / 20 + (35 * 4) / 22],
    // 28-31 Dec: 4 of 22; 1-3 Jan 2027: no working day (1 Jan is a holiday).
    ['monthly 35 in week 53', 35, 'month', '2026-W53', (35 * 4) / 22],
    ['monthly 35 in a quarter: the sum of its months', 35, 'month', '2026-Q4', 105],
    ['monthly 35 in a year', 35, 'month', '2026', 420],
    ['quarterly 120k in November (20 of 64 days)', 120_000, 'quarter', '2026-11', 37_500],
    ['quarterly 120k in October (22 of 64 days)', 120_000, 'quarter', '2026-10', 41_250],
    ['quarterly 120k in week 47 (5 of 64 days)', 120_000, 'quarter', '2026-W47', 9_375],
    // W44 has no November working day (1 Nov is a Sunday); W45-W48 lie inside November (W46's 4 working
    // days are all of its days: the holiday does not shrink a weekly target); W49 brings 1 day of 5.
    ['weekly 10 in November 2026', 10, 'week', '2026-11', 0 + 10 + 10 + 10 + 10 + (10 * 1) / 5],
  ] as const)('%s', (_label, value, per, key, expected) => {
    expect(prorateTarget(per as PeriodKind, p(key), ISO_PERIOD_SETTINGS, FR, () => value)).toBeCloseTo(expected, 9);
  });

  it('sums the months of a fiscal quarter', () => {
    expect(prorateTarget('month', p('FY2026-Q1', FISCAL_APRIL), FISCAL_APRIL, FR, () => 35)).toBe(105);
  });

  it('shares by calendar days when the target period has no working day at all', () => {
    const never: WorkingCalendar = { workingWeekdays: [], isHoliday: () => false };
    expect(prorateTarget('month', p('2026-W47'), ISO_PERIOD_SETTINGS, never, () => 35)).toBeCloseTo((35 * 7) / 30, 9);
  });

  it('computes a formula target per target period and ramps each segment from its first day', () => {
    const seen: string[] = [];
    const factor = (segmentStart: string) => (segmentStart < '2026-12-01' ? 0.5 : 1);
    const t = prorateTarget('month', p('2026-W49'), ISO_PERIOD_SETTINGS, FR, (tp) => (seen.push(tp.key), 44), factor);
    expect(seen).toEqual(['2026-11', '2026-12']);
    expect(t).toBeCloseTo(44 * (1 / 20) * 0.5 + 44 * (4 / 22), 9);
  });

  it('has no target when one target period has none', () => {
    expect(
      prorateTarget('month', p('2026-W49'), ISO_PERIOD_SETTINGS, FR, (tp) => (tp.key === '2026-12' ? null : 35)),
    ).toBeNull();
  });

  it('splits a week across months', () => {
    expect(
      prorationSegments('month', p('2026-W49'), ISO_PERIOD_SETTINGS, FR).map((s) => [
        s.targetPeriod.key,
        s.from,
        s.to,
        s.share,
      ]),
    ).toEqual([
      ['2026-11', '2026-11-30', '2026-11-30', 1 / 20],
      ['2026-12', '2026-12-01', '2026-12-06', 4 / 22],
    ]);
  });
});

describe('ramp-up', () => {
  it.each([
    ['2026-08-01', '2026-08-01', 0],
    ['2026-08-01', '2026-09-01', 1],
    ['2026-08-03', '2026-09-01', 0],
    ['2026-08-03', '2026-10-01', 1],
    ['2026-01-31', '2026-03-01', 1],
    ['2025-11-15', '2026-11-15', 12],
    ['2026-12-01', '2026-11-01', 0],
  ])('tenure from %s to %s is %i whole months', (start, date, months) => {
    expect(tenureMonthIndex(start, date)).toBe(months);
  });

  const CURVE = [0.25, 0.5, 0.75];
  it.each([
    ['month 1', '2026-08', 0.25],
    ['month 2', '2026-09', 0.5],
    ['month 3', '2026-10', 0.75],
    ['month 4 (curve ended)', '2026-11', 1],
    ['month 5', '2026-12', 1],
  ])('started 1 Aug 2026: %s (%s) carries %f of the target', (_label, key, share) => {
    expect(rampFactor(CURVE, '2026-08-01', p(key).start)).toBe(share);
  });

  it('ramps a monthly target in a quarter month by month', () => {
    // Started 1 Aug: Oct 0.75, Nov and Dec 1.0 of 35 each.
    const t = prorateTarget(
      'month',
      p('2026-Q4'),
      ISO_PERIOD_SETTINGS,
      FR,
      () => 35,
      (d) => rampFactor(CURVE, '2026-08-01', d),
    );
    expect(t).toBeCloseTo(35 * 0.75 + 35 + 35, 9);
  });
});
