// Reads what team reports need from the store (a team's metric values and its members' out-of-office
// periods over a range of days), as the domain's plain values. See report-memo.ts for who calls it.
import type { Team } from '../domain/model.js';
import type { MetricValue } from '../domain/metric-values.js';
import type { OooRange } from '../domain/working-days.js';
import type { MetricValuesRepo, OooRepo } from '../ports.js';

export interface TeamData {
  readonly values: readonly MetricValue[];
  readonly ooo: readonly OooRange[];
}

export async function loadTeamData(
  repos: { readonly metricValues: Pick<MetricValuesRepo, 'listForTeamPeriod' | 'listReportValues'>; readonly ooo: Pick<OooRepo, 'listOverlapping'> },
  team: Team,
  from: string,
  to: string,
): Promise<TeamData> {
  const memberIds = team.members.map((m) => m.id);
  const [values, ooo] = await Promise.all([
    repos.metricValues.listReportValues
      ? repos.metricValues.listReportValues(team.id, memberIds, from, to)
      : repos.metricValues.listForTeamPeriod(team.id, memberIds, from, to).then((stored) =>
          stored.map((v) => ({
            ...(v.memberId !== null ? { memberId: v.memberId } : {}),
            ...(v.teamId !== null ? { teamId: v.teamId } : {}),
            kpi: v.kpiId,
            date: v.date,
            value: v.value,
            recordedAt: v.recordedAt,
          })),
        ),
    repos.ooo.listOverlapping(memberIds, from, to),
  ]);
  return { values, ooo: ooo.map((o) => ({ memberId: o.memberId, from: o.from, to: o.to })) };
}
