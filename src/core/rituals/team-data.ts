// Reads what a team report needs from the store once (metric values and out-of-office periods over a
// range of days) and builds reports from it for one or several periods.
import type { Team, Workspace } from '../domain/model.js';
import type { MetricValue } from '../domain/metric-values.js';
import { periodOfDate, previousPeriod, type Period } from '../domain/periods.js';
import { buildTeamReport, type TeamReport } from '../domain/report.js';
import { periodSettingsOf } from '../domain/report-context.js';
import type { OooRange } from '../domain/working-days.js';
import type { Repositories } from '../ports.js';

export interface TeamData {
  readonly values: readonly MetricValue[];
  readonly ooo: readonly OooRange[];
}

export async function loadTeamData(
  repos: Pick<Repositories, 'metricValues' | 'ooo'>,
  team: Team,
  from: string,
  to: string,
): Promise<TeamData> {
  const memberIds = team.members.map((m) => m.id);
  const [stored, ooo] = await Promise.all([
    repos.metricValues.listForTeamPeriod(team.id, memberIds, from, to),
    repos.ooo.listOverlapping(memberIds, from, to),
  ]);
  return {
    values: stored.map((v) => ({
      ...(v.memberId !== null ? { memberId: v.memberId } : {}),
      ...(v.teamId !== null ? { teamId: v.teamId } : {}),
      kpi: v.kpiId,
      date: v.date,
      value: v.value,
      recordedAt: v.recordedAt,
    })),
    ooo: ooo.map((o) => ({ memberId: o.memberId, from: o.from, to: o.to })),
  };
}

/** The range of days to load for reports of these periods (computed targets read their own year). */
export function dataRange(ws: Workspace, periods: readonly Period[]): { from: string; to: string } {
  const settings = periodSettingsOf(ws);
  let from = '9999-12-31';
  let to = '0000-01-01';
  for (const p of periods) {
    const start = periodOfDate('year', previousPeriod(p, settings).start, settings).start;
    if (start < from) from = start;
    const end = periodOfDate('year', p.end, settings).end;
    if (end > to) to = end;
  }
  return { from, to };
}

/** Loads once and reports each period as of `asOf` (ISO instant). */
export async function teamReports(
  repos: Pick<Repositories, 'metricValues' | 'ooo'>,
  ws: Workspace,
  team: Team,
  periods: readonly Period[],
  asOf: string,
): Promise<TeamReport[]> {
  if (periods.length === 0) return [];
  const { from, to } = dataRange(ws, periods);
  const data = await loadTeamData(repos, team, from, to);
  return periods.map((period) => buildTeamReport({ workspace: ws, team, period, asOf, values: data.values, ooo: data.ooo }));
}

export function reportFrom(ws: Workspace, team: Team, period: Period, asOf: string, data: TeamData): TeamReport {
  return buildTeamReport({ workspace: ws, team, period, asOf, values: data.values, ooo: data.ooo });
}
