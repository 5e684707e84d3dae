// Attainment as a fraction of target (1.0 = 100 %), direction-aware, and whether a target is met under
// its exact comparator. Lower-is-better attainment is target / actual, capped (an actual of zero or
// less is the cap). A zero, negative or missing target has no attainment; nor has a missing actual.
import type { Comparator, Direction } from './model.js';

export const DEFAULT_ATTAINMENT_CAP = 2;

export function attainment(
  actual: number | null,
  target: number | null,
  direction: Direction,
  cap: number = DEFAULT_ATTAINMENT_CAP,
): number | null {
  if (actual === null || target === null || target <= 0) return null;
  if (direction === 'higher') return actual / target;
  if (actual <= 0) return cap;
  return Math.min(target / actual, cap);
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
