// Working days: the team's working weekdays minus its public holidays and, for one member, the days
// that member is out of office. They drive target proration, the pace of projections and who is ranked.
import type { HolidayCalendar, Team, Workspace } from './model.js';
import { eachDay, isoWeekday, maxDate, minDate } from './calendar-days.js';
import { holidayChecker } from './holidays.js';

export interface WorkingCalendar {
  /** ISO weekdays that are worked (1 = Monday ... 7 = Sunday). */
  readonly workingWeekdays: readonly number[];
  readonly isHoliday: (date: string) => boolean;
}

/** A member's out-of-office range, both days inclusive. */
export interface OooRange {
  readonly memberId: string;
  readonly from: string;
  readonly to: string;
}

/** A team's calendar: workspace working weekdays and the union of the team's holiday calendars. */
export function teamCalendar(workspace: Workspace, team: Team): WorkingCalendar {
  const calendars = team.holidays
    .map((id) => workspace.holidays[id])
    .filter((c): c is HolidayCalendar => c !== undefined);
  return { workingWeekdays: workspace.defaults.workingWeekdays, isHoliday: holidayChecker(calendars) };
}

/** A predicate "is this member out of office on this day". */
export function oooChecker(ranges: readonly OooRange[], memberId: string): (date: string) => boolean {
  const mine = ranges.filter((r) => r.memberId === memberId);
  return (date) => mine.some((r) => r.from <= date && date <= r.to);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar, isOff?: (date: string) => boolean): boolean {
  return calendar.workingWeekdays.includes(isoWeekday(date)) && !calendar.isHoliday(date) && !(isOff?.(date) ?? false);
}

/** The working days between two dates, both inclusive. */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: WorkingCalendar,
  isOff?: (date: string) => boolean,
): string[] {
  return eachDay(from, to).filter((d) => isWorkingDay(d, calendar, isOff));
}

export function countWorkingDays(
  from: string,
  to: string,
  calendar: WorkingCalendar,
  isOff?: (date: string) => boolean,
): number {
  return workingDaysBetween(from, to, calendar, isOff).length;
}

/** Working days of a range, and how many of them are on or before `asOfDate` (the as-of day counts). */
export function workingDayProgress(
  from: string,
  to: string,
  asOfDate: string,
  calendar: WorkingCalendar,
  isOff?: (date: string) => boolean,
): { workingDays: number; elapsed: number; remaining: number } {
  const days = workingDaysBetween(from, to, calendar, isOff);
  const elapsed = days.filter((d) => d <= asOfDate).length;
  return { workingDays: days.length, elapsed, remaining: days.length - elapsed };
}

/** The overlap of two inclusive day ranges, or null when they do not meet. */
export function overlap(aFrom: string, aTo: string, bFrom: string, bTo: string): { from: string; to: string } | null {
  const from = maxDate(aFrom, bFrom);
  const to = minDate(aTo, bTo);
  return from <= to ? { from, to } : null;
}
