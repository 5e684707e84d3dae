// Reads what team reports need from the store (a team's metric values and its members' out-of-office
// periods over a range of days), as the domain's plain values. See report-memo.ts for who calls it.
// Values of former members (who left the config, or were erased and kept as a pseudonym) come back as
// team-level values: they still count in the team's collective figures of the periods they worked in,
// and never appear as a member of their own.

import type { MetricValue } from '../../domain/metric-values.js';
import type { Team } from '../../domain/model.js';
import type { OooRange } from '../../domain/working-days.js';
import type { MetricValuesRepo, OooRepo, WorkspaceRepo } from '../../ports/index.js';

export interface TeamData {
  readonly values: readonly MetricValue[];
  readonly ooo: readonly OooRange[];
}

export interface TeamDataRepos {
  readonly metricValues: Pick<MetricValuesRepo, 'listForTeamPeriod' | 'listReportValues'>;
  readonly ooo: Pick<OooRepo, 'listOverlapping'>;
  /** Without it, former members' values are left out. */
  readonly workspace?: Pick<WorkspaceRepo, 'formerMemberIds'>;
}

export async function loadTeamData(repos: TeamDataRepos, team: Team, from: string, to: string): Promise<TeamData> {
  const memberIds = team.members.map((m) => m.id);
  const current = new Set(memberIds);
  const former = ((await repos.workspace?.formerMemberIds?.(team.id)) ?? []).filter((id) => !current.has(id));
  const readIds = [...memberIds, ...former];
  const [stored, ooo] = await Promise.all([
    repos.metricValues.listReportValues
      ? repos.metricValues.listReportValues(team.id, readIds, from, to)
      : repos.metricValues.listForTeamPeriod(team.id, readIds, from, to).then((rows) =>
          rows.map((v) => ({
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
  const values =
    former.length === 0
      ? stored
      : stored.map((v) => (v.memberId !== undefined && !current.has(v.memberId) ? asTeamValue(v, team.id) : v));
  return { values, ooo: ooo.map((o) => ({ memberId: o.memberId, from: o.from, to: o.to })) };
}

/** A former member's value as the team's own (a value booked to another team stays that team's). */
function asTeamValue(v: MetricValue, teamId: string): MetricValue {
  const { memberId: _m, ...rest } = v;
  return { ...rest, teamId: v.teamId ?? teamId };
}
