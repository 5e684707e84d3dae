// The team's collective objectives in a report period: the team figure rolls up every member's values
// and the team-level ones (per the KPI's aggregation; derived KPIs from rolled-up bases); sum targets
// and alert thresholds are prorated to the period like individual ones (no ramp-up, no OOO: a team
// target does not shrink when one person is away); a target changed in chat (QBR) is in force from its
// day; status compares the projection with both.
import type { Comparator, Direction } from './model.js';
import { attainment, isMet } from './attainment.js';
import { collectiveStatus, type CollectiveStatus } from './collective.js';
import { isSumKpi, kpiActuals } from './kpi-values.js';
import { valuesByKpi } from './metric-values.js';
import { prorateTarget } from './proration.js';
import { project, type ProjectionMethod } from './projection.js';
import type { ReportContext } from './report-context.js';
import { collectiveTargetInForce, targetReferenceDate } from './targets.js';
import { workingDayProgress } from './working-days.js';

export interface CollectiveRow {
  readonly objective: string;
  readonly kpi: string;
  readonly direction: Direction;
  readonly comparator: Comparator;
  readonly actual: number | null;
  readonly target: number | null;
  readonly alert: number | null;
  readonly attainment: number | null;
  readonly projected: number | null;
  readonly projectionMethod: ProjectionMethod;
  readonly projectedAttainment: number | null;
  readonly status: CollectiveStatus | null;
  readonly met: boolean | null;
  readonly owner: string;
}

export function collectiveRows(ctx: ReportContext): CollectiveRow[] {
  const { period, asOfDate, calendar, settings, team } = ctx;
  const progress = workingDayProgress(period.start, period.end, asOfDate, calendar);
  const scope = { kind: 'team', teamId: team.id, memberIds: team.members.map((m) => m.id) } as const;
  const actuals = kpiActuals(ctx.kpis, valuesByKpi(ctx.values, scope, period.start, period.end, asOfDate));

  // Like members' targets: the target in force on the reference day applies to the whole period.
  const refDate = targetReferenceDate(period, asOfDate);
  const rows: CollectiveRow[] = [];
  for (const objective of team.collective) {
    const kpi = ctx.kpis[objective.kpi];
    if (!kpi) continue;
    const paced = isSumKpi(kpi);
    const stated = collectiveTargetInForce(objective, refDate);
    const target = paced ? prorateTarget(objective.per, period, settings, calendar, () => stated) : stated;
    const alert = paced ? prorateTarget(objective.per, period, settings, calendar, () => objective.alert) : objective.alert;
    const actual = actuals(kpi.id);
    const projection = project({
      actual,
      target,
      direction: kpi.direction,
      paced,
      workingDays: progress.workingDays,
      elapsed: progress.elapsed,
      cap: ctx.cap,
      thresholds: ctx.thresholds,
    });
    rows.push({
      objective: objective.id,
      kpi: kpi.id,
      direction: kpi.direction,
      comparator: objective.comparator,
      actual,
      target,
      alert,
      attainment: attainment(actual, target, kpi.direction, ctx.cap),
      projected: projection.projected,
      projectionMethod: projection.projectionMethod,
      projectedAttainment: projection.projectedAttainment,
      status: target === null || alert === null ? null : collectiveStatus(projection.projected, target, alert, kpi.direction),
      met: isMet(actual, target, objective.comparator),
      owner: objective.owner,
    });
  }
  return rows;
}
