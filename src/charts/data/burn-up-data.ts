// Burn-up data of a collective objective: the team figure as the report would have shown it at the end
// of each day of the period (the same collectiveRows maths, replayed day by day), then the report's
// projection to the period end. Pure: the values come in, nothing is read.

import { addDays, minDate } from '../../core/domain/calendar-days.js';
import { collectiveRows } from '../../core/domain/collective-report.js';
import { isSumKpi } from '../../core/domain/kpi-values.js';
import type { MetricValue } from '../../core/domain/metric-values.js';
import type { Team, Workspace } from '../../core/domain/model.js';
import type { Period } from '../../core/domain/periods.js';
import { reportContext } from '../../core/domain/report-context.js';
import { localDateOf } from '../../core/domain/zoned-time.js';
import type { BurnUpData, DayValue } from '../chart-data.js';
import { anyValue, baseKpisOf } from './kpi-inputs.js';

export interface BurnUpInput {
  readonly workspace: Workspace;
  readonly team: Team;
  readonly period: Period;
  /** ISO instant; its day in the team's zone is the last day drawn. */
  readonly asOf: string;
  readonly values: readonly MetricValue[];
  readonly objectiveId: string;
}

export class UnknownObjectiveError extends Error {
  constructor(
    readonly objectiveId: string,
    readonly known: readonly string[],
  ) {
    super(`unknown collective objective "${objectiveId}" (known: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownObjectiveError';
  }
}

export function collectiveBurnUp(input: BurnUpInput): BurnUpData {
  const { workspace, team, period, values } = input;
  const objective = team.collective.find((o) => o.id === input.objectiveId);
  if (!objective)
    throw new UnknownObjectiveError(
      input.objectiveId,
      team.collective.map((o) => o.id),
    );
  const kpi = workspace.kpis[objective.kpi];
  if (!kpi)
    throw new UnknownObjectiveError(
      input.objectiveId,
      team.collective.map((o) => o.id),
    );
  const asOfDate = localDateOf(input.asOf, team.timezone);
  const rowOn = (day: string) => {
    const ctx = reportContext({ workspace, team, period, asOfDate: day, values, ooo: [] });
    return collectiveRows(ctx).find((r) => r.objective === objective.id);
  };

  const memberIds = new Set(team.members.map((m) => m.id));
  const inTeam = (v: MetricValue) =>
    (v.teamId === undefined || v.teamId === team.id) &&
    (v.memberId === undefined ? v.teamId === team.id : memberIds.has(v.memberId));
  const lastDay = minDate(asOfDate, period.end);
  const hasData =
    lastDay >= period.start && anyValue(values, baseKpisOf(workspace.kpis, kpi.id), period.start, lastDay, inTeam);

  const actual: DayValue[] = [];
  if (hasData) {
    for (let day = period.start; day <= lastDay; day = addDays(day, 1)) {
      // A cumulative figure starts from 0 once the period has data, even before the first import lands.
      const value = rowOn(day)?.actual ?? (isSumKpi(kpi) ? 0 : null);
      if (value !== null) actual.push({ date: day, value });
    }
  }
  // Target and alert as the report shows them today, also before the period starts.
  const today = rowOn(asOfDate < period.start ? period.start : lastDay);
  const last = actual.at(-1);
  const projected = today?.projected ?? null;
  const projection =
    last && projected !== null && last.date < period.end
      ? { from: last, to: { date: period.end, value: projected } }
      : null;

  return {
    objectiveId: objective.id,
    label: objective.label ?? kpi.label,
    teamName: team.name,
    period: { kind: period.kind, key: period.key, start: period.start, end: period.end },
    asOfDate,
    unit: kpi.unit,
    direction: kpi.direction,
    cumulative: isSumKpi(kpi),
    actual,
    projection,
    target: today?.target ?? null,
    alert: today?.alert ?? null,
    hasData,
  };
}
