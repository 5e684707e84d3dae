import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../../src/core/domain/metric-values.js';
import type { Member, Role } from '../../../src/core/domain/model.js';
import {
  ISO_PERIOD_SETTINGS,
  type Period,
  type PeriodSettings,
  parsePeriodKey,
} from '../../../src/core/domain/periods.js';
import { buildTeamReport, type TeamReportInput } from '../../../src/core/domain/report.js';
import { collective, member, mv, SEED_ROLES, team, tv, workspace } from './seed-workspace.js';

function p(key: string, settings: PeriodSettings = ISO_PERIOD_SETTINGS): Period {
  const r = parsePeriodKey(key, settings);
  if (!r.ok) throw new Error(r.error.message);
  return r.period;
}

/** Rounds every number to 4 decimals so a whole report compares with hand-computed figures. */
function round4<T>(x: T): T {
  if (typeof x === 'number') return (Math.round(x * 1e4) / 1e4 + 0) as T;
  if (Array.isArray(x)) return x.map(round4) as T;
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round4(v)])) as T;
  return x;
}

const MQL_VOLUME = collective('mql-volume', 'mql', 200, 150, 'month', {
  owner: 'carla',
  contributors: ['alice', 'bob'],
});
const SALES_FR = team(
  'sales-fr',
  [member('alice', 'sdr'), member('bob', 'sdr'), member('chloe', 'sdr'), member('carla', undefined)],
  {
    collective: [MQL_VOLUME],
    managers: ['carla'],
  },
);
const WS = workspace([SALES_FR]);

const OCTOBER: MetricValue[] = [
  mv('alice', 'qualified_meetings', '2026-10-20', 10),
  mv('bob', 'qualified_meetings', '2026-10-20', 30),
  mv('chloe', 'qualified_meetings', '2026-10-20', 20),
];
const NOVEMBER: MetricValue[] = [
  mv('alice', 'qualified_meetings', '2026-11-03', 8),
  mv('alice', 'qualified_meetings', '2026-11-10', 7),
  mv('alice', 'qualified_meetings', '2026-11-17', 5),
  // After the as-of day: not counted yet.
  mv('alice', 'qualified_meetings', '2026-11-19', 5),
  mv('alice', 'meetings_booked', '2026-11-17', 25),
  mv('alice', 'no_shows', '2026-11-17', 3),
  mv('alice', 'sql', '2026-11-17', 12),
  mv('alice', 'mql', '2026-11-12', 10),
  mv('bob', 'qualified_meetings', '2026-11-16', 15),
  mv('bob', 'meetings_booked', '2026-11-16', 20),
  mv('bob', 'no_shows', '2026-11-16', 5),
  mv('bob', 'sql', '2026-11-16', 10),
  mv('bob', 'mql', '2026-11-12', 20),
  mv('chloe', 'qualified_meetings', '2026-11-16', 18),
  tv('sales-fr', 'mql', '2026-11-05', 30),
  tv('sales-fr', 'mql', '2026-11-16', 20),
  // Another team's figure and last month's: not ours.
  tv('sales-us', 'mql', '2026-11-05', 999),
  tv('sales-fr', 'mql', '2026-10-30', 40),
];

function input(over: Partial<TeamReportInput> = {}): TeamReportInput {
  return {
    workspace: WS,
    team: SALES_FR,
    period: p('2026-11'),
    asOf: '2026-11-18T11:00:00Z',
    values: [...OCTOBER, ...NOVEMBER],
    ooo: [],
    ...over,
  };
}

// Every row also carries its objective id and period, its data state and whether the cap or no target applied.
const row = (kpi: string, direction: string, comparator: string, r: Record<string, unknown>) => ({
  id: `role:sdr:${kpi}:month`,
  kpi,
  per: 'month',
  sharedKpi: false,
  direction,
  comparator,
  weight: 1,
  dataState: 'ok',
  noTarget: false,
  capped: false,
  ...r,
});

describe('buildTeamReport: the example report', () => {
  const report = buildTeamReport(input());

  it('produces exactly the documented figures', () => {
    expect(round4(report)).toEqual({
      team: 'sales-fr',
      period: {
        kind: 'month',
        key: '2026-11',
        start: '2026-11-01',
        end: '2026-11-30',
        asOf: '2026-11-18T12:00:00+01:00',
        workingDays: 20,
        workingDaysElapsed: 12,
      },
      members: [
        {
          // (20/35 + 0.15/0.12 + 12/15) / 3 = (0.5714 + 1.25 + 0.8) / 3; October rank 3 -> 1.
          id: 'alice',
          role: 'sdr',
          score: 0.8738,
          rank: 1,
          unrankedReason: null,
          movement: 2,
          outOfOffice: false,
          workingDays: 20,
          workingDaysElapsed: 12,
          kpis: [
            row('qualified_meetings', 'higher', '>=', {
              actual: 20,
              target: 35,
              attainment: 0.5714,
              projected: 33.3333,
              projectionMethod: 'pace',
              projectedAttainment: 0.9524,
              neededPerDay: 1.875,
              status: 'at_risk',
              met: false,
            }),
            row('no_show_rate', 'lower', '<', {
              actual: 0.12,
              target: 0.15,
              attainment: 1.25,
              projected: 0.12,
              projectionMethod: 'current',
              projectedAttainment: 1.25,
              neededPerDay: null,
              status: 'on_track',
              met: true,
            }),
            row('sql', 'higher', '>=', {
              actual: 12,
              target: 15,
              attainment: 0.8,
              projected: 20,
              projectionMethod: 'pace',
              projectedAttainment: 1.3333,
              neededPerDay: 0.375,
              status: 'on_track',
              met: false,
            }),
          ],
        },
        {
          // (15/35 + 0.15/0.25 + 10/15) / 3; October rank 1 -> 2.
          id: 'bob',
          role: 'sdr',
          score: 0.5651,
          rank: 2,
          unrankedReason: null,
          movement: -1,
          outOfOffice: false,
          workingDays: 20,
          workingDaysElapsed: 12,
          kpis: [
            row('qualified_meetings', 'higher', '>=', {
              actual: 15,
              target: 35,
              attainment: 0.4286,
              projected: 25,
              projectionMethod: 'pace',
              projectedAttainment: 0.7143,
              neededPerDay: 2.5,
              status: 'off_track',
              met: false,
            }),
            row('no_show_rate', 'lower', '<', {
              actual: 0.25,
              target: 0.15,
              attainment: 0.6,
              projected: 0.25,
              projectionMethod: 'current',
              projectedAttainment: 0.6,
              neededPerDay: null,
              status: 'off_track',
              met: false,
            }),
            row('sql', 'higher', '>=', {
              actual: 10,
              target: 15,
              attainment: 0.6667,
              projected: 16.6667,
              projectionMethod: 'pace',
              projectedAttainment: 1.1111,
              neededPerDay: 0.625,
              status: 'on_track',
              met: false,
            }),
          ],
        },
        {
          // No meeting booked: the no-show rate has no value and is left out of the score: (18/35 + 0) / 2.
          // No SQL reported: it counts as 0 in the score (missing data never helps) but raises no status.
          id: 'chloe',
          role: 'sdr',
          score: 0.2571,
          rank: 3,
          unrankedReason: null,
          movement: -1,
          outOfOffice: false,
          workingDays: 20,
          workingDaysElapsed: 12,
          kpis: [
            row('qualified_meetings', 'higher', '>=', {
              actual: 18,
              target: 35,
              attainment: 0.5143,
              projected: 30,
              projectionMethod: 'pace',
              projectedAttainment: 0.8571,
              neededPerDay: 2.125,
              status: 'at_risk',
              met: false,
            }),
            row('no_show_rate', 'lower', '<', {
              dataState: 'no_data',
              actual: null,
              target: 0.15,
              attainment: null,
              projected: null,
              projectionMethod: 'current',
              projectedAttainment: null,
              neededPerDay: null,
              status: null,
              met: null,
            }),
            row('sql', 'higher', '>=', {
              dataState: 'no_data',
              actual: 0,
              target: 15,
              attainment: 0,
              projected: null,
              projectionMethod: 'pace',
              projectedAttainment: null,
              neededPerDay: 1.875,
              status: null,
              met: false,
            }),
          ],
        },
      ],
      collective: [
        // 50 team-level + 10 (alice) + 20 (bob) = 80; 80 / 12 × 20 = 133.33 <= 150: breached.
        {
          id: 'mql-volume',
          objective: 'mql-volume',
          kpi: 'mql',
          per: 'month',
          direction: 'higher',
          comparator: '>=',
          dataState: 'ok',
          capped: false,
          actual: 80,
          target: 200,
          alert: 150,
          attainment: 0.4,
          projected: 133.3333,
          projectionMethod: 'pace',
          projectedAttainment: 0.6667,
          status: 'breached',
          met: false,
          owner: 'carla',
        },
      ],
    });
  });

  it('has the fields of the documented JSON shape, numbers unrounded', () => {
    const alice = report.members[0]!;
    expect(alice.kpis[0]!.attainment).toBe(20 / 35);
    expect(alice.kpis[0]!.projected).toBe((20 / 12) * 20);
    expect(alice.kpis[0]!.neededPerDay).toBe(1.875);
    expect(report.collective[0]!.projected).toBe((80 / 12) * 20);
    // Members without a role (carla, the manager) are not listed.
    expect(report.members.map((m) => m.id)).toEqual(['alice', 'bob', 'chloe']);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('takes movement from given previous ranks when supplied', () => {
    const r = buildTeamReport(input({ previousRanks: { alice: 1, bob: 3 } }));
    expect(r.members.map((m) => [m.id, m.movement])).toEqual([
      ['alice', 0],
      ['bob', 1],
      ['chloe', null],
    ]);
  });
});

describe('buildTeamReport: periods without data', () => {
  it('reports an empty month as zeros for sums and no value for the rest', () => {
    const r = buildTeamReport(input({ period: p('2026-12'), asOf: '2026-12-10T09:00:00+01:00', values: [] }));
    // December 2026: 22 working days (25 Dec), 8 of them by Thursday 10th.
    expect(r.period).toMatchObject({ workingDays: 22, workingDaysElapsed: 8 });
    // Nobody has data: nobody is ranked (never "rank 1 at 0 %"), and no status or breach is raised.
    expect(r.members.map((m) => [m.id, m.score, m.rank, m.unrankedReason, m.movement])).toEqual([
      ['alice', null, null, 'no_data', null],
      ['bob', null, null, 'no_data', null],
      ['chloe', null, null, 'no_data', null],
    ]);
    expect(r.members[0]!.kpis.map((k) => [k.kpi, k.dataState, k.actual, k.projected, k.status])).toEqual([
      ['qualified_meetings', 'no_data', 0, null, null],
      ['no_show_rate', 'no_data', null, null, null],
      ['sql', 'no_data', 0, null, null],
    ]);
    expect(r.collective[0]).toMatchObject({
      dataState: 'no_data',
      actual: 0,
      projected: null,
      attainment: 0,
      status: null,
    });
  });

  it('makes no projection nor status before the first working day', () => {
    // Sunday 1 Nov 2026 at noon: no working day has elapsed yet.
    const r = buildTeamReport(input({ asOf: '2026-11-01T12:00:00+01:00' }));
    expect(r.period.workingDaysElapsed).toBe(0);
    const qm = r.members.find((m) => m.id === 'alice')!.kpis[0]!;
    expect([qm.actual, qm.projected, qm.projectedAttainment, qm.status, qm.neededPerDay]).toEqual([
      0,
      null,
      null,
      null,
      35 / 20,
    ]);
    expect(r.collective[0]).toMatchObject({ actual: 0, projected: null, status: null });
  });
});

describe('buildTeamReport: proration to the report period', () => {
  it('prorates monthly individual and collective targets (and the alert) to a week', () => {
    const r = buildTeamReport(input({ period: p('2026-W47') }));
    // W47 = 16-22 Nov: 5 of November's 20 working days; as of Wed 18th, 3 have elapsed.
    expect(r.period).toMatchObject({
      key: '2026-W47',
      start: '2026-11-16',
      end: '2026-11-22',
      workingDays: 5,
      workingDaysElapsed: 3,
    });
    const qm = r.members.find((m) => m.id === 'alice')!.kpis[0]!;
    // 5 meetings on the 17th; target 35 × 5/20 = 8.75; 5 / 3 × 5 = 8.33; (8.75 − 5) / 2 = 1.875.
    expect(round4([qm.actual, qm.target, qm.projected, qm.projectedAttainment, qm.neededPerDay, qm.status])).toEqual([
      5,
      8.75,
      8.3333,
      0.9524,
      1.875,
      'at_risk',
    ]);
    // The no-show rate target is a ratio: never prorated.
    expect(r.members[0]!.kpis[1]!.target).toBe(0.15);
    // Team: 20 MQL on the 16th; target 200 × 5/20 = 50, alert 150 × 5/20 = 37.5; 20 / 3 × 5 = 33.33 <= 37.5.
    expect(round4(r.collective[0])).toMatchObject({
      actual: 20,
      target: 50,
      alert: 37.5,
      attainment: 0.4,
      projected: 33.3333,
      status: 'breached',
    });
  });

  it('sums monthly targets over a quarter and does not prorate a quarterly one', () => {
    const ws = workspace([SALES_FR], { defaults: { fiscalYearStart: 4 } });
    const ae = member('dan', 'ae');
    const t = team('sales-fr', [member('alice', 'sdr'), ae], { collective: [MQL_VOLUME] });
    const r = buildTeamReport({
      workspace: ws,
      team: t,
      period: p('FY2026-Q3', { weekStart: 1, fiscalYearStart: 4 }),
      asOf: '2026-11-18T11:00:00Z',
      values: [],
      ooo: [],
    });
    expect(r.period).toMatchObject({
      key: 'FY2026-Q3',
      start: '2026-10-01',
      end: '2026-12-31',
      workingDays: 64,
      workingDaysElapsed: 34,
    });
    expect(r.members.find((m) => m.id === 'alice')!.kpis[0]!.target).toBe(105);
    expect(r.members.find((m) => m.id === 'dan')!.kpis.map((k) => k.target)).toEqual([120_000, 0.25, 60, 3]);
    expect(r.collective[0]).toMatchObject({ target: 600, alert: 450 });
  });

  it('counts the whole of February 2028 (leap year) and stops pacing once the period is over', () => {
    const values = [mv('alice', 'qualified_meetings', '2028-02-29', 30)];
    const r = buildTeamReport(input({ period: p('2028-02'), asOf: '2028-02-29T17:00:00+01:00', values }));
    expect(r.period).toMatchObject({ end: '2028-02-29', workingDays: 21, workingDaysElapsed: 21 });
    const qm = r.members[0]!.kpis[0]!;
    expect([qm.actual, qm.projected, qm.neededPerDay]).toEqual([30, 30, null]);
  });
});

describe('buildTeamReport: targets in force', () => {
  const roles: Record<string, Role> = {
    sdr: {
      ...SEED_ROLES.sdr!,
      objectives: [{ ...SEED_ROLES.sdr!.objectives[0]!, history: [{ from: '2026-11-20', target: { value: 40 } }] }],
    },
  };
  const ws = workspace([SALES_FR], { roles });
  it.each([
    ['November as of the 18th: still the old target', '2026-11', '2026-11-18T11:00:00Z', 35],
    ['November, closed: the target in force at its end', '2026-11', '2027-01-10T11:00:00Z', 40],
    ['October, closed: the target of the time', '2026-10', '2027-01-10T11:00:00Z', 35],
  ])('%s', (_label, key, asOf, target) => {
    const r = buildTeamReport(input({ workspace: ws, period: p(key), asOf }));
    expect(r.members[0]!.kpis[0]!.target).toBe(target);
  });

  it('lets a member override win over the role target', () => {
    const t = team('sales-fr', [
      member('alice', 'sdr', { overrides: [{ kpi: 'qualified_meetings', target: { value: 20 } }] }),
      member('bob', 'sdr'),
    ]);
    const r = buildTeamReport(input({ team: t }));
    expect(r.members.map((m) => [m.id, m.kpis[0]!.target, m.kpis[0]!.attainment])).toEqual([
      ['alice', 20, 1],
      ['bob', 35, 15 / 35],
    ]);
  });
});

describe('buildTeamReport: out of office', () => {
  const ooo = [
    { memberId: 'alice', from: '2026-11-23', to: '2026-11-27' },
    { memberId: 'bob', from: '2026-10-26', to: '2026-12-04' },
  ];

  it("slows the pace by the member's OOO days and leaves out members away all period", () => {
    const r = buildTeamReport(input({ ooo }));
    const alice = r.members.find((m) => m.id === 'alice')!;
    // 15 working days present, 12 elapsed: 20 / 12 × 15 = 25; (35 − 20) / 3 = 5. The target stays 35.
    expect([alice.workingDays, alice.workingDaysElapsed]).toEqual([15, 12]);
    expect(
      round4([alice.kpis[0]!.target, alice.kpis[0]!.projected, alice.kpis[0]!.neededPerDay, alice.kpis[0]!.status]),
    ).toEqual([35, 25, 5, 'off_track']);
    const bob = r.members.find((m) => m.id === 'bob')!;
    expect([bob.outOfOffice, bob.score, bob.rank, bob.movement, bob.workingDays]).toEqual([true, null, null, null, 0]);
    expect(bob.kpis[0]!.projected).toBeNull();
    // Bob is listed after the ranked members; chloe moves up to rank 2.
    expect(r.members.map((m) => [m.id, m.rank])).toEqual([
      ['alice', 1],
      ['chloe', 2],
      ['bob', null],
    ]);
  });

  it('reduces the target by OOO days when the workspace asks for it', () => {
    const ws = workspace([SALES_FR], { defaults: { oooProratesTargets: true } });
    const r = buildTeamReport(input({ workspace: ws, ooo }));
    const qm = r.members.find((m) => m.id === 'alice')!.kpis[0]!;
    // 35 × 15 / 20 = 26.25; 20 / 26.25 = 0.7619; projected 25 / 26.25 = 0.9524; (26.25 − 20) / 3 = 2.0833.
    expect(round4([qm.target, qm.attainment, qm.projected, qm.projectedAttainment, qm.neededPerDay])).toEqual([
      26.25, 0.7619, 25, 0.9524, 2.0833,
    ]);
  });
});

describe('buildTeamReport: ramp-up', () => {
  const roles: Record<string, Role> = { sdr: { ...SEED_ROLES.sdr!, ramp: [0.25, 0.5, 0.75] } };
  const ws = workspace([SALES_FR], { roles });
  it.each([
    ['month 1', '2026-11-01', 0.25],
    // Per working day: 2-13 Nov (9 working days, the 11th a holiday) in month 1 (0.25), 16-30 Nov (11) in
    // month 2 (0.5): (9 × 0.25 + 11 × 0.5) / 20 = 0.3875.
    ['started mid-October: month 1 to the 14th, month 2 from the 15th', '2026-10-15', 0.3875],
    ['month 2', '2026-10-01', 0.5],
    ['month 3', '2026-09-01', 0.75],
    ['month 4: full target', '2026-08-01', 1],
  ])('%s, started %s: %f of the sum targets, ratios untouched', (_label, start, share) => {
    const t = team('sales-fr', [member('nina', 'sdr', { start })]);
    const values = [mv('nina', 'qualified_meetings', '2026-11-17', 7)];
    const r = buildTeamReport(input({ workspace: ws, team: t, values }));
    const [qm, noShow, sql] = r.members[0]!.kpis;
    expect(qm!.target).toBeCloseTo(35 * share, 10);
    expect(qm!.attainment).toBeCloseTo(7 / (35 * share), 10);
    expect(noShow!.target).toBe(0.15);
    expect(sql!.target).toBeCloseTo(15 * share, 10);
  });

  it('ranks a ramping member on the ramped target', () => {
    // Nina (month 1, target 8.75) with 7 meetings beats alice (target 35) with 20.
    const t = team('sales-fr', [
      member('alice', 'sdr', { start: '2020-01-01' }),
      member('nina', 'sdr', { start: '2026-11-01' }),
    ]);
    const values = [
      mv('alice', 'qualified_meetings', '2026-11-17', 20),
      mv('nina', 'qualified_meetings', '2026-11-17', 7),
    ];
    const r = buildTeamReport(input({ workspace: ws, team: t, values }));
    // alice (20/35 + 0)/2 = 0.2857; nina (7/8.75 + 0)/2 = 0.4
    expect(round4(r.members.map((m) => [m.id, m.score, m.rank]))).toEqual([
      ['nina', 0.4, 1],
      ['alice', 0.2857, 2],
    ]);
  });
});

describe('buildTeamReport: leaderboard', () => {
  it('shares ranks on ties (1, 1, 3) and compares roles on attainment', () => {
    const members: Member[] = [
      member('alice', 'sdr'),
      member('bob', 'sdr'),
      member('dan', 'ae'),
      member('chloe', 'sdr'),
    ];
    const t = team('sales-fr', members);
    const values = [
      // alice and bob: 35 meetings (1.0), no-show 3/20 = 15 % (1.0, but not met: < 15 %), 12 SQL (0.8) -> 0.9333
      ...['alice', 'bob'].flatMap((id) => [
        mv(id, 'qualified_meetings', '2026-11-20', 35),
        mv(id, 'meetings_booked', '2026-11-20', 20),
        mv(id, 'no_shows', '2026-11-20', 3),
        mv(id, 'sql', '2026-11-20', 12),
      ]),
      // dan (AE): 37 500 € = 120 000 × 20/64 (1.0), win rate 1/4 (1.0), cycle 45 d (60/45 = 1.3333), 0 references (0) -> 0.8333
      mv('dan', 'new_revenue', '2026-11-20', 37_500),
      mv('dan', 'deals_won', '2026-11-20', 1),
      mv('dan', 'deals_lost', '2026-11-20', 3),
      mv('dan', 'cycle_days', '2026-11-20', 45),
      // chloe: 70 meetings = 2.0 capped at 2, nothing else: (2 + 0) / 2 = 1.0 (raw volume cannot win alone)
      mv('chloe', 'qualified_meetings', '2026-11-20', 70),
    ];
    const r = buildTeamReport(input({ team: t, values, asOf: '2026-12-01T09:00:00+01:00' }));
    expect(round4(r.members.map((m) => [m.id, m.role, m.score, m.rank]))).toEqual([
      ['chloe', 'sdr', 1, 1],
      ['alice', 'sdr', 0.9333, 2],
      ['bob', 'sdr', 0.9333, 2],
      ['dan', 'ae', 0.8333, 4],
    ]);
    expect(r.members[1]!.kpis[1]).toMatchObject({ kpi: 'no_show_rate', attainment: 1, met: false });
  });
});

describe('buildTeamReport: collective roll-up', () => {
  const support = team('support-fr', [member('sam', 'support'), member('sue', 'support')], {
    collective: [
      collective('csat', 'csat', 4.6, 4.3, 'month'),
      collective('fcr', 'fcr', 0.7, 0.6, 'month'),
      collective('frt', 'frt_hours', 2, 3, 'month', { comparator: '<' }),
    ],
  });
  const values: MetricValue[] = [
    mv('sam', 'csat', '2026-11-05', 4.8),
    mv('sue', 'csat', '2026-11-06', 4.4),
    tv('support-fr', 'csat', '2026-11-07', 4.2),
    // FCR from rolled-up bases: (50 + 16) / (60 + 40) = 0.66, not the mean of 83 % and 40 %.
    mv('sam', 'resolved_first_contact', '2026-11-05', 50),
    mv('sam', 'tickets', '2026-11-05', 60),
    mv('sue', 'resolved_first_contact', '2026-11-05', 16),
    mv('sue', 'tickets', '2026-11-05', 40),
    mv('sam', 'frt_hours', '2026-11-05', 1.5),
    mv('sue', 'frt_hours', '2026-11-05', 3.5),
  ];
  it.each([
    // average of 4.8, 4.4 and 4.2 = 4.4667: between alert 4.3 and target 4.6
    ['csat', 4.4667, 4.6, 4.3, 'current', 'at_risk'],
    ['fcr', 0.66, 0.7, 0.6, 'current', 'at_risk'],
    // average 2.5 h, lower is better: worse than 2, better than the 3 h alert
    ['frt', 2.5, 2, 3, 'current', 'at_risk'],
  ] as const)('%s', (objective, actual, target, alert, method, status) => {
    const r = buildTeamReport({
      workspace: workspace([support]),
      team: support,
      period: p('2026-11'),
      asOf: '2026-11-18T11:00:00Z',
      values,
      ooo: [],
    });
    const c = r.collective.find((x) => x.objective === objective)!;
    expect(round4([c.actual, c.target, c.alert, c.projectionMethod, c.status])).toEqual([
      actual,
      target,
      alert,
      method,
      status,
    ]);
    expect(c.projected).toBe(c.actual);
  });
});

describe('buildTeamReport: time zones and DST', () => {
  it.each([
    // 22:30 UTC on Sunday 29 March is 00:30 on Monday 30 in Paris (UTC+2 since that morning).
    ['Europe/Paris', '2026-W13', '2026-03-29T22:30:00Z', '2026-03-30T00:30:00+02:00', 5, 5],
    ['Europe/Paris', '2026-W14', '2026-03-29T22:30:00Z', '2026-03-30T00:30:00+02:00', 5, 1],
    // W15 holds Easter Monday (6 Apr 2026) in France.
    ['Europe/Paris', '2026-W15', '2026-03-29T22:30:00Z', '2026-03-30T00:30:00+02:00', 4, 0],
    // 04:30 UTC on Monday 2 November is 23:30 on Sunday 1 in New York (UTC-5 since that night).
    ['America/New_York', '2026-W44', '2026-11-02T04:30:00Z', '2026-11-01T23:30:00-05:00', 5, 5],
    ['America/New_York', '2026-W45', '2026-11-02T04:30:00Z', '2026-11-01T23:30:00-05:00', 5, 0],
    ['America/New_York', '2026-W10', '2026-03-09T03:30:00Z', '2026-03-08T23:30:00-04:00', 5, 5],
  ])('%s %s as of %s', (zone, key, asOf, localAsOf, workingDays, elapsed) => {
    const t = team('t', [member('alice', 'sdr')], {
      timezone: zone,
      holidays: zone === 'Europe/Paris' ? ['fr'] : ['us'],
    });
    const r = buildTeamReport({ workspace: workspace([t]), team: t, period: p(key), asOf, values: [], ooo: [] });
    expect(r.period).toMatchObject({ key, asOf: localAsOf, workingDays, workingDaysElapsed: elapsed });
  });
});
