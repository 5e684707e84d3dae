// End-of-period projection and pace status. A sum KPI is projected at its pace over the working days
// elapsed (the as-of day included): actual / elapsed × working days; before any working day has elapsed
// there is no projection, and so no status, rather than a wild guess. Averages, ratios and `last` KPIs
// project their current value. Status compares projected attainment with the workspace thresholds.
// A status needs evidence: none before the period has enough elapsed working days (at least
// `minDays`, and at least `minShare` of the period); a closed period shows its final result instead.

import { attainment } from './attainment.js';
import type { Direction, EvidenceRule, StatusThresholds } from './model.js';

export type ProjectionMethod = 'pace' | 'current';
export type PaceStatus = 'on_track' | 'at_risk' | 'off_track';
/** The result of a closed period: its target met or missed. */
export type FinalStatus = 'met' | 'missed';
/** Too early to project, in progress, or over (the as-of day is after the period's end). */
export type PeriodPhase = 'early' | 'open' | 'closed';

export const DEFAULT_EVIDENCE_RULE: EvidenceRule = { minDays: 2, minShare: 0.1 };

/** The elapsed working days a projection needs: max(minDays, minShare × days), never more than the period has. */
export function evidenceDays(workingDays: number, rule: EvidenceRule = DEFAULT_EVIDENCE_RULE): number {
  return Math.min(workingDays, Math.max(rule.minDays, rule.minShare * workingDays));
}

export function periodPhase(
  asOfDate: string,
  periodEnd: string,
  elapsed: number,
  workingDays: number,
  rule: EvidenceRule = DEFAULT_EVIDENCE_RULE,
): PeriodPhase {
  if (asOfDate > periodEnd) return 'closed';
  // A float share of days (10 % of 63 = 6.3) asks for the next whole day; 1e-9 absorbs 0.1 × 20 = 2.0000000000000004.
  return elapsed + 1e-9 >= evidenceDays(workingDays, rule) && elapsed > 0 ? 'open' : 'early';
}

export function finalStatus(met: boolean | null): FinalStatus | null {
  return met === null ? null : met ? 'met' : 'missed';
}

export const DEFAULT_STATUS_THRESHOLDS: StatusThresholds = { onTrack: 1, atRisk: 0.85 };

export interface ProjectionInput {
  readonly actual: number | null;
  readonly target: number | null;
  readonly direction: Direction;
  /** True for sum KPIs: projected at pace; false: the current value is the projection. */
  readonly paced: boolean;
  /** Working days of the period (for a member: without their out-of-office days). */
  readonly workingDays: number;
  /** Of which on or before the as-of day. */
  readonly elapsed: number;
  readonly cap: number;
  readonly thresholds: StatusThresholds;
}

export interface Projection {
  readonly projected: number | null;
  readonly projectionMethod: ProjectionMethod;
  readonly projectedAttainment: number | null;
  /**
   * Sum KPIs only: what each remaining working day must bring to reach the target (0 once reached);
   * for a lower-is-better KPI it reads as the allowance left per day. Null without remaining days.
   */
  readonly neededPerDay: number | null;
  readonly status: PaceStatus | null;
}

export function paceProjection(actual: number | null, workingDays: number, elapsed: number): number | null {
  if (actual === null || elapsed <= 0) return null;
  if (elapsed >= workingDays) return actual;
  return (actual / elapsed) * workingDays;
}

export function neededPerDay(actual: number | null, target: number | null, remainingDays: number): number | null {
  if (actual === null || target === null || remainingDays <= 0) return null;
  return Math.max(0, target - actual) / remainingDays;
}

export function paceStatus(projectedAttainment: number | null, thresholds: StatusThresholds): PaceStatus | null {
  if (projectedAttainment === null) return null;
  if (projectedAttainment >= thresholds.onTrack) return 'on_track';
  if (projectedAttainment >= thresholds.atRisk) return 'at_risk';
  return 'off_track';
}

export function project(input: ProjectionInput): Projection {
  const projected = input.paced ? paceProjection(input.actual, input.workingDays, input.elapsed) : input.actual;
  const projectedAttainment = attainment(projected, input.target, input.direction, input.cap);
  return {
    projected,
    projectionMethod: input.paced ? 'pace' : 'current',
    projectedAttainment,
    neededPerDay: input.paced ? neededPerDay(input.actual, input.target, input.workingDays - input.elapsed) : null,
    status: paceStatus(projectedAttainment, input.thresholds),
  };
}
