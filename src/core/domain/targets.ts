// Which target applies and what number it gives. A member's override for a KPI wins over the role's
// objective; dated changes are in force from their day, and a report uses the target in force on its
// reference day (the as-of day clamped into the period: the period's end for a past period). A computed
// target is a formula whose names are the spec's inputs (constants) or else KPIs' actual values.

import { maxDate, minDate } from './calendar-days.js';
import { evaluateFormula } from './formula.js';
import { cachedFormula, type KpiLookup } from './kpi-values.js';
import type { CollectiveObjective, Member, Objective, PeriodKind, Role, TargetOverride, TargetSpec } from './model.js';
import type { Period } from './periods.js';

/** The day whose targets a report uses: min(period end, as-of day), and not before the period start. */
export function targetReferenceDate(period: Period, asOfDate: string): string {
  return maxDate(period.start, minDate(period.end, asOfDate));
}

/** The objective's target in force on a day: its latest change dated on or before it, else `target`. */
export function targetInForce(objective: Objective, onDate: string): TargetSpec {
  let best: { from: string; target: TargetSpec } | null = null;
  for (const change of objective.history) {
    if (change.from <= onDate && (!best || change.from >= best.from)) best = change;
  }
  return best ? best.target : objective.target;
}

/** A collective objective's target in force on a day: its latest change dated on or before it, else `target`. */
export function collectiveTargetInForce(objective: CollectiveObjective, onDate: string): number {
  let best: { from: string; target: number } | null = null;
  for (const change of objective.history ?? []) {
    if (change.from <= onDate && (!best || change.from >= best.from)) best = change;
  }
  return best ? best.target : objective.target;
}

export interface SelectedTarget {
  readonly spec: TargetSpec;
  /** The period kind the target is stated for. */
  readonly per: PeriodKind;
  readonly source: 'role' | 'override';
}

/**
 * Whether an override refines this objective of the role: with two objectives on the same KPI (a
 * quarterly quota and a monthly guide) an override stated for a period refines the objective of that
 * period only, as the store names it (see objective-ids.ts); otherwise the role's first unsegmented
 * objective on the KPI. An override whose period matches none applies to every objective on the KPI.
 */
function refines(override: TargetOverride, objective: Objective, role: Role | undefined): boolean {
  if (override.kpi !== objective.kpi) return false;
  if (!role) return true;
  const candidates = role.objectives.filter(
    (o) => o.kpi === override.kpi && (override.per === undefined || o.per === override.per),
  );
  if (candidates.length === 0) return true;
  return (candidates.find((o) => !o.segment) ?? candidates[0]) === objective;
}

/** The member's target for a role objective on a day: the latest override in force wins. */
export function selectMemberTarget(member: Member, objective: Objective, onDate: string, role?: Role): SelectedTarget {
  let best: { from: string; spec: TargetSpec; per?: PeriodKind } | null = null;
  for (const o of member.overrides) {
    if (!refines(o, objective, role)) continue;
    const from = o.from ?? '';
    if (from <= onDate && (!best || from >= best.from)) best = { from, spec: o.target, per: o.per };
  }
  if (best) return { spec: best.spec, per: best.per ?? objective.per, source: 'override' };
  return { spec: targetInForce(objective, onDate), per: objective.per, source: 'role' };
}

/** The number a target spec gives; `actuals` supplies KPI values for the names that are not inputs. */
export function evaluateTargetSpec(spec: TargetSpec, actuals: KpiLookup): number | null {
  if ('value' in spec) return spec.value;
  const ast = cachedFormula(spec.formula);
  if (!ast) return null;
  return evaluateFormula(ast, (name) => (Object.hasOwn(spec.inputs, name) ? spec.inputs[name]! : actuals(name)));
}
