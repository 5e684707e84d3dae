// One call's reports: a team's values are read once for the range all its reports need, each report is
// built once, and every member's standing comes out of the same team reports.
import { describe, expect, it } from 'vitest';
import type { MetricValue } from '../../../src/core/domain/metric-values.js';
import { ISO_PERIOD_SETTINGS, type Period, parsePeriodKey } from '../../../src/core/domain/periods.js';
import type { OooPeriod, StoredMetricValue } from '../../../src/core/ports/index.js';
import { memberStanding } from '../../../src/core/rituals/queries/member-objectives.js';
import { ReportMemo } from '../../../src/core/rituals/queries/report-memo.js';
import { fixtureWorkspace } from '../../helpers/workspace-fixture.js';

const p = (key: string): Period => {
  const r = parsePeriodKey(key, ISO_PERIOD_SETTINGS);
  if (!r.ok) throw new Error(r.error.message);
  return r.period;
};

const VALUES: MetricValue[] = [
  {
    memberId: 'alice',
    teamId: 'sales',
    kpi: 'meetings',
    date: '2026-10-20',
    value: 12,
    recordedAt: '2026-10-20T18:00:00Z',
  },
  {
    memberId: 'alice',
    teamId: 'sales',
    kpi: 'meetings',
    date: '2026-11-10',
    value: 9,
    recordedAt: '2026-11-10T18:00:00Z',
  },
  {
    memberId: 'bob',
    teamId: 'sales',
    kpi: 'revenue',
    date: '2026-11-12',
    value: 30_000,
    recordedAt: '2026-11-12T18:00:00Z',
  },
];

function counting() {
  const calls: string[] = [];
  const repos = {
    metricValues: {
      listForTeamPeriod: async (): Promise<StoredMetricValue[]> => {
        throw new Error('the fast read is used when the store has it');
      },
      listReportValues: async (teamId: string, _ids: readonly string[], from: string, to: string) => {
        calls.push(`${teamId} ${from}..${to}`);
        return VALUES.filter((v) => v.date >= from && v.date <= to);
      },
    },
    ooo: { listOverlapping: async (): Promise<OooPeriod[]> => [] },
  };
  return { calls, repos };
}

describe('ReportMemo', () => {
  it("reads a team once for all its members' standings, and builds each report once", async () => {
    const ws = fixtureWorkspace();
    const { calls, repos } = counting();
    const memo = new ReportMemo({ repos, workspace: () => ws });
    const team = ws.teams[0]!;
    const asOf = new Date('2026-11-18T11:00:00Z');
    const standings = await Promise.all(team.members.map((m) => memberStanding(memo, team, m, asOf, 'en')));
    const again = await Promise.all(team.members.map((m) => memberStanding(memo, team, m, asOf, 'en')));
    expect(again).toEqual(standings);
    // Alice (monthly objectives) asks first; Bob's quarter needs a wider range once; then all reuse.
    expect(calls).toEqual(['sales 2026-11-01..2026-11-18', 'sales 2026-10-01..2026-11-18']);
    expect(standings[0]!.lines.map((l) => [l.kpi, l.actualText])).toEqual([['meetings', '9']]);
    expect(standings[1]!.lines.map((l) => l.kpi)).toEqual(['revenue', 'win_rate']);
    const [a] = await memo.reports(team, [p('2026-11')], asOf.toISOString(), { movement: false });
    const [b] = await memo.reports(team, [p('2026-11')], asOf.toISOString(), { movement: false });
    expect(a).toBe(b);
  });

  it('reads the previous period too when movement is wanted, and reuses a wider read for narrower reports', async () => {
    const ws = fixtureWorkspace();
    const { calls, repos } = counting();
    const memo = new ReportMemo({ repos, workspace: () => ws });
    const team = ws.teams[0]!;
    const [nov] = await memo.reports(team, [p('2026-11')], '2026-11-18T11:00:00Z');
    expect(calls).toEqual(['sales 2026-10-01..2026-11-18']);
    // First in October (bob had no revenue yet), second in November.
    expect(nov!.members.find((m) => m.id === 'alice')!.movement).toBe(-1);
    await memo.reports(team, [p('2026-W46')], '2026-11-18T11:00:00Z', { movement: false });
    await memo.collective(team, [p('2026-11')], '2026-11-18T11:00:00Z');
    expect(calls).toEqual(['sales 2026-10-01..2026-11-18']);
    expect(memo.cached('k', () => 1)).toBe(1);
    expect(memo.cached('k', () => 2)).toBe(1);
  });
});
