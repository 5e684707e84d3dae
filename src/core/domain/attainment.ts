// Attainment as a fraction of target (1.0 = 100 %), direction-aware, and whether a target is met under
// its exact comparator. Lower-is-better attainment is target / actual (an actual of zero or less is the
// cap). Every attainment is capped by the workspace cap, whatever the direction, so one figure is shown
// in every view and export; `attainmentOf` also tells whether the cap applied ("≥ 200 %"). A zero,
// negative or missing target has no attainment; nor has a missing actual.
import type { Comparator, Direction } from './model.js';

export const DEFAULT_ATTAINMENT_CAP = 2;

export interface CappedAttainment {
  readonly value: number | null;
  /** The uncapped figure was above the cap (or unbounded: a lower-is-better actual of 0). */
  readonly capped: boolean;
}

export function attainmentOf(
  actual: number | null,
  target: number | null,
  direction: Direction,
  cap: number = DEFAULT_ATTAINMENT_CAP,
): CappedAttainment {
  if (actual === null || target === null || target <= 0) return { value: null, capped: false };
  const raw = direction === 'higher' ? actual / target : actual <= 0 ? Number.POSITIVE_INFINITY : target / actual;
  return raw > cap ? { value: cap, capped: true } : { value: raw, capped: false };
}

export function attainment(
  actual: number | null,
  target: number | null,
  direction: Direction,
  cap: number = DEFAULT_ATTAINMENT_CAP,
): number | null {
  return attainmentOf(actual, target, direction, cap).value;
}

/** The attainment used in scores: never above the cap, whatever the direction. */
export function cappedAttainment(value: number | null, cap: number = DEFAULT_ATTAINMENT_CAP): number | null {
  return value === null ? null : Math.min(value, cap);
}

/** Whether `actual` meets `target` under the comparator; null when either is missing. */
export function isMet(actual: number | null, target: number | null, comparator: Comparator): boolean | null {
  if (actual === null || target === null) return null;
  switch (comparator) {
    case '>=':
      return actual >= target;
    case '>':
      return actual > target;
    case '<=':
      return actual <= target;
    case '<':
      return actual < target;
  }
}
