// Every seed objective of PRODUCT.md, end to end through buildTeamReport, with hand-computed figures.
import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../../src/core/domain/metric-values.js';
import type { Role } from '../../../src/core/domain/model.js';
import { ISO_PERIOD_SETTINGS, type Period, parsePeriodKey } from '../../../src/core/domain/periods.js';
import { buildTeamReport } from '../../../src/core/domain/report.js';
import { member, mv, objective, SEED_ROLES, team, workspace } from './seed-workspace.js';

function p(key: string): Period {
  const r = parsePeriodKey(key, ISO_PERIOD_SETTINGS);
  if (!r.ok) throw new Error(r.error.message);
  return r.period;
}

type Expected = [kpi: string, actual: number | null, target: number, attainment: number | null, met: boolean];

function rowsFor(
  roleId: string,
  key: string,
  asOf: string,
  values: (id: string) => MetricValue[],
  roles?: Record<string, Role>,
): Expected[] {
  const t = team('t', [member('rep', roleId)]);
  const r = buildTeamReport({
    workspace: workspace([t], roles ? { roles } : {}),
    team: t,
    period: p(key),
    asOf,
    values: values('rep'),
    ooo: [],
  });
  return r.members[0]!.kpis.map((k) => [k.kpi, k.actual, k.target!, k.attainment, k.met!]);
}

function expectRows(actual: Expected[], expected: Expected[]): void {
  expect(actual.map((r) => r[0])).toEqual(expected.map((r) => r[0]));
  actual.forEach((row, i) => {
    const [kpi, a, t, att, met] = expected[i]!;
    expect({ kpi, met, target: row[2] }).toEqual({ kpi: row[0], met: row[4], target: t });
    if (a === null) expect(row[1]).toBeNull();
    else expect(row[1]).toBeCloseTo(a, 10);
    if (att === null) expect(row[3]).toBeNull();
    else expect(row[3]).toBeCloseTo(att, 10);
  });
}

const AFTER_NOV = '2026-12-01T09:00:00+01:00';
const AFTER_Q4 = '2027-01-04T09:00:00+01:00';

describe('seed objectives', () => {
  it('SDR: 35 qualified meetings / month, no-show < 15 %, 15 SQL / month', () => {
    const rows = rowsFor('sdr', '2026-11', AFTER_NOV, (id) => [
      mv(id, 'qualified_meetings', '2026-11-06', 20),
      mv(id, 'qualified_meetings', '2026-11-13', 16),
      mv(id, 'meetings_booked', '2026-11-13', 40),
      mv(id, 'no_shows', '2026-11-13', 6),
      mv(id, 'sql', '2026-11-13', 12),
    ]);
    expectRows(rows, [
      ['qualified_meetings', 36, 35, 36 / 35, true],
      // 6 / 40 = 15 % exactly: attainment 1.0 but "< 15 %" is not met.
      ['no_show_rate', 0.15, 0.15, 1, false],
      ['sql', 12, 15, 0.8, false],
    ]);
  });

  it('AE: 120 k€ / quarter, win rate >= 25 % (won / (won + lost)), cycle < 60 days (average), 3 references', () => {
    const rows = rowsFor('ae', '2026-Q4', AFTER_Q4, (id) => [
      mv(id, 'new_revenue', '2026-10-20', 90_000),
      mv(id, 'new_revenue', '2026-12-10', 40_000),
      mv(id, 'deals_won', '2026-10-20', 2),
      mv(id, 'deals_lost', '2026-10-20', 2),
      mv(id, 'deals_won', '2026-12-10', 3),
      mv(id, 'deals_lost', '2026-12-10', 13),
      mv(id, 'cycle_days', '2026-10-20', 45),
      mv(id, 'cycle_days', '2026-11-20', 75),
      mv(id, 'cycle_days', '2026-12-10', 60),
      mv(id, 'customer_references', '2026-12-10', 2),
    ]);
    expectRows(rows, [
      ['new_revenue', 130_000, 120_000, 130 / 120, true],
      // 5 / 20 = 25 %, although the monthly rates were 50 % and 18.75 %.
      ['win_rate', 0.25, 0.25, 1, true],
      // mean of 45, 75 and 60 = 60: not below 60.
      ['cycle_days', 60, 60, 1, false],
      ['customer_references', 2, 3, 2 / 3, false],
    ]);
  });

  it('AM/CSM: net churn <= 2 % / quarter, NRR >= 115 %, adoption of 3 key features', () => {
    const rows = rowsFor('am', '2026-Q4', AFTER_Q4, (id) => [
      mv(id, 'starting_mrr', '2026-10-01', 200_000),
      mv(id, 'churned_mrr', '2026-11-15', 6_000),
      mv(id, 'expansion_mrr', '2026-12-15', 2_000),
      mv(id, 'upsells', '2026-11-15', 3),
      mv(id, 'strategic_accounts', '2026-10-01', 4),
      mv(id, 'key_features_adopted', '2026-10-15', 2),
      mv(id, 'key_features_adopted', '2026-12-01', 3),
    ]);
    expectRows(rows, [
      // (6 000 − 2 000) / 200 000 = 2 %: "<= 2 %" is met.
      ['net_churn', 0.02, 0.02, 1, true],
      // NRR = 1 − net churn = 98 %
      ['nrr', 0.98, 1.15, 0.98 / 1.15, false],
      // a ratio target: 2 / account / year is never prorated; 3 / 4 so far.
      ['upsells_per_account', 0.75, 2, 0.375, false],
      ['key_features_adopted', 3, 3, 1, true],
    ]);
  });

  it('AM/CSM: expansion beyond churn (negative net churn) hits the cap, NRR 115 % is met', () => {
    const rows = rowsFor('am', '2026-Q4', AFTER_Q4, (id) => [
      mv(id, 'starting_mrr', '2026-10-01', 100_000),
      mv(id, 'churned_mrr', '2026-11-15', 2_000),
      mv(id, 'expansion_mrr', '2026-12-15', 17_000),
    ]);
    expectRows(rows.slice(0, 2), [
      ['net_churn', -0.15, 0.02, 2, true],
      ['nrr', 1.15, 1.15, 1, true],
    ]);
  });

  it('AM/CSM: 2 upsells / strategic account / year', () => {
    const rows = rowsFor('am', '2026', '2027-01-04T09:00:00+01:00', (id) => [
      mv(id, 'upsells', '2026-03-15', 4),
      mv(id, 'upsells', '2026-09-15', 5),
      mv(id, 'strategic_accounts', '2026-01-05', 5),
      mv(id, 'strategic_accounts', '2026-07-01', 4),
    ]);
    // 9 upsells over the last known 4 strategic accounts = 2.25
    expect(rows[2]![0]).toBe('upsells_per_account');
    expectRows([rows[2]!], [['upsells_per_account', 2.25, 2, 1.125, true]]);
  });

  it('Marketing: 200 MQL / month, MQL→SQL >= 30 %, cost per MQL <= 120 €, pipeline contribution >= 35 %', () => {
    const rows = rowsFor('marketing', '2026-11', AFTER_NOV, (id) => [
      mv(id, 'mql', '2026-11-10', 100),
      mv(id, 'mql', '2026-11-24', 80),
      mv(id, 'sql', '2026-11-24', 54),
      mv(id, 'marketing_spend', '2026-11-30', 21_600),
      mv(id, 'marketing_pipeline', '2026-11-30', 70_000),
      mv(id, 'total_pipeline', '2026-11-30', 250_000),
    ]);
    expectRows(rows, [
      ['mql', 180, 200, 0.9, false],
      ['mql_to_sql', 0.3, 0.3, 1, true],
      // 21 600 / 180 = 120 €: "<= 120" met.
      ['cost_per_mql', 120, 120, 1, true],
      // a quarterly ratio target in a month report: not prorated.
      ['pipeline_contribution', 0.28, 0.35, 0.8, false],
    ]);
  });

  it('Support: CSAT >= 4.6 / 5 (average), FRT < 2 h (average, lower), first-contact resolution >= 70 %', () => {
    const rows = rowsFor('support', '2026-11', AFTER_NOV, (id) => [
      ...[5, 4, 5, 4.5].map((v, i) => mv(id, 'csat', `2026-11-0${i + 2}`, v)),
      ...[1.5, 2.5, 1, 3].map((v, i) => mv(id, 'frt_hours', `2026-11-0${i + 2}`, v)),
      mv(id, 'tickets', '2026-11-20', 200),
      mv(id, 'resolved_first_contact', '2026-11-20', 150),
    ]);
    expectRows(rows, [
      ['csat', 4.625, 4.6, 4.625 / 4.6, true],
      ['frt_hours', 2, 2, 1, false],
      ['fcr', 0.75, 0.7, 0.75 / 0.7, true],
    ]);
  });
});

describe('the seed revenue formula as a computed monthly target', () => {
  // revenue_target = (opportunities × close_rate) × average_deal − discounts
  const roles: Record<string, Role> = {
    closer: {
      ...SEED_ROLES.ae!,
      id: 'closer',
      ramp: [],
      objectives: [
        objective(
          'new_revenue',
          {
            formula: '(opportunities * close_rate) * average_deal - discounts',
            inputs: { close_rate: 0.25, average_deal: 8_000, discounts: 2_000 },
          },
          'month',
          '>=',
        ),
      ],
    },
  };
  const values = (id: string) => [
    mv(id, 'opportunities', '2026-11-05', 7),
    mv(id, 'opportunities', '2026-11-17', 5),
    mv(id, 'new_revenue', '2026-11-17', 24_000),
  ];

  it("uses the month's opportunities: (12 × 0.25) × 8 000 − 2 000 = 22 000", () => {
    expectRows(rowsFor('closer', '2026-11', AFTER_NOV, values, roles), [
      ['new_revenue', 24_000, 22_000, 24 / 22, true],
    ]);
  });

  it("prorates the month's computed target to a week: 22 000 × 5 / 20 = 5 500", () => {
    // As of Wed 18 Nov the month holds 12 opportunities; W47 holds 5 of November's 20 working days.
    expectRows(rowsFor('closer', '2026-W47', '2026-11-18T12:00:00+01:00', values, roles), [
      ['new_revenue', 24_000, 5_500, 2, true],
    ]); // 24 / 5.5 = 4.36, capped at 2
  });
});
