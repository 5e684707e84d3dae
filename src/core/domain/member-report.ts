// One member's objectives in a report period: actual and its data state, target (override or role, in
// force on the reference day, prorated, ramped per working day, optionally reduced for out-of-office
// days), capped attainment, projection at the member's own pace (their out-of-office days are not
// expected to produce) and whether it is met. A row without data (or awaiting an import, or not
// computable) has no projection and no status; nor has a period too young to project; a closed period
// shows its final result (met / missed).

import { isMet } from './attainment.js';
import {
  measureKpi,
  type ProjectionFields,
  projectionFields,
  type ReadingFields,
  readingFields,
} from './kpi-measure.js';
import { isSumKpi, type KpiLookup, kpiActuals } from './kpi-values.js';
import { valuesByKpi } from './metric-values.js';
import type { Comparator, Direction, Member, Objective, PeriodKind, Role } from './model.js';
import { idDeduper, roleObjectiveBaseId } from './objective-ids.js';
import { type FinalStatus, finalStatus, type PaceStatus, periodPhase } from './projection.js';
import { prorateTarget } from './proration.js';
import { rampDayShare } from './ramp-up.js';
import type { ReportContext } from './report-context.js';
import { evaluateTargetSpec, selectMemberTarget, targetReferenceDate } from './targets.js';
import { countWorkingDays, oooChecker, workingDayProgress } from './working-days.js';

export type MemberStatus = PaceStatus | FinalStatus;

/** A member's objective: the fields of the KPI measure (kpi-measure.ts) and these. */
export interface MemberKpiRow extends ReadingFields, ProjectionFields {
  /** The objective's id (as the store names it: `role:sdr:qualified_meetings:month`). */
  readonly id: string;
  readonly kpi: string;
  /** The period kind the objective is stated for. */
  readonly per: PeriodKind;
  /** Another objective of the role measures the same KPI: views name the period to tell them apart. */
  readonly sharedKpi: boolean;
  readonly direction: Direction;
  readonly comparator: Comparator;
  readonly weight: number;
  /** No usable target: none set, or a computed one that came out at 0 or below (clamped to 0). */
  readonly noTarget: boolean;
  readonly neededPerDay: number | null;
  readonly status: MemberStatus | null;
  readonly met: boolean | null;
  /** Currency KPIs: the ISO code to show (the team's, else the KPI's). */
  readonly currency?: string;
}

export interface MemberKpis {
  readonly kpis: MemberKpiRow[];
  /** The member's working days in the period (out-of-office days removed) and how many have elapsed. */
  readonly workingDays: number;
  readonly workingDaysElapsed: number;
  /** Out of office on every working day of the period: left out of the leaderboard. */
  readonly outOfOffice: boolean;
}

const roleIds = new WeakMap<Role, readonly string[]>();

/** The ids of a role's objectives, in config order (a repeated base id gets `#2`, as the store does). */
export function roleObjectiveIds(role: Role): readonly string[] {
  let ids = roleIds.get(role);
  if (!ids) {
    const unique = idDeduper();
    ids = role.objectives.map((o) => unique(roleObjectiveBaseId(role.id, o)));
    roleIds.set(role, ids);
  }
  return ids;
}

function sharesKpi(role: Role, objective: Objective): boolean {
  return role.objectives.some((o) => o !== objective && o.kpi === objective.kpi);
}

export function memberKpis(ctx: ReportContext, member: Member, role: Role): MemberKpis {
  const { period, asOfDate, calendar, settings } = ctx;
  // Most members have no out-of-office day: then the team's cached working days are theirs.
  const isOff = ctx.ooo.some((r) => r.memberId === member.id) ? oooChecker(ctx.ooo, member.id) : undefined;
  const progress = workingDayProgress(period.start, period.end, asOfDate, calendar, isOff);
  const teamWorkingDays = countWorkingDays(period.start, period.end, calendar);
  const phase = periodPhase(asOfDate, period.end, progress.elapsed, progress.workingDays, ctx.evidence);
  const scope = { kind: 'member', memberId: member.id, teamId: ctx.team.id } as const;
  // One lookup per range, built on first use: only computed targets read the values of a target period.
  const lookups = new Map<string, KpiLookup>();
  const actualsIn =
    (from: string, to: string): KpiLookup =>
    (name) => {
      let lookup = lookups.get(`${from}/${to}`);
      if (!lookup) {
        lookup = kpiActuals(ctx.kpis, valuesByKpi(ctx.values, scope, from, to, asOfDate));
        lookups.set(`${from}/${to}`, lookup);
      }
      return lookup(name);
    };
  const periodValues = valuesByKpi(ctx.values, scope, period.start, period.end, asOfDate);
  const periodActuals = kpiActuals(ctx.kpis, periodValues);
  lookups.set(`${period.start}/${period.end}`, periodActuals);
  const hasValues = (id: string) => (periodValues.get(id)?.length ?? 0) > 0;
  const refDate = targetReferenceDate(period, asOfDate);
  const dayShare = rampDayShare(role.ramp, member.start, period.start);
  const ids = roleObjectiveIds(role);

  const rows: MemberKpiRow[] = [];
  role.objectives.forEach((objective, i) => {
    const kpi = ctx.kpis[objective.kpi];
    if (!kpi) return;
    const selected = selectMemberTarget(member, objective, refDate, role);
    const computed = 'formula' in selected.spec;
    // A computed target below 0 (few opportunities, large discounts) is clamped to 0: no target.
    const targetOf = (lookup: KpiLookup): number | null => {
      const v = evaluateTargetSpec(selected.spec, lookup);
      return v !== null && computed && v < 0 ? 0 : v;
    };
    const paced = isSumKpi(kpi);
    let target: number | null;
    if (paced) {
      // Ramp-up lowers a quota; it never tightens a ceiling (a new hire's no-show allowance stays whole).
      const ramp = kpi.direction === 'higher' ? dayShare : undefined;
      target = prorateTarget(
        selected.per,
        period,
        settings,
        calendar,
        (tp) => targetOf(actualsIn(tp.start, tp.end)),
        ramp,
      );
      if (target !== null && ctx.workspace.defaults.oooProratesTargets && teamWorkingDays > 0) {
        target = (target * progress.workingDays) / teamWorkingDays;
      }
    } else {
      // Ratios, averages and `last` values are rates, not volumes: never prorated nor ramped.
      target = targetOf(periodActuals);
    }
    const noTarget = target === null || (computed && target <= 0);
    const m = measureKpi(ctx, { kpi, target, paced, progress, actuals: periodActuals, hasValues });
    const { actual, projection, currency } = m;
    const met = noTarget ? null : isMet(actual, target, objective.comparator);
    const withData = m.reading.dataState === 'ok';
    const projecting = withData && !noTarget && phase === 'open';
    rows.push({
      id: ids[i]!,
      kpi: kpi.id,
      per: selected.per,
      sharedKpi: sharesKpi(role, objective),
      direction: kpi.direction,
      comparator: objective.comparator,
      weight: objective.weight,
      ...readingFields(ctx, m),
      noTarget,
      ...projectionFields(m, projecting),
      // What is left to do per day stays useful before the projection (not once the period is over).
      // (also for a volume nobody reported yet: it counts as 0 done).
      neededPerDay: actual !== null && !noTarget && phase !== 'closed' ? projection.neededPerDay : null,
      status:
        !withData || noTarget
          ? null
          : phase === 'closed'
            ? finalStatus(met)
            : phase === 'open'
              ? projection.status
              : null,
      met,
      ...(currency !== undefined ? { currency } : {}),
    });
  });
  return {
    kpis: rows,
    workingDays: progress.workingDays,
    workingDaysElapsed: progress.elapsed,
    outOfOffice: teamWorkingDays > 0 && progress.workingDays === 0,
  };
}
