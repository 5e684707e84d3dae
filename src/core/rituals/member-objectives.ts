// A member's objectives as KPI lines, each in its own period (a monthly target in the current month, a
// quarterly quota in the quarter), as of an instant: used by the check-in prompt and confirmation and by
// "where do I stand?".
import type { Locale, Member, PeriodKind, Team, Workspace } from '../domain/model.js';
import { periodOfDate } from '../domain/periods.js';
import { periodSettingsOf } from '../domain/report-context.js';
import type { MemberReport, TeamReport } from '../domain/report.js';
import { localDateOf } from '../domain/zoned-time.js';
import type { Repositories } from '../ports.js';
import type { KpiLine } from '../views.js';
import { memberKpiLine } from '../views/kpi-line.js';
import { teamReports } from './team-data.js';

export interface MemberStanding {
  readonly lines: KpiLine[];
  /** Rank in the period of the member's first objective (month for most roles). */
  readonly rank: number | null;
  readonly ranked: number;
  readonly periodKind: PeriodKind | null;
}

export async function memberStanding(
  repos: Pick<Repositories, 'metricValues' | 'ooo'>,
  ws: Workspace,
  team: Team,
  member: Member,
  asOf: Date,
  locale: Locale,
): Promise<MemberStanding> {
  const role = member.role === undefined ? undefined : ws.roles[member.role];
  if (!role || role.objectives.length === 0) return { lines: [], rank: null, ranked: 0, periodKind: null };
  const settings = periodSettingsOf(ws);
  const today = localDateOf(asOf.toISOString(), team.timezone);
  const kinds = [...new Set(role.objectives.map((o) => o.per))];
  const reports = await teamReports(repos, ws, team, kinds.map((k) => periodOfDate(k, today, settings)), asOf.toISOString());
  const byKind = new Map<PeriodKind, TeamReport>(kinds.map((k, i) => [k, reports[i]!]));
  const mine = (r: TeamReport): MemberReport | undefined => r.members.find((m) => m.id === member.id);

  const lines: KpiLine[] = [];
  role.objectives.forEach((objective, i) => {
    const report = byKind.get(objective.per)!;
    const row = mine(report)?.kpis[i];
    const kpi = ws.kpis[objective.kpi];
    if (!row || !kpi || row.kpi !== objective.kpi) return;
    lines.push(memberKpiLine(row, kpi, locale, report.period.end));
  });
  const first = byKind.get(role.objectives[0]!.per)!;
  return {
    lines,
    rank: mine(first)?.rank ?? null,
    ranked: first.members.filter((m) => m.rank !== null).length,
    periodKind: role.objectives[0]!.per,
  };
}
