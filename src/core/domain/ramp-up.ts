// Ramp-up: a new hire carries a reduced share of quota for their first months. The tenure month index
// is the number of whole months completed between the start date and the first day of the period being
// targeted (index 0 = the month that starts on the start date); past the end of the curve the share is 1.
import { dateParts } from './calendar-days.js';

/** Whole months completed from `start` to `date` (0 when `date` is before `start` or within a month of it). */
export function tenureMonthIndex(start: string, date: string): number {
  const a = dateParts(start);
  const b = dateParts(date);
  // A month is complete on the same day-of-month (or later) of a later month.
  const months = (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
  return Math.max(0, months);
}

/** The share of target for a member who started on `start`, in a period starting on `periodStart`. */
export function rampFactor(ramp: readonly number[], start: string, periodStart: string): number {
  return ramp[tenureMonthIndex(start, periodStart)] ?? 1;
}
