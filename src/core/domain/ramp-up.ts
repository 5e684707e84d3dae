// Ramp-up: a new hire carries a reduced share of quota for their first months. The tenure month index
// of a day is the number of whole months completed between the start date and that day (index 0 = the
// month that starts on the start date); past the end of the curve the share is 1. The share applies per
// working day: a period's target is the full target × the sum of its working days' shares ÷ its
// working days (see proration.ts), so a month and its weeks tell the same story.
import { dateParts } from './calendar-days.js';

/** Whole months completed from `start` to `date` (0 when `date` is before `start` or within a month of it). */
export function tenureMonthIndex(start: string, date: string): number {
  const a = dateParts(start);
  const b = dateParts(date);
  // A month is complete on the same day-of-month (or later) of a later month.
  const months = (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
  return Math.max(0, months);
}

/** The share of target carried on `date` by a member who started on `start`. */
export function rampFactor(ramp: readonly number[], start: string, date: string): number {
  return ramp[tenureMonthIndex(start, date)] ?? 1;
}

/**
 * The per-day share function for a member in a report period starting on `periodStart`, or undefined
 * when the curve is over by then (every day carries the full target: the cached proration applies).
 */
export function rampDayShare(
  ramp: readonly number[],
  start: string,
  periodStart: string,
): ((date: string) => number) | undefined {
  if (ramp.length === 0 || tenureMonthIndex(start, periodStart) >= ramp.length) return undefined;
  return (date) => rampFactor(ramp, start, date);
}
