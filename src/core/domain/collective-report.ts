// The team's collective objectives in a report period: the team figure rolls up every member's values
// and the team-level ones (per the KPI's aggregation; derived KPIs from rolled-up bases); sum targets
// and alert thresholds are prorated to the period like individual ones (no ramp-up, no OOO: a team
// target does not shrink when one person is away); a target changed in chat (QBR) is in force from its
// day; status compares the projection with both once enough of the period has elapsed (no breach on
// the first day of a quarter at 0 / 30), and never without data; a closed period shows met / missed.

import { isMet } from './attainment.js';
import { type CollectiveStatus, collectiveStatus } from './collective.js';
import {
  measureKpi,
  type ProjectionFields,
  projectionFields,
  type ReadingFields,
  readingFields,
} from './kpi-measure.js';
import { isSumKpi, kpiActuals } from './kpi-values.js';
import { valuesByKpi } from './metric-values.js';
import type { Comparator, Direction, PeriodKind } from './model.js';
import { type FinalStatus, finalStatus, periodPhase } from './projection.js';
import { prorateTarget } from './proration.js';
import type { ReportContext } from './report-context.js';
import { collectiveTargetInForce, targetReferenceDate } from './targets.js';
import { workingDayProgress } from './working-days.js';

/** A collective objective: the fields of the KPI measure (kpi-measure.ts) and these. */
export interface CollectiveRow extends ReadingFields, ProjectionFields {
  /** The collective objective's id (as `objective`). */
  readonly id: string;
  readonly objective: string;
  readonly kpi: string;
  readonly per: PeriodKind;
  readonly direction: Direction;
  readonly comparator: Comparator;
  readonly alert: number | null;
  /** Null without data, before enough of the period has elapsed, or without a target: never a breach. */
  readonly status: CollectiveStatus | FinalStatus | null;
  readonly met: boolean | null;
  readonly owner: string;
  readonly currency?: string;
}

export function collectiveRows(ctx: ReportContext): CollectiveRow[] {
  const { period, asOfDate, calendar, settings, team } = ctx;
  const progress = workingDayProgress(period.start, period.end, asOfDate, calendar);
  const phase = periodPhase(asOfDate, period.end, progress.elapsed, progress.workingDays, ctx.evidence);
  const scope = { kind: 'team', teamId: team.id, memberIds: team.members.map((m) => m.id) } as const;
  const grouped = valuesByKpi(ctx.values, scope, period.start, period.end, asOfDate);
  const actuals = kpiActuals(ctx.kpis, grouped);
  const hasValues = (id: string) => (grouped.get(id)?.length ?? 0) > 0;

  // Like members' targets: the target in force on the reference day applies to the whole period.
  const refDate = targetReferenceDate(period, asOfDate);
  const rows: CollectiveRow[] = [];
  for (const objective of team.collective) {
    const kpi = ctx.kpis[objective.kpi];
    if (!kpi) continue;
    const paced = isSumKpi(kpi);
    const stated = collectiveTargetInForce(objective, refDate);
    const target = paced ? prorateTarget(objective.per, period, settings, calendar, () => stated) : stated;
    const alert = paced
      ? prorateTarget(objective.per, period, settings, calendar, () => objective.alert)
      : objective.alert;
    const m = measureKpi(ctx, { kpi, target, paced, progress, actuals, hasValues });
    const { actual, projection, currency } = m;
    const met = isMet(actual, target, objective.comparator);
    const usable = m.reading.dataState === 'ok' && target !== null && alert !== null;
    const projecting = usable && phase === 'open';
    rows.push({
      id: objective.id,
      objective: objective.id,
      kpi: kpi.id,
      per: objective.per,
      direction: kpi.direction,
      comparator: objective.comparator,
      ...readingFields(ctx, m),
      alert,
      ...projectionFields(m, projecting),
      status: !usable
        ? null
        : phase === 'closed'
          ? finalStatus(met)
          : projecting
            ? collectiveStatus(projection.projected, target, alert, kpi.direction)
            : null,
      met,
      owner: objective.owner,
      ...(currency !== undefined ? { currency } : {}),
    });
  }
  return rows;
}
