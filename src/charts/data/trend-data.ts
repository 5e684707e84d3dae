// Trend data of one member's KPI over the last N weeks (12 by default): the week's figure as the report
// computes it and, when the KPI is one of the member's objectives, the week's share of their target
// (prorated, ramped, as the weekly report shows it).

import { minDate } from '../../core/domain/calendar-days.js';
import { isSumKpi, kpiActuals } from '../../core/domain/kpi-values.js';
import { type MetricValue, valuesByKpi } from '../../core/domain/metric-values.js';
import type { Team, Workspace } from '../../core/domain/model.js';
import { type Period, periodOfDate, previousPeriod } from '../../core/domain/periods.js';
import { buildTeamReport } from '../../core/domain/report.js';
import { periodSettingsOf } from '../../core/domain/report-context.js';
import type { OooRange } from '../../core/domain/working-days.js';
import { localDateOf, startOfDayInZone } from '../../core/domain/zoned-time.js';
import type { TrendData, TrendWeek } from '../chart-data.js';
import { anyValue, baseKpisOf } from './kpi-inputs.js';

export const TREND_WEEKS = 12;

export interface TrendInput {
  readonly workspace: Workspace;
  readonly team: Team;
  readonly memberId: string;
  readonly kpiId: string;
  /** ISO instant: the last week drawn is the one holding its day (team zone). */
  readonly asOf: string;
  readonly values: readonly MetricValue[];
  readonly ooo: readonly OooRange[];
  readonly weeks?: number;
}

/** The N weeks ending with the week of `asOfDate`, oldest first. */
export function trendWeeks(workspace: Workspace, asOfDate: string, count = TREND_WEEKS): Period[] {
  const settings = periodSettingsOf(workspace);
  const weeks = [periodOfDate('week', asOfDate, settings)];
  while (weeks.length < count) weeks.unshift(previousPeriod(weeks[0]!, settings));
  return weeks;
}

export function memberTrend(input: TrendInput): TrendData {
  const { workspace, team, memberId, kpiId, values, ooo } = input;
  const member = team.members.find((m) => m.id === memberId);
  const kpi = workspace.kpis[kpiId];
  if (!member) throw new Error(`member "${memberId}" is not in team "${team.id}"`);
  if (!kpi) throw new Error(`unknown KPI "${kpiId}"`);
  const asOfDate = localDateOf(input.asOf, team.timezone);
  const scope = { kind: 'member', memberId, teamId: team.id } as const;
  const bases = baseKpisOf(workspace.kpis, kpiId);
  const mine = (v: MetricValue) => v.memberId === memberId && (v.teamId === undefined || v.teamId === team.id);

  const periods = trendWeeks(workspace, asOfDate, input.weeks ?? TREND_WEEKS);
  // A week without values is a gap, except for a sum KPI once the member has values in the window:
  // then nothing recorded is a real zero (no deal signed that week), not a missing figure.
  const zeroWhenEmpty = isSumKpi(kpi) && anyValue(values, bases, periods[0]!.start, asOfDate, mine);
  const weeks: TrendWeek[] = periods.map((week) => {
    const weekAsOf = minDate(asOfDate, week.end);
    const recorded = anyValue(values, bases, week.start, weekAsOf, mine);
    const actual =
      recorded || zeroWhenEmpty
        ? kpiActuals(workspace.kpis, valuesByKpi(values, scope, week.start, week.end, weekAsOf))(kpiId)
        : null;
    // The weekly report as it stood at the end of that week (or today, for the current one).
    const asOf = weekAsOf === asOfDate ? input.asOf : startOfDayInZone(week.end, team.timezone);
    const report = buildTeamReport({ workspace, team, period: week, asOf, values, ooo, previousRanks: {} });
    const target = report.members.find((m) => m.id === memberId)?.kpis.find((k) => k.kpi === kpiId)?.target ?? null;
    return { key: week.key, start: week.start, end: week.end, actual, target };
  });

  return {
    memberId,
    memberName: member.name,
    kpiId,
    label: kpi.label,
    unit: kpi.unit,
    direction: kpi.direction,
    asOfDate,
    weeks,
    hasData: weeks.some((w) => w.actual !== null),
  };
}
