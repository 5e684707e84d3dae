// Attainment bars of a team from its report: each member's weighted score (or one KPI's attainment) to
// date, best first, coloured by where the projection lands against the workspace's status thresholds.

import { memberScore } from '../../core/domain/leaderboard.js';
import type { StatusThresholds, Team, Workspace } from '../../core/domain/model.js';
import { paceStatus } from '../../core/domain/projection.js';
import type { MemberReport, TeamReport } from '../../core/domain/report.js';
import { toneOf as statusTone } from '../../core/view-builders/labels.js';
import type { AttainmentBar, AttainmentData, BarTone } from '../chart-data.js';

/** The tone of a bar: that of the status its projection lands on, as in the chat views. */
function toneOf(projected: number | null, thresholds: StatusThresholds): BarTone {
  return statusTone(paceStatus(projected, thresholds));
}

function barOf(m: MemberReport, name: string, kpiId: string | undefined, ws: Workspace): AttainmentBar {
  const { status, attainmentCap } = ws.defaults;
  if (kpiId !== undefined) {
    const row = m.kpis.find((k) => k.kpi === kpiId);
    const attainment = m.outOfOffice ? null : (row?.attainment ?? null);
    return {
      memberId: m.id,
      name,
      attainment,
      tone: attainment === null ? 'neutral' : toneOf(row?.projectedAttainment ?? null, status),
    };
  }
  // The projected score weighs the projected attainments exactly as the score weighs the actual ones.
  const projected = memberScore(
    m.kpis.map((k) => ({ weight: k.weight, attainment: k.projectedAttainment })),
    attainmentCap,
  );
  return { memberId: m.id, name, attainment: m.score, tone: m.score === null ? 'neutral' : toneOf(projected, status) };
}

/**
 * `hasValues`: whether the team has values in the period (the caller knows; a report alone cannot tell
 * "nothing recorded" from "recorded zeros"). Without it, a chart where no bar is above 0 counts as empty.
 */
export function teamAttainment(
  report: TeamReport,
  team: Team,
  workspace: Workspace,
  opts: { kpiId?: string; hasValues?: boolean } = {},
): AttainmentData {
  const names = new Map(team.members.map((m) => [m.id, m.name]));
  const members =
    opts.kpiId === undefined ? report.members : report.members.filter((m) => m.kpis.some((k) => k.kpi === opts.kpiId));
  const bars = members
    .map((m) => barOf(m, names.get(m.id) ?? m.id, opts.kpiId, workspace))
    // Best first; members with nothing to show last, in the team's order (sort is stable).
    .sort((a, b) =>
      a.attainment === null
        ? b.attainment === null
          ? 0
          : 1
        : b.attainment === null
          ? -1
          : b.attainment - a.attainment,
    );
  const kpi = opts.kpiId === undefined ? undefined : workspace.kpis[opts.kpiId];
  return {
    teamName: team.name,
    period: { kind: report.period.kind, key: report.period.key, start: report.period.start, end: report.period.end },
    asOfDate: report.period.asOf.slice(0, 10),
    ...(kpi ? { kpi: { id: kpi.id, label: kpi.label } } : {}),
    bars,
    hasData: bars.some((b) => b.attainment !== null) && (opts.hasValues ?? bars.some((b) => (b.attainment ?? 0) > 0)),
  };
}
