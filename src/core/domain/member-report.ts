// One member's objectives in a report period: actual, target (override or role, in force on the
// reference day, prorated, ramped, optionally reduced for out-of-office days), attainment, projection
// at the member's own pace (their out-of-office days are not expected to produce) and whether it is met.
import type { Comparator, Direction, Member, Role } from './model.js';
import { attainment, isMet } from './attainment.js';
import { isSumKpi, kpiActuals, type KpiLookup } from './kpi-values.js';
import { valuesByKpi } from './metric-values.js';
import { prorateTarget } from './proration.js';
import { project, type PaceStatus, type ProjectionMethod } from './projection.js';
import { rampFactor } from './ramp-up.js';
import type { ReportContext } from './report-context.js';
import { evaluateTargetSpec, selectMemberTarget, targetReferenceDate } from './targets.js';
import { countWorkingDays, oooChecker, workingDayProgress } from './working-days.js';

export interface MemberKpiRow {
  readonly kpi: string;
  readonly direction: Direction;
  readonly comparator: Comparator;
  readonly weight: number;
  readonly actual: number | null;
  readonly target: number | null;
  readonly attainment: number | null;
  readonly projected: number | null;
  readonly projectionMethod: ProjectionMethod;
  readonly projectedAttainment: number | null;
  readonly neededPerDay: number | null;
  readonly status: PaceStatus | null;
  readonly met: boolean | null;
}

export interface MemberKpis {
  readonly kpis: MemberKpiRow[];
  /** The member's working days in the period (out-of-office days removed) and how many have elapsed. */
  readonly workingDays: number;
  readonly workingDaysElapsed: number;
  /** Out of office on every working day of the period: left out of the leaderboard. */
  readonly outOfOffice: boolean;
}

export function memberKpis(ctx: ReportContext, member: Member, role: Role): MemberKpis {
  const { period, asOfDate, calendar, settings } = ctx;
  // Most members have no out-of-office day: then the team's cached working days are theirs.
  const isOff = ctx.ooo.some((r) => r.memberId === member.id) ? oooChecker(ctx.ooo, member.id) : undefined;
  const progress = workingDayProgress(period.start, period.end, asOfDate, calendar, isOff);
  const teamWorkingDays = countWorkingDays(period.start, period.end, calendar);
  const scope = { kind: 'member', memberId: member.id, teamId: ctx.team.id } as const;
  // One lookup per range, built on first use: only computed targets read the values of a target period.
  const lookups = new Map<string, KpiLookup>();
  const actualsIn = (from: string, to: string): KpiLookup => (name) => {
    let lookup = lookups.get(`${from}/${to}`);
    if (!lookup) {
      lookup = kpiActuals(ctx.kpis, valuesByKpi(ctx.values, scope, from, to, asOfDate));
      lookups.set(`${from}/${to}`, lookup);
    }
    return lookup(name);
  };
  const periodActuals = actualsIn(period.start, period.end);
  const refDate = targetReferenceDate(period, asOfDate);

  const rows: MemberKpiRow[] = [];
  for (const objective of role.objectives) {
    const kpi = ctx.kpis[objective.kpi];
    if (!kpi) continue;
    const selected = selectMemberTarget(member, objective, refDate);
    const paced = isSumKpi(kpi);
    let target: number | null;
    if (paced) {
      target = prorateTarget(
        selected.per,
        period,
        settings,
        calendar,
        (tp) => evaluateTargetSpec(selected.spec, actualsIn(tp.start, tp.end)),
        (segmentStart) => rampFactor(role.ramp, member.start, segmentStart),
      );
      if (target !== null && ctx.workspace.defaults.oooProratesTargets && teamWorkingDays > 0) {
        target = (target * progress.workingDays) / teamWorkingDays;
      }
    } else {
      // Ratios, averages and `last` values are rates, not volumes: never prorated nor ramped.
      target = evaluateTargetSpec(selected.spec, periodActuals);
    }
    const actual = periodActuals(kpi.id);
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
      kpi: kpi.id,
      direction: kpi.direction,
      comparator: objective.comparator,
      weight: objective.weight,
      actual,
      target,
      attainment: attainment(actual, target, kpi.direction, ctx.cap),
      ...projection,
      met: isMet(actual, target, objective.comparator),
    });
  }
  return {
    kpis: rows,
    workingDays: progress.workingDays,
    workingDaysElapsed: progress.elapsed,
    outOfOffice: teamWorkingDays > 0 && progress.workingDays === 0,
  };
}
