import { describe, expect, it } from 'vitest';
import type { DatedValue } from '../../../src/core/domain/aggregation.js';
import { isSumKpi, kpiActuals } from '../../../src/core/domain/kpi-values.js';
import type { Kpi } from '../../../src/core/domain/model.js';
import { SEED_KPIS } from './seed-workspace.js';

function grouped(entries: Record<string, number[]>): Map<string, DatedValue[]> {
  return new Map(
    Object.entries(entries).map(([kpi, nums]) => [
      kpi,
      nums.map((value, i) => ({ date: `2026-11-${String(i + 2).padStart(2, '0')}`, value })),
    ]),
  );
}

describe("derived KPIs from the period's aggregated base values", () => {
  it.each([
    // Two weeks at 1/2 (50 %) and 3/12 (25 %): the period rate is 4/14, not the 37.5 % mean of weekly rates.
    ['win_rate', { deals_won: [1, 3], deals_lost: [1, 9] }, 4 / 14],
    ['no_show_rate', { no_shows: [3], meetings_booked: [10, 15] }, 0.12],
    // No no-show recorded: a sum with no values is 0, so the rate is 0, not "no value".
    ['no_show_rate', { meetings_booked: [10] }, 0],
    ['mql_to_sql', { sql: [20, 34], mql: [100, 80] }, 0.3],
    ['cost_per_mql', { marketing_spend: [12_000, 9_600], mql: [100, 80] }, 120],
    ['fcr', { resolved_first_contact: [70, 80], tickets: [100, 100] }, 0.75],
    ['pipeline_contribution', { marketing_pipeline: [70_000], total_pipeline: [100_000, 100_000] }, 0.35],
    // Nested: nrr = 1 - net_churn, net_churn = (churned - expansion) / starting (a `last` snapshot).
    ['net_churn', { starting_mrr: [190_000, 200_000], churned_mrr: [4_000], expansion_mrr: [34_000] }, -0.15],
    ['nrr', { starting_mrr: [190_000, 200_000], churned_mrr: [4_000], expansion_mrr: [34_000] }, 1.15],
    ['upsells_per_account', { upsells: [2, 3, 4], strategic_accounts: [5, 4] }, 2.25],
  ])('%s', (kpi, values, expected) => {
    expect(kpiActuals(SEED_KPIS, grouped(values))(kpi)).toBeCloseTo(expected, 10);
  });

  it.each([
    ['0/0 win rate (no deal yet)', 'win_rate', {}],
    ['no meeting booked', 'no_show_rate', { no_shows: [1] }],
    ['cost per MQL with zero MQL', 'cost_per_mql', { marketing_spend: [5_000], mql: [0] }],
    ['nested: no starting MRR', 'nrr', { churned_mrr: [1_000] }],
    ['unknown KPI', 'no_such_kpi', {}],
  ])('division by zero or a missing operand is no value: %s', (_label, kpi, values) => {
    expect(kpiActuals(SEED_KPIS, grouped(values))(kpi)).toBeNull();
  });

  it.each([
    ['qualified_meetings', 0],
    ['csat', null],
    ['cycle_days', null],
    ['key_features_adopted', null],
  ])('with no values, %s is %s (sum: nothing done yet; others: no value)', (kpi, expected) => {
    expect(kpiActuals(SEED_KPIS, new Map())(kpi)).toBe(expected);
  });

  it('returns null for a dependency cycle instead of looping', () => {
    const base = SEED_KPIS.mql!;
    const kpis: Record<string, Kpi> = {
      a: { ...base, id: 'a', formula: 'b + 1' },
      b: { ...base, id: 'b', formula: 'a + 1' },
    };
    expect(kpiActuals(kpis, new Map())('a')).toBeNull();
  });

  it('tells sum KPIs (prorated, paced) from the others', () => {
    expect(
      ['qualified_meetings', 'new_revenue', 'csat', 'win_rate', 'starting_mrr'].map((id) => isSumKpi(SEED_KPIS[id]!)),
    ).toEqual([true, true, false, false, false]);
  });
});
