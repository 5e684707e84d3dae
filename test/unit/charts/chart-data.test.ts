// Chart data from the fixture workspace, checked against figures worked out by hand: the burn-up replays
// the team figure day by day and ends on the report's projection; attainment bars sort and colour by the
// projected score; the trend gives each week's figure and the member's prorated weekly target.
import { describe, expect, it } from 'vitest';
import { teamAttainment } from '../../../src/charts/data/attainment-data.js';
import { collectiveBurnUp } from '../../../src/charts/data/burn-up-data.js';
import { memberTrend } from '../../../src/charts/data/trend-data.js';
import type { MemberKpiRow } from '../../../src/core/domain/member-report.js';
import type { MetricValue } from '../../../src/core/domain/metric-values.js';
import type { MemberReport, TeamReport } from '../../../src/core/domain/report.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

const ws = fixtureWorkspace();
const sales = ws.teams.find((t) => t.id === 'sales')!;
const support = ws.teams.find((t) => t.id === 'support')!;
const Q1 = { kind: 'quarter', key: '2026-Q1', start: '2026-01-01', end: '2026-03-31' } as const;
const v = (kpi: string, date: string, value: number, who: { memberId?: string; teamId?: string }): MetricValue => ({
  kpi,
  date,
  value,
  recordedAt: `${date}T18:00:00.000Z`,
  ...who,
});

describe('collectiveBurnUp', () => {
  const values = [
    v('opportunities', '2026-01-05', 5, { teamId: 'sales' }),
    v('opportunities', '2026-01-20', 3, { memberId: 'alice', teamId: 'sales' }),
    v('opportunities', '2026-02-10', 4, { memberId: 'bob' }),
    // Another team's value and a value after the as-of day are not part of the figure.
    v('opportunities', '2026-01-06', 50, { teamId: 'support' }),
    v('opportunities', '2026-02-20', 9, { memberId: 'bob' }),
  ];

  it('gives the figure at the end of each day to the as-of day, then the pace projection', () => {
    const data = collectiveBurnUp({
      workspace: ws,
      team: sales,
      period: Q1,
      asOf: '2026-02-15T12:00:00+01:00',
      values,
      objectiveId: 'pipeline',
    });
    expect(data.actual).toHaveLength(46); // 1 Jan .. 15 Feb
    const at = (date: string) => data.actual.find((p) => p.date === date)?.value;
    expect([
      at('2026-01-01'),
      at('2026-01-04'),
      at('2026-01-05'),
      at('2026-01-19'),
      at('2026-01-20'),
      at('2026-02-09'),
      at('2026-02-15'),
    ]).toEqual([0, 0, 5, 5, 8, 8, 12]);
    // 12 in 32 of Q1's 64 working days (22 in January, 20 in February, 22 in March): 24 at the end.
    expect(data.projection).toEqual({ from: { date: '2026-02-15', value: 12 }, to: { date: '2026-03-31', value: 24 } });
    expect(data).toMatchObject({
      target: 30,
      alert: 20,
      hasData: true,
      cumulative: true,
      asOfDate: '2026-02-15',
      unit: { type: 'count' },
      direction: 'higher',
      teamName: 'Sales France',
    });
  });

  it('has no data and no series for a period without values, but keeps target and alert', () => {
    const data = collectiveBurnUp({
      workspace: ws,
      team: sales,
      period: { kind: 'quarter', key: '2026-Q3', start: '2026-07-01', end: '2026-09-30' },
      asOf: '2026-08-01T12:00:00+02:00',
      values,
      objectiveId: 'pipeline',
    });
    expect(data).toMatchObject({ hasData: false, actual: [], projection: null, target: 30, alert: 20 });
  });

  it('draws the whole period without projection once it is over', () => {
    const data = collectiveBurnUp({
      workspace: ws,
      team: sales,
      period: Q1,
      asOf: '2026-05-01T12:00:00+02:00',
      values,
      objectiveId: 'pipeline',
    });
    expect(data.actual).toHaveLength(90);
    expect(data.actual.at(-1)).toEqual({ date: '2026-03-31', value: 21 });
    expect(data.projection).toBeNull();
  });

  it('refuses an objective the team does not have', () => {
    expect(() =>
      collectiveBurnUp({
        workspace: ws,
        team: sales,
        period: Q1,
        asOf: '2026-02-15T12:00:00+01:00',
        values,
        objectiveId: 'nope',
      }),
    ).toThrow(/unknown collective objective "nope"/);
  });
});

const row = (
  kpi: string,
  weight: number,
  attainment: number | null,
  projectedAttainment: number | null,
): MemberKpiRow => ({
  id: `role:x:${kpi}:month`,
  kpi,
  per: 'month',
  sharedKpi: false,
  direction: 'higher',
  comparator: '>=',
  weight,
  dataState: 'ok',
  actual: null,
  target: null,
  noTarget: true,
  attainment,
  capped: false,
  projected: null,
  projectionMethod: 'pace',
  projectedAttainment,
  neededPerDay: null,
  status: null,
  met: null,
});
const member = (id: string, score: number | null, kpis: MemberKpiRow[]): MemberReport => ({
  id,
  role: 'x',
  score,
  rank: null,
  unrankedReason: null,
  movement: null,
  outOfOffice: false,
  workingDays: 20,
  workingDaysElapsed: 10,
  kpis,
});
const report: TeamReport = {
  team: 'sales',
  period: {
    kind: 'month',
    key: '2026-03',
    start: '2026-03-01',
    end: '2026-03-31',
    asOf: '2026-03-16T12:00:00.000+01:00',
    workingDays: 22,
    workingDaysElapsed: 11,
  },
  members: [
    member('ghost', null, []),
    member('alice', 0.5, [row('meetings', 1, 0.5, 1.1)]),
    member('bob', 0.9, [row('revenue', 2, 0.9, 0.85), row('win_rate', 1, 0.9, 0.85)]),
  ],
  collective: [],
};

describe('teamAttainment', () => {
  it('sorts members by score, colours each bar by its projected score, puts members without one last', () => {
    const data = teamAttainment(report, sales, ws);
    expect(data.bars).toEqual([
      { memberId: 'bob', name: 'Bob Durand', attainment: 0.9, tone: 'warning' }, // projected 0.85: at risk (0.8 .. 1)
      { memberId: 'alice', name: 'Alice Martin', attainment: 0.5, tone: 'good' }, // projected 1.1: on track
      { memberId: 'ghost', name: 'ghost', attainment: null, tone: 'neutral' },
    ]);
    expect(data).toMatchObject({
      teamName: 'Sales France',
      asOfDate: '2026-03-16',
      hasData: true,
      period: { key: '2026-03' },
    });
    expect(data.kpi).toBeUndefined();
  });

  it('shows one KPI when asked, for the members who have it', () => {
    const data = teamAttainment(report, sales, ws, { kpiId: 'revenue' });
    expect(data.bars).toEqual([{ memberId: 'bob', name: 'Bob Durand', attainment: 0.9, tone: 'warning' }]);
    expect(data.kpi).toEqual({ id: 'revenue', label: ws.kpis.revenue!.label });
  });

  it('is empty when the caller knows there are no values, or when no bar is above zero', () => {
    expect(teamAttainment(report, sales, ws, { hasValues: false }).hasData).toBe(false);
    const zeros = { ...report, members: [member('alice', 0, [row('meetings', 1, 0, 0)])] };
    expect(teamAttainment(zeros, sales, ws).hasData).toBe(false);
  });
});

describe('memberTrend', () => {
  const values = [
    v('meetings', '2026-03-03', 8, { memberId: 'alice' }),
    v('meetings', '2026-03-10', 6, { memberId: 'alice' }),
    v('meetings', '2026-03-17', 2, { memberId: 'alice' }),
    v('meetings', '2026-03-19', 9, { memberId: 'alice' }), // after the as-of day
    v('csat', '2026-03-03', 4.5, { memberId: 'dave' }),
    v('csat', '2026-03-04', 4.7, { memberId: 'dave' }),
  ];

  it('gives 12 weeks to the as-of week, zeros for empty weeks of a sum KPI, and the prorated weekly target', () => {
    const data = memberTrend({
      workspace: ws,
      team: sales,
      memberId: 'alice',
      kpiId: 'meetings',
      asOf: '2026-03-18T12:00:00+01:00',
      values,
      ooo: [],
    });
    expect(data.weeks.map((w) => w.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-W${String(i + 1).padStart(2, '0')}`),
    );
    expect(data.weeks[0]!.start).toBe('2025-12-29');
    expect(data.weeks.map((w) => w.actual)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 6, 2]);
    // 35 a month: a week inside March has 5 of its 22 working days; W09 has 5 of February's 20 (1 March
    // is a Sunday); W01 has 3 of December 2025's 23 and 2 of January's 22.
    expect(data.weeks[9]!.target).toBeCloseTo((35 * 5) / 22, 9);
    expect(data.weeks[11]!.target).toBeCloseTo((35 * 5) / 22, 9);
    expect(data.weeks[8]!.target).toBeCloseTo((35 * 5) / 20, 9);
    expect(data.weeks[0]!.target).toBeCloseTo((35 * 3) / 23 + (35 * 2) / 22, 9);
    expect(data).toMatchObject({ memberName: 'Alice Martin', hasData: true, asOfDate: '2026-03-18' });
  });

  it('leaves gaps for weeks without values of an average KPI, and has no target for a KPI outside the objectives', () => {
    const csat = memberTrend({
      workspace: ws,
      team: support,
      memberId: 'dave',
      kpiId: 'csat',
      asOf: '2026-03-18T12:00:00Z',
      values,
      ooo: [],
    });
    expect(csat.weeks.map((w) => w.actual)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      4.6,
      null,
      null,
    ]);
    expect(csat.weeks.every((w) => w.target === 4.6)).toBe(true);
    const calls = memberTrend({
      workspace: ws,
      team: sales,
      memberId: 'alice',
      kpiId: 'calls',
      asOf: '2026-03-18T12:00:00+01:00',
      values,
      ooo: [],
    });
    expect(calls.hasData).toBe(false);
    expect(calls.weeks.every((w) => w.actual === null && w.target === null)).toBe(true);
  });
});
