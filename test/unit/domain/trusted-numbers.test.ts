// The rules that make figures hold up to a rep's questions, each computed by hand: no data vs zero,
// awaiting an import, ratios with a zero denominator, unranked members, ramp-up per working day, one cap,
// statuses only with enough evidence, final results of closed periods, negative computed targets,
// objectives on the same KPI told apart, and the team's currency.
import { describe, expect, it } from 'vitest';
import { attainmentOf } from '../../../src/core/domain/attainment.js';
import { readKpi } from '../../../src/core/domain/data-state.js';
import { kpiActuals } from '../../../src/core/domain/kpi-values.js';
import type { Kpi, Role } from '../../../src/core/domain/model.js';
import { ISO_PERIOD_SETTINGS, type Period, parsePeriodKey } from '../../../src/core/domain/periods.js';
import { evidenceDays, periodPhase } from '../../../src/core/domain/projection.js';
import { buildTeamReport, type TeamReportInput } from '../../../src/core/domain/report.js';
import { collective, member, mv, objective, SEED_KPIS, SEED_ROLES, team, tv, workspace } from './seed-workspace.js';

function p(key: string): Period {
  const r = parsePeriodKey(key, ISO_PERIOD_SETTINGS);
  if (!r.ok) throw new Error(r.error.message);
  return r.period;
}

const KPIS: Record<string, Kpi> = {
  ...SEED_KPIS,
  crm_revenue: { ...SEED_KPIS.new_revenue!, id: 'crm_revenue', sources: ['import', 'api'] },
  crm_lost: { ...SEED_KPIS.deals_lost!, id: 'crm_lost', sources: ['import'] },
  crm_won: { ...SEED_KPIS.deals_won!, id: 'crm_won', sources: ['import'] },
  crm_win_rate: { ...SEED_KPIS.win_rate!, id: 'crm_win_rate', formula: 'crm_won / (crm_won + crm_lost)' },
  no_shows_low: { ...SEED_KPIS.no_shows!, id: 'no_shows_low', direction: 'lower' },
};

describe('readKpi: no data is not zero', () => {
  const read = (id: string, values: Record<string, number[]>) => {
    const grouped = new Map(
      Object.entries(values).map(([k, vs]) => [k, vs.map((value) => ({ date: '2026-11-10', value }))]),
    );
    return readKpi(KPIS, id, kpiActuals(KPIS, grouped), (k) => (grouped.get(k)?.length ?? 0) > 0);
  };
  it.each([
    ['a reported volume', 'qualified_meetings', { qualified_meetings: [3, 4] }, { actual: 7, dataState: 'ok' }],
    [
      'a volume nobody reported counts as 0 done (it can only lower a score)',
      'qualified_meetings',
      {},
      { actual: 0, dataState: 'no_data' },
    ],
    [
      'a lower-is-better volume nobody reported has no value (it would score the cap)',
      'no_shows_low',
      {},
      { actual: null, dataState: 'no_data' },
    ],
    [
      'an explicit 0 of a lower-is-better volume is a value',
      'no_shows_low',
      { no_shows_low: [0] },
      { actual: 0, dataState: 'ok' },
    ],
    ['an average with no value', 'cycle_days', {}, { actual: null, dataState: 'no_data' }],
    ['an import-only KPI with nothing imported yet', 'crm_revenue', {}, { actual: null, dataState: 'awaiting_data' }],
    ['an import-only KPI with an imported 0', 'crm_revenue', { crm_revenue: [0] }, { actual: 0, dataState: 'ok' }],
    [
      'a ratio missing an input reported by check-in',
      'no_show_rate',
      { meetings_booked: [10] },
      { actual: null, dataState: 'no_data' },
    ],
    [
      'a ratio whose inputs come from imports not yet there',
      'crm_win_rate',
      { crm_won: [2] },
      { actual: null, dataState: 'awaiting_data' },
    ],
    [
      'a ratio with both inputs',
      'no_show_rate',
      { meetings_booked: [10], no_shows: [2] },
      { actual: 0.2, dataState: 'ok' },
    ],
    [
      'a ratio whose denominator is 0 says which input',
      'no_show_rate',
      { meetings_booked: [0], no_shows: [0] },
      { actual: null, dataState: 'not_computable', zeroInputs: ['meetings_booked'] },
    ],
    [
      'a ratio over a sum of zeros names both',
      'win_rate',
      { deals_won: [0], deals_lost: [0] },
      { actual: null, dataState: 'not_computable', zeroInputs: ['deals_won', 'deals_lost'] },
    ],
  ] as const)('%s', (_label, id, values, expected) => {
    expect(read(id, values as Record<string, number[]>)).toEqual(expected);
  });
});

describe('one cap, both directions', () => {
  it.each([
    ['win rate 58 % vs 25 %: 232 % shows as the cap', 0.58, 0.25, 'higher', { value: 2, capped: true }],
    ['exactly the cap is not "above" it', 0.5, 0.25, 'higher', { value: 2, capped: false }],
    ['no-show 1 % vs 15 %: 15 capped', 0.01, 0.15, 'lower', { value: 2, capped: true }],
    ['no-show 0 (an explicit zero) is the cap', 0, 0.15, 'lower', { value: 2, capped: true }],
    ['no-show missing: no attainment', null, 0.15, 'lower', { value: null, capped: false }],
    ['57 % is itself', 20, 35, 'higher', { value: 20 / 35, capped: false }],
  ] as const)('%s', (_label, actual, target, direction, expected) => {
    expect(attainmentOf(actual, target, direction, 2)).toEqual(expected);
  });
});

describe('evidence before a status', () => {
  it.each([
    // max(2, 10 % of the period's working days), never more than the period has.
    ['a week of 5 days needs 2', 5, 2],
    ['a month of 20 needs 2', 20, 2],
    ['a month of 22 needs 2.2 (so 3 whole days)', 22, 2.2],
    ['a quarter of 64 needs 6.4 (so 7)', 64, 6.4],
    ['a week of 1 working day needs that day', 1, 1],
  ])('%s', (_label, days, needed) => {
    expect(evidenceDays(days)).toBeCloseTo(needed, 10);
  });

  it.each([
    ['1 of 20 days: too early', '2026-11-02', '2026-11-30', 1, 20, 'early'],
    ['2 of 20 days: projected', '2026-11-03', '2026-11-30', 2, 20, 'open'],
    ['2 of 22 days: too early', '2026-12-02', '2026-12-31', 2, 22, 'early'],
    ['3 of 22 days: projected', '2026-12-03', '2026-12-31', 3, 22, 'open'],
    ['first day of a quarter of 64 days', '2026-10-01', '2026-12-31', 1, 64, 'early'],
    ['6 of 64 days', '2026-10-08', '2026-12-31', 6, 64, 'early'],
    ['7 of 64 days', '2026-10-09', '2026-12-31', 7, 64, 'open'],
    ['the last day of the period is still open', '2026-11-30', '2026-11-30', 20, 20, 'open'],
    ['the day after the end: closed', '2026-12-01', '2026-11-30', 20, 20, 'closed'],
  ] as const)('%s', (_label, asOf, end, elapsed, days, phase) => {
    expect(periodPhase(asOf, end, elapsed, days)).toBe(phase);
  });

  it('follows the workspace setting', () => {
    expect(periodPhase('2026-11-04', '2026-11-30', 3, 20, { minDays: 1, minShare: 0.2 })).toBe('early'); // needs 4
    expect(periodPhase('2026-11-05', '2026-11-30', 4, 20, { minDays: 1, minShare: 0.2 })).toBe('open');
  });
});

const SDR: Record<string, Role> = { sdr: { ...SEED_ROLES.sdr!, ramp: [0.25, 0.5, 0.75] } };

describe('reports: no data, awaiting data and ranks', () => {
  const roles: Record<string, Role> = {
    ...SDR,
    closer: {
      id: 'closer',
      label: { en: 'closer', fr: 'closer' },
      checkin: [],
      ramp: [],
      objectives: [
        objective('crm_revenue', 30_000, 'month', '>=', { weight: 3 }),
        objective('qualified_meetings', 20, 'month', '>='),
      ],
    },
  };
  const t = team('sales-fr', [
    member('ana', 'sdr'),
    member('ben', 'sdr'),
    member('cyd', 'closer'),
    member('dov', 'closer'),
    member('eve', 'sdr'),
  ]);
  const ws = workspace([t], { roles, kpis: KPIS });
  // Wednesday 18 November 2026: 12 of November's 20 working days.
  const input = (values: TeamReportInput['values']): TeamReportInput => ({
    workspace: ws,
    team: t,
    period: p('2026-11'),
    asOf: '2026-11-18T12:00:00+01:00',
    values,
    ooo: [],
  });
  const report = buildTeamReport(
    input([
      // ana: 20 meetings, 10 booked, 1 no-show, 12 SQL.
      mv('ana', 'qualified_meetings', '2026-11-13', 20),
      mv('ana', 'meetings_booked', '2026-11-13', 10),
      mv('ana', 'no_shows', '2026-11-13', 1),
      mv('ana', 'sql', '2026-11-13', 12),
      // ben: 20 meetings and 12 SQL, but never reported no-shows nor meetings booked.
      mv('ben', 'qualified_meetings', '2026-11-13', 20),
      mv('ben', 'sql', '2026-11-13', 12),
      // cyd: 10 meetings, revenue not imported yet. dov: nothing at all. eve: booked 0 meetings, 0 no-shows.
      mv('cyd', 'qualified_meetings', '2026-11-13', 10),
      mv('eve', 'meetings_booked', '2026-11-13', 0),
      mv('eve', 'no_shows', '2026-11-13', 0),
    ]),
  );
  const m = (id: string) => report.members.find((x) => x.id === id)!;
  const k = (id: string, kpi: string) => m(id).kpis.find((x) => x.kpi === kpi)!;

  it('leaves a lower-is-better KPI without value out of the score, instead of the cap', () => {
    // Every SDR objective weighs 1. ana: (20/35 + 0.15/0.1 + 12/15) / 3 = (0.571429 + 1.5 + 0.8) / 3 = 0.957143
    expect(m('ana').score).toBeCloseTo((20 / 35 + 1.5 + 0.8) / 3, 10);
    // ben: the no-show rate has no value, not the cap (which would give him 1.1238 and the lead):
    // (20/35 + 12/15) / 2 = 0.685714, below ana.
    expect(k('ben', 'no_show_rate')).toMatchObject({
      dataState: 'no_data',
      actual: null,
      attainment: null,
      status: null,
    });
    expect(m('ben').score).toBeCloseTo((20 / 35 + 0.8) / 2, 10);
    expect([m('ana').rank, m('ben').rank]).toEqual([1, 2]);
  });

  it('says why a ratio cannot be computed', () => {
    expect(k('eve', 'no_show_rate')).toMatchObject({
      dataState: 'not_computable',
      zeroInputs: ['meetings_booked'],
      actual: null,
      attainment: null,
      status: null,
    });
    expect(k('eve', 'no_show_rate').zeroInputLabels).toEqual([{ en: 'meetings_booked', fr: 'meetings_booked' }]);
  });

  it('keeps an objective awaiting its import out of status, projection and score, the other weights renormalised', () => {
    expect(k('cyd', 'crm_revenue')).toMatchObject({
      dataState: 'awaiting_data',
      actual: null,
      attainment: null,
      projected: null,
      projectedAttainment: null,
      neededPerDay: null,
      status: null,
      met: null,
    });
    // Only the meetings count: 10 / 20 = 0.5 (not (3 × 0 + 1 × 0.5) / 4).
    expect(m('cyd').score).toBeCloseTo(0.5, 10);
    expect(m('cyd').rank).toBe(3);
  });

  it('lists members without any scored data unranked, with the reason', () => {
    expect(m('dov')).toMatchObject({ score: null, rank: null, unrankedReason: 'no_data' });
    // eve reported only the inputs of a ratio that cannot be computed: nothing scored has data.
    expect(m('eve')).toMatchObject({ score: null, rank: null, unrankedReason: 'no_data' });
    expect(report.members.map((x) => [x.id, x.rank])).toEqual([
      ['ana', 1],
      ['ben', 2],
      ['cyd', 3],
      ['dov', null],
      ['eve', null],
    ]);
  });

  it('tells a member awaiting only imports apart', () => {
    const only: Record<string, Role> = {
      crm: {
        id: 'crm',
        label: { en: 'crm', fr: 'crm' },
        checkin: [],
        ramp: [],
        objectives: [objective('crm_revenue', 30_000, 'month', '>=')],
      },
    };
    const t2 = team('sales-fr', [member('fay', 'crm')]);
    const r = buildTeamReport({ ...input([]), workspace: workspace([t2], { roles: only, kpis: KPIS }), team: t2 });
    expect(r.members[0]).toMatchObject({ rank: null, unrankedReason: 'awaiting_data' });
  });

  it('carries the objective id and period on every row', () => {
    expect(k('ana', 'qualified_meetings')).toMatchObject({
      id: 'role:sdr:qualified_meetings:month',
      per: 'month',
      sharedKpi: false,
    });
  });
});

describe('ramp-up per working day (started 5 October 2026, curve 25 %, 50 %, 75 %; 40 meetings a month)', () => {
  // Tenure months: 5 Oct-4 Nov 0.25, 5 Nov-4 Dec 0.5, 5 Dec-4 Jan 0.75. December's 22 working days (FR:
  // 25 Dec off): 1-4 Dec at 0.5 (4 days), 7-31 Dec at 0.75 (18 days): 40 × (2 + 13.5) / 22 = 28.1818.
  const roles: Record<string, Role> = {
    sdr: { ...SDR.sdr!, objectives: [objective('qualified_meetings', 40, 'month', '>=')] },
  };
  const t = team('sales-fr', [member('alice', 'sdr', { start: '2026-10-05' })]);
  const ws = workspace([t], { roles });
  const target = (key: string) =>
    buildTeamReport({ workspace: ws, team: t, period: p(key), asOf: '2027-01-15T12:00:00+01:00', values: [], ooo: [] })
      .members[0]!.kpis[0]!.target!;

  it.each([
    ['December: the month', '2026-12', (40 * (4 * 0.5 + 18 * 0.75)) / 22],
    // Week 50 (7-11 Dec): 5 days at 0.75 of December's 22.
    ['week 50', '2026-W50', (40 * 5 * 0.75) / 22],
    // Week 49: 30 Nov is 1 of November's 20 days (0.5); 1-4 Dec are 4 of December's 22 (0.5).
    ['week 49, across two months', '2026-W49', (40 * 0.5) / 20 + (40 * 4 * 0.5) / 22],
    // November: 2-4 Nov (3 days) at 0.25, 5-30 Nov (17 days, 11 Nov off) at 0.5.
    ['November', '2026-11', (40 * (3 * 0.25 + 17 * 0.5)) / 20],
    ['February 2027: the curve is over', '2027-02', 40],
  ])('%s', (_label, key, expected) => {
    expect(target(key)).toBeCloseTo(expected, 10);
  });

  it("adds December's weeks up to the month", () => {
    // The December parts of weeks 49 and 53 and the whole of 50, 51, 52.
    const w49 = target('2026-W49') - (40 * 0.5) / 20;
    const w53 = (40 * 4 * 0.75) / 22; // 28-31 Dec; 1 Jan is off and 2-3 Jan a weekend: nothing from January
    expect(target('2026-W53')).toBeCloseTo(w53, 10);
    expect(w49 + target('2026-W50') + target('2026-W51') + target('2026-W52') + w53).toBeCloseTo(target('2026-12'), 10);
  });
});

describe('statuses, closed periods and targets that read right', () => {
  const roles: Record<string, Role> = {
    ae: {
      id: 'ae',
      label: { en: 'AE', fr: 'AE' },
      checkin: [],
      ramp: [],
      objectives: [
        objective('new_revenue', 120_000, 'quarter', '>=', { weight: 3 }),
        objective(
          'new_revenue',
          {
            formula: '(opportunities * close_rate) * average_deal - discounts',
            inputs: { close_rate: 0.25, average_deal: 8000, discounts: 2000 },
          },
          'month',
          '>=',
          { weight: 0 },
        ),
      ],
    },
  };
  const t = team('sales-us', [member('sam', 'ae')], {
    currency: 'USD',
    collective: [collective('opps', 'opportunities', 30, 20, 'quarter')],
  });
  const ws = workspace([t], { roles });
  const values = [
    mv('sam', 'new_revenue', '2026-10-01', 5_000),
    mv('sam', 'opportunities', '2026-10-01', 0),
    tv('sales-us', 'opportunities', '2026-10-01', 0),
  ];
  const at = (key: string, asOf: string) =>
    buildTeamReport({ workspace: ws, team: t, period: p(key), asOf, values, ooo: [] });

  it('gives no status and no breach on the first day of a quarter at 0 / 30', () => {
    const r = at('2026-Q4', '2026-10-01T18:00:00+02:00');
    expect(r.collective[0]).toMatchObject({ actual: 0, dataState: 'ok', status: null, projected: null });
    expect(r.members[0]!.kpis[0]).toMatchObject({ actual: 5_000, status: null, projected: null });
  });

  it('projects once enough of the period has elapsed', () => {
    // 9 Oct: 7 of the quarter's 64 working days (FR calendar of the fixture team: 11 Nov and 25 Dec off).
    const r = at('2026-Q4', '2026-10-09T18:00:00+02:00');
    expect(r.collective[0]).toMatchObject({ actual: 0, projected: 0, status: 'breached' });
  });

  it('shows the final result of a closed period, never a projection', () => {
    const r = at('2026-10', '2026-11-02T09:00:00+01:00');
    const quota = r.members[0]!.kpis[0]!;
    // October's share of the quarterly 120 000: 22 of 64 working days = 41 250; 5 000 is missed.
    expect(quota).toMatchObject({
      status: 'missed',
      met: false,
      projected: null,
      projectedAttainment: null,
      neededPerDay: null,
    });
    expect(quota.target).toBeCloseTo(41_250, 6);
  });

  it('clamps a negative computed target to 0: no target', () => {
    // 0 opportunities: (0 × 0.25) × 8 000 − 2 000 = −2 000.
    const guide = at('2026-10', '2026-10-20T12:00:00+02:00').members[0]!.kpis[1]!;
    expect(guide).toMatchObject({ target: 0, noTarget: true, attainment: null, met: null, status: null });
  });

  it('applies an override stated for the quarter to the quarterly quota only, not to the monthly guide', () => {
    const lea = member('lea', 'ae', {
      overrides: [{ kpi: 'new_revenue', per: 'quarter', target: { value: 150_000 } }],
    });
    const t2 = team('sales-us', [lea]);
    const r = buildTeamReport({
      workspace: workspace([t2], { roles }),
      team: t2,
      period: p('2026-Q4'),
      asOf: '2026-11-18T12:00:00+01:00',
      values,
      ooo: [],
    });
    const [quota, guide] = r.members[0]!.kpis;
    expect(quota!.target).toBe(150_000);
    // The guide keeps its formula: each month (0 × 0.25) × 8 000 − 2 000 < 0, clamped to 0.
    expect(guide).toMatchObject({ target: 0, noTarget: true });
  });

  it('tells the two objectives on the same KPI apart and shows the team currency', () => {
    const [quota, guide] = at('2026-10', '2026-10-20T12:00:00+02:00').members[0]!.kpis;
    expect([quota, guide].map((k) => [k!.id, k!.per, k!.sharedKpi, k!.currency])).toEqual([
      ['role:ae:new_revenue:quarter', 'quarter', true, 'USD'],
      ['role:ae:new_revenue:month', 'month', true, 'USD'],
    ]);
  });
});
