// Proposed targets for the next quarter, from history: the 80th percentile of the team's results over
// the last four quarters (20th for lower-is-better KPIs: the same "good but reached" level), kept within
// ±20 % of the current target so a freak quarter cannot swing it, rounded to the unit's grain.
import type { Direction, Unit } from '../../domain/model.js';

export const PROPOSAL_PERCENTILE = 0.8;
export const MAX_CHANGE = 0.2;

/** Linear-interpolated percentile (0..1) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function roundTarget(unit: Unit, value: number): number {
  const to = (step: number) => Math.round(value / step) * step;
  switch (unit.type) {
    case 'count':
      return Math.max(1, Math.round(value));
    case 'currency':
      return value >= 1000 ? to(100) : to(1);
    case 'percent':
      return Number(to(0.001).toFixed(4));
    case 'score':
      return Number(to(0.1).toFixed(2));
    case 'hours':
    case 'days':
      return to(0.5);
  }
}

export interface Proposal {
  readonly proposed: number;
  /** The history percentile before the ±20 % clamp. */
  readonly basis: number;
  readonly samples: number;
}

/** A proposal from past results (nulls ignored); undefined without any. */
export function proposeTarget(
  current: number,
  history: readonly (number | null)[],
  direction: Direction,
  unit: Unit,
): Proposal | undefined {
  const values = history.filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return undefined;
  const basis = percentile(values, direction === 'higher' ? PROPOSAL_PERCENTILE : 1 - PROPOSAL_PERCENTILE);
  const lo = current * (1 - MAX_CHANGE);
  const hi = current * (1 + MAX_CHANGE);
  const clamped = current > 0 ? Math.min(hi, Math.max(lo, basis)) : basis;
  return { proposed: roundTarget(unit, clamped), basis, samples: values.length };
}
