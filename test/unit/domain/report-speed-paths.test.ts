// The fast paths of the report maths give exactly what the plain computation gives: values looked up
// through the per-member index, working days and proration read from the per-calendar caches, and the
// data range a report needs (loading just that range changes nothing in the report).
import { describe, expect, it } from 'vitest';
import { eachDay, isoWeekday } from '../../../src/core/domain/calendar-days.js';
import type { MetricValue, ValueScope } from '../../../src/core/domain/metric-values.js';
import { valuesByKpi } from '../../../src/core/domain/metric-values.js';
import type { Objective } from '../../../src/core/domain/model.js';
import { ISO_PERIOD_SETTINGS, type Period, parsePeriodKey } from '../../../src/core/domain/periods.js';
import { prorationSegments } from '../../../src/core/domain/proration.js';
import { buildTeamReport } from '../../../src/core/domain/report.js';
import { formulaTargetKinds, reportDataRange } from '../../../src/core/domain/report-range.js';
import {
  countWorkingDays,
  teamCalendar,
  workingDayProgress,
  workingDaysBetween,
} from '../../../src/core/domain/working-days.js';
import { member, mv, SEED_ROLES, team, tv, workspace } from './seed-workspace.js';

const p = (key: string): Period => {
  const r = parsePeriodKey(key, ISO_PERIOD_SETTINGS);
  if (!r.ok) throw new Error(r.error.message);
  return r.period;
};

/** The plain scan valuesByKpi replaced: every value, in input order. */
function naive(
  values: readonly MetricValue[],
  scope: ValueScope,
  from: string,
  to: string,
  asOf: string,
): Map<string, MetricValue[]> {
  const last = to < asOf ? to : asOf;
  const out = new Map<string, MetricValue[]>();
  for (const v of values) {
    if (v.date < from || v.date > last) continue;
    if (v.teamId !== undefined && v.teamId !== scope.teamId) continue;
    const mine =
      scope.kind === 'member'
        ? v.memberId === scope.memberId
        : v.memberId === undefined
          ? v.teamId === scope.teamId
          : scope.memberIds.includes(v.memberId);
    if (!mine) continue;
    out.set(v.kpi, [...(out.get(v.kpi) ?? []), v]);
  }
  return out;
}

/** A deterministic pseudo-random stream. */
function stream(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

function randomValues(n: number, sorted: boolean, seed: number): MetricValue[] {
  const rnd = stream(seed);
  const days = eachDay('2026-09-01', '2026-12-31');
  const out: MetricValue[] = [];
  for (let i = 0; i < n; i++) {
    const date = days[Math.floor(rnd() * days.length)]!;
    const who = ['alice', 'bob', 'chloe', undefined][Math.floor(rnd() * 4)];
    const kpi = ['calls', 'meetings', 'sql'][Math.floor(rnd() * 3)]!;
    const teamId = rnd() < 0.2 ? 'other' : rnd() < 0.5 ? 'sales' : undefined;
    out.push({
      ...(who ? { memberId: who } : { teamId: teamId ?? 'sales' }),
      ...(who && teamId ? { teamId } : {}),
      kpi,
      date,
      value: Math.round(rnd() * 1000) / 10,
      recordedAt: `${date}T10:00:00Z`,
    });
  }
  return sorted ? out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) : out;
}

describe('valuesByKpi through the member index', () => {
  it.each([
    ['sorted by date (as the store gives them)', true, 1],
    ['in any order', false, 2],
  ])('picks the same values in the same order as a plain scan, %s', (_label, sorted, seed) => {
    const values = randomValues(600, sorted as boolean, seed as number);
    const scopes: ValueScope[] = [
      { kind: 'member', memberId: 'alice', teamId: 'sales' },
      { kind: 'member', memberId: 'bob', teamId: 'sales' },
      { kind: 'member', memberId: 'nobody', teamId: 'sales' },
      { kind: 'team', teamId: 'sales', memberIds: ['alice', 'bob'] },
    ];
    const ranges: [string, string, string][] = [
      ['2026-10-01', '2026-10-31', '2026-12-31'],
      ['2026-10-01', '2026-12-31', '2026-11-18'],
      ['2026-11-18', '2026-11-18', '2026-11-18'],
      ['2026-12-01', '2026-12-31', '2026-11-18'],
    ];
    for (const scope of scopes) {
      for (const [from, to, asOf] of ranges) {
        const fast = valuesByKpi(values, scope, from, to, asOf);
        const plain = naive(values, scope, from, to, asOf);
        expect([...fast.keys()].sort()).toEqual([...plain.keys()].sort());
        for (const [kpi, list] of plain) expect(fast.get(kpi)).toEqual(list);
      }
    }
  });
});

describe('working days from the calendar cache', () => {
  const t = team('sales', [], { holidays: ['fr'] });
  const ws = workspace([t]);

  it('gives one calendar object per workspace and holiday set', () => {
    expect(teamCalendar(ws, t)).toBe(teamCalendar(ws, team('other', [], { holidays: ['fr'] })));
    expect(teamCalendar(ws, t)).not.toBe(teamCalendar(ws, team('us', [], { holidays: ['us'] })));
    expect(teamCalendar(workspace([t]), t)).not.toBe(teamCalendar(ws, t));
  });

  it('counts like a walk over the days, again and again, and hands out copies', () => {
    const cal = teamCalendar(ws, t);
    const walk = eachDay('2026-11-01', '2026-11-30').filter((d) => isoWeekday(d) <= 5 && d !== '2026-11-11');
    for (let i = 0; i < 3; i++) {
      const days = workingDaysBetween('2026-11-01', '2026-11-30', cal);
      expect(days).toEqual(walk);
      days.pop();
      expect(countWorkingDays('2026-11-01', '2026-11-30', cal)).toBe(20);
    }
    const off = (d: string) => d >= '2026-11-16' && d <= '2026-11-20';
    expect(countWorkingDays('2026-11-01', '2026-11-30', cal, off)).toBe(15);
    expect(workingDayProgress('2026-11-01', '2026-11-30', '2026-11-18', cal)).toEqual({
      workingDays: 20,
      elapsed: 12,
      remaining: 8,
    });
    expect(workingDayProgress('2026-11-01', '2026-11-30', '2026-11-18', cal, off)).toEqual({
      workingDays: 15,
      elapsed: 9,
      remaining: 6,
    });
  });

  it('splits a period over target periods identically on every call, and a caller cannot spoil the cache', () => {
    const cal = teamCalendar(ws, t);
    const first = prorationSegments('month', p('2026-W49'), ISO_PERIOD_SETTINGS, cal);
    first.length = 0;
    expect(
      prorationSegments('month', p('2026-W49'), ISO_PERIOD_SETTINGS, cal).map((s) => [
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

describe('reportDataRange', () => {
  const sdrTeam = team('sales', [member('alice', 'sdr'), member('carla', undefined)]);

  it('is the report period and the previous one (for movement), up to the as-of day', () => {
    const ws = workspace([sdrTeam]);
    expect(reportDataRange(ws, sdrTeam, p('2026-11'), '2026-11-18', { movement: true })).toEqual({
      from: '2026-10-01',
      to: '2026-11-18',
    });
    expect(reportDataRange(ws, sdrTeam, p('2026-11'), '2026-11-18', { movement: false })).toEqual({
      from: '2026-11-01',
      to: '2026-11-18',
    });
    expect(reportDataRange(ws, sdrTeam, p('2026-10'), '2026-11-18', { movement: false })).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
    });
    // As of a day before the period: an empty but valid range.
    expect(reportDataRange(ws, sdrTeam, p('2026-12'), '2026-11-18', { movement: false })).toEqual({
      from: '2026-12-01',
      to: '2026-12-01',
    });
  });

  it('widens to the periods of computed targets, whose formulas read their own period', () => {
    const computed: Objective = {
      kpi: 'new_revenue',
      target: { formula: 'opportunities * 1000', inputs: {} },
      history: [],
      per: 'quarter',
      comparator: '>=',
      weight: 1,
    };
    const roles = { ae: { ...SEED_ROLES.ae!, objectives: [computed] } };
    const aeTeam = team('sales', [member('bob', 'ae')]);
    const ws = workspace([aeTeam], { roles });
    expect([...formulaTargetKinds(ws, aeTeam)]).toEqual(['quarter']);
    expect([...formulaTargetKinds(ws, sdrTeam)]).toEqual([]);
    expect(reportDataRange(ws, aeTeam, p('2026-11'), '2026-12-20', { movement: true })).toEqual({
      from: '2026-10-01',
      to: '2026-12-20',
    });
    expect(reportDataRange(ws, aeTeam, p('2026-W47'), '2026-11-18', { movement: true })).toEqual({
      from: '2026-10-01',
      to: '2026-11-18',
    });
    // An override's computed target counts with the override's own period.
    const overridden = team('sales', [
      member('bob', 'ae', {
        overrides: [{ kpi: 'new_revenue', per: 'year', target: { formula: 'opportunities * 900', inputs: {} } }],
      }),
    ]);
    expect([...formulaTargetKinds(ws, overridden)].sort()).toEqual(['quarter', 'year']);
  });

  it('gives the same report when only that range is loaded', () => {
    const computed: Objective = {
      kpi: 'new_revenue',
      target: { formula: 'opportunities * 1000', inputs: {} },
      history: [],
      per: 'quarter',
      comparator: '>=',
      weight: 1,
    };
    const roles = {
      sdr: SEED_ROLES.sdr!,
      ae: { ...SEED_ROLES.ae!, objectives: [computed, ...SEED_ROLES.ae!.objectives] },
    };
    const t2 = team('sales', [member('alice', 'sdr'), member('bob', 'ae'), member('chloe', 'ae')]);
    const ws = workspace([t2], { roles });
    const rnd = stream(9);
    const values: MetricValue[] = [];
    for (const day of eachDay('2026-01-01', '2026-12-31')) {
      for (const m of ['alice', 'bob', 'chloe']) {
        for (const kpi of ['qualified_meetings', 'opportunities', 'new_revenue', 'deals_won', 'deals_lost']) {
          if (rnd() < 0.15) values.push(mv(m, kpi, day, Math.round(rnd() * 50)));
        }
      }
      if (rnd() < 0.1) values.push(tv('sales', 'mql', day, 3));
    }
    for (const [key, asOf] of [
      ['2026-11', '2026-11-18T11:00:00Z'],
      ['2026-W45', '2026-11-18T11:00:00Z'],
      ['2026-Q3', '2026-11-18T11:00:00Z'],
      ['2026-08', '2026-09-15T11:00:00Z'],
    ] as const) {
      const period = p(key);
      const range = reportDataRange(ws, t2, period, asOf.slice(0, 10), { movement: true });
      const inRange = values.filter((v) => v.date >= range.from && v.date <= range.to);
      expect(buildTeamReport({ workspace: ws, team: t2, period, asOf, values: inRange, ooo: [] })).toEqual(
        buildTeamReport({ workspace: ws, team: t2, period, asOf, values, ooo: [] }),
      );
    }
  });
});
