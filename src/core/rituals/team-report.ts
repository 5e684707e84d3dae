// Use case: the report of one team for one period, as of an instant. Reads the recorded values and
// out-of-office periods through the repositories and hands them to the pure report builder.
import type { Workspace } from '../domain/model.js';
import { parsePeriodKey, periodOfDate, previousPeriod, type Period, type PeriodSettings } from '../domain/periods.js';
import { buildTeamReport, type TeamReport } from '../domain/report.js';
import type { MetricValue } from '../domain/metric-values.js';
import { localDateOf, parseInstantInZone } from '../domain/zoned-time.js';
import { DomainError } from '../errors.js';
import type { MetricValuesRepo, OooRepo } from '../ports.js';

export interface TeamReportDeps {
  readonly workspace: Workspace;
  readonly metricValues: Pick<MetricValuesRepo, 'listForTeamPeriod'>;
  readonly ooo: Pick<OooRepo, 'listOverlapping'>;
}

export interface TeamReportRequest {
  readonly teamId: string;
  /** `2026-W47`, `2026-11`, `2026-Q4`, `2026` (or `FY2026-Q1` with a fiscal year not starting in January). */
  readonly periodKey: string;
  /** ISO date-time; without an offset it is read in the team's time zone. */
  readonly asOf: string;
}

export function periodSettings(workspace: Workspace): PeriodSettings {
  return { weekStart: workspace.defaults.weekStart, fiscalYearStart: workspace.defaults.fiscalYearStart };
}

export function resolvePeriod(workspace: Workspace, key: string): Period {
  const parsed = parsePeriodKey(key.trim(), periodSettings(workspace));
  if (!parsed.ok) throw new DomainError(parsed.error.code, `malformed period "${key}": ${parsed.error.message}`, { period: key });
  return parsed.period;
}

export async function teamReport(deps: TeamReportDeps, req: TeamReportRequest): Promise<TeamReport> {
  const { workspace } = deps;
  const team = workspace.teams.find((t) => t.id === req.teamId);
  if (!team) {
    throw new DomainError('REPORT.UNKNOWN_TEAM', `unknown team "${req.teamId}"`, {
      team: req.teamId,
      teams: workspace.teams.map((t) => t.id).join(', '),
    });
  }
  const asOf = parseInstantInZone(req.asOf, team.timezone);
  if (asOf === null) {
    throw new DomainError('REPORT.BAD_DATE', `malformed date-time "${req.asOf}": use an ISO date-time such as 2026-11-18T12:00:00+01:00`, { value: req.asOf });
  }
  const period = resolvePeriod(workspace, req.periodKey);
  const settings = periodSettings(workspace);
  // Values from the start of the fiscal year holding the previous period: enough for movement and for
  // computed targets of quarter and year objectives, which are evaluated on their own period's values.
  const prev = previousPeriod(period, settings);
  const from = periodOfDate('year', prev.start, settings).start;
  const asOfDate = localDateOf(asOf, team.timezone);
  const to = period.end < asOfDate ? period.end : asOfDate;
  const memberIds = team.members.map((m) => m.id);
  const [stored, ooo] = await Promise.all([
    deps.metricValues.listForTeamPeriod(team.id, memberIds, from, to < from ? from : to),
    deps.ooo.listOverlapping(memberIds, from, period.end),
  ]);
  const values: MetricValue[] = stored.map((v) => ({
    ...(v.memberId !== null ? { memberId: v.memberId } : {}),
    ...(v.teamId !== null ? { teamId: v.teamId } : {}),
    kpi: v.kpiId,
    date: v.date,
    value: v.value,
    recordedAt: v.recordedAt,
  }));
  return buildTeamReport({
    workspace,
    team,
    period,
    asOf,
    values,
    ooo: ooo.map((o) => ({ memberId: o.memberId, from: o.from, to: o.to })),
  });
}
