// Use case: the report of one team for one period, as of an instant (`rituals report`, the charts).
// Reads the recorded values and out-of-office periods through the repositories and hands them to the
// pure report builder, with the targets in force (config + changes made in chat) when `objectives` is given.
// Also how a report or chart request reads its team, period and as-of (charts/make-chart.ts uses them).
import type { Team, Workspace } from '../../domain/model.js';
import { type Period, type PeriodSettings, parsePeriodKey } from '../../domain/periods.js';
import type { TeamReport } from '../../domain/report.js';
import { periodSettingsOf } from '../../domain/report-context.js';
import { parseInstantInZone } from '../../domain/zoned-time.js';
import { DomainError } from '../../errors.js';
import type { MetricValuesRepo, OooRepo, WorkspaceRepo } from '../../ports/index.js';
import type { ObjectivesSource } from '../queries/effective-workspace.js';
import { ReportMemo } from '../queries/report-memo.js';

export interface TeamReportDeps {
  readonly workspace: Workspace;
  readonly metricValues: Pick<MetricValuesRepo, 'listForTeamPeriod' | 'listReportValues'>;
  readonly ooo: Pick<OooRepo, 'listOverlapping'>;
  /** The store's objectives: targets changed in chat apply from their day. Without it, config targets only. */
  readonly objectives?: ObjectivesSource;
  /** The store's memberships: former members still count in collective figures. Without it, current members only. */
  readonly members?: Pick<WorkspaceRepo, 'formerMemberIds'>;
}

export interface TeamReportRequest {
  readonly teamId: string;
  /** `2026-W47`, `2026-11`, `2026-Q4`, `2026` (or `FY2026-Q1` with a fiscal year not starting in January). */
  readonly periodKey: string;
  /** ISO date-time; without an offset it is read in the team's time zone. */
  readonly asOf: string;
}

/** The workspace's week start and fiscal year, as period keys are read. */
export const periodSettings: (workspace: Workspace) => PeriodSettings = periodSettingsOf;

export function resolvePeriod(workspace: Workspace, key: string): Period {
  const parsed = parsePeriodKey(key.trim(), periodSettings(workspace));
  if (!parsed.ok)
    throw new DomainError(parsed.error.code, `malformed period "${key}": ${parsed.error.message}`, { period: key });
  return parsed.period;
}

/** The team a report (or a chart) is asked for; REPORT.UNKNOWN_TEAM names the known ones. */
export function reportTeam(workspace: Workspace, teamId: string): Team {
  const team = workspace.teams.find((t) => t.id === teamId);
  if (!team) {
    throw new DomainError('REPORT.UNKNOWN_TEAM', `unknown team "${teamId}"`, {
      team: teamId,
      teams: workspace.teams.map((t) => t.id).join(', '),
    });
  }
  return team;
}

/** A report's (or a chart's) as-of date-time as an ISO instant; without an offset it is read in the team's time zone. */
export function reportAsOf(text: string, team: Team): string {
  const asOf = parseInstantInZone(text, team.timezone);
  if (asOf === null) {
    throw new DomainError(
      'REPORT.BAD_DATE',
      `malformed date-time "${text}": use an ISO date-time such as 2026-11-18T12:00:00+01:00`,
      { value: text },
    );
  }
  return asOf;
}

export async function teamReport(deps: TeamReportDeps, req: TeamReportRequest): Promise<TeamReport> {
  const { workspace } = deps;
  const team = reportTeam(workspace, req.teamId);
  const asOf = reportAsOf(req.asOf, team);
  const period = resolvePeriod(workspace, req.periodKey);
  const memo = new ReportMemo({
    repos: {
      metricValues: deps.metricValues,
      ooo: deps.ooo,
      ...(deps.objectives ? { objectives: deps.objectives } : {}),
      ...(deps.members ? { workspace: deps.members } : {}),
    },
    workspace: () => workspace,
  });
  const [report] = await memo.reports(team, [period], asOf);
  return report!;
}
