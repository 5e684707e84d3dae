// Collective objectives: where a team figure stands against its target and alert threshold, and the
// breach state machine that turns a run of statuses into one "entered" event per breach. The figure
// compared is the projection for sum KPIs and the current value for others (see projection.ts).
import type { Direction } from './model.js';

export type CollectiveStatus = 'ok' | 'at_risk' | 'breached';
export type BreachState = 'breached' | 'clear';
export type BreachEvent = 'entered' | 'left';

/**
 * `ok` at or better than target, `breached` at or beyond the alert threshold, `at_risk` in between.
 * "Better" follows the direction. No figure (nothing to compare yet) is no status.
 */
export function collectiveStatus(
  value: number | null,
  target: number,
  alert: number,
  direction: Direction,
): CollectiveStatus | null {
  if (value === null) return null;
  if (direction === 'higher') {
    if (value >= target) return 'ok';
    return value <= alert ? 'breached' : 'at_risk';
  }
  if (value <= target) return 'ok';
  return value >= alert ? 'breached' : 'at_risk';
}

/**
 * The next breach state. Entering a breach raises one event, staying in it none, leaving it one, and a
 * later breach is a new one. An unknown status (null) keeps the state and raises nothing.
 */
export function nextBreachState(
  previous: BreachState,
  status: CollectiveStatus | 'met' | 'missed' | null,
): { state: BreachState; event: BreachEvent | null } {
  if (status === null) return { state: previous, event: null };
  const state: BreachState = status === 'breached' ? 'breached' : 'clear';
  if (state === previous) return { state, event: null };
  return { state, event: state === 'breached' ? 'entered' : 'left' };
}
