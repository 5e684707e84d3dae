// Working days: the team's working weekdays minus its public holidays and, for one member, the days
// that member is out of office. They drive target proration, the pace of projections and who is ranked.

import { eachDay, isoWeekday, maxDate, minDate } from './calendar-days.js';
import { holidayChecker } from './holidays.js';
import type { HolidayCalendar, Team, Workspace } from './model.js';

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

// A report asks for the same ranges of the same calendar again and again (each member, each objective,
// each target period): the working days of a range are computed once per calendar object. Calendars are
// immutable values (team calendars are themselves cached per workspace, see teamCalendar).
const rangeCache = new WeakMap<WorkingCalendar, Map<string, readonly string[]>>();
const MAX_RANGES_PER_CALENDAR = 10_000;

function cachedWorkingDays(from: string, to: string, calendar: WorkingCalendar): readonly string[] {
  let ranges = rangeCache.get(calendar);
  if (!ranges) {
    ranges = new Map();
    rangeCache.set(calendar, ranges);
  }
  const key = `${from}/${to}`;
  let days = ranges.get(key);
  if (!days) {
    if (ranges.size >= MAX_RANGES_PER_CALENDAR) ranges.clear();
    days = eachDay(from, to).filter((d) => isWorkingDay(d, calendar));
    ranges.set(key, days);
  }
  return days;
}

const calendarCache = new WeakMap<Workspace, Map<string, WorkingCalendar>>();

/** A team's calendar: workspace working weekdays and the union of the team's holiday calendars. */
export function teamCalendar(workspace: Workspace, team: Team): WorkingCalendar {
  let byHolidays = calendarCache.get(workspace);
  if (!byHolidays) {
    byHolidays = new Map();
    calendarCache.set(workspace, byHolidays);
  }
  const key = team.holidays.join('\u0000');
  let calendar = byHolidays.get(key);
  if (!calendar) {
    const calendars = team.holidays
      .map((id) => workspace.holidays[id])
      .filter((c): c is HolidayCalendar => c !== undefined);
    calendar = { workingWeekdays: workspace.defaults.workingWeekdays, isHoliday: holidayChecker(calendars) };
    byHolidays.set(key, calendar);
  }
  return calendar;
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
  const days = cachedWorkingDays(from, to, calendar);
  return isOff ? days.filter((d) => !isOff(d)) : [...days];
}

export function countWorkingDays(
  from: string,
  to: string,
  calendar: WorkingCalendar,
  isOff?: (date: string) => boolean,
): number {
  const days = cachedWorkingDays(from, to, calendar);
  if (!isOff) return days.length;
  let n = 0;
  for (const d of days) if (!isOff(d)) n++;
  return n;
}

/** How many of the sorted days are on or before `date`. */
function countUpTo(days: readonly string[], date: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Working days of a range, and how many of them are on or before `asOfDate` (the as-of day counts). */
export function workingDayProgress(
  from: string,
  to: string,
  asOfDate: string,
  calendar: WorkingCalendar,
  isOff?: (date: string) => boolean,
): { workingDays: number; elapsed: number; remaining: number } {
  const all = cachedWorkingDays(from, to, calendar);
  const days = isOff ? all.filter((d) => !isOff(d)) : all;
  const elapsed = countUpTo(days, asOfDate);
  return { workingDays: days.length, elapsed, remaining: days.length - elapsed };
}

/** The overlap of two inclusive day ranges, or null when they do not meet. */
export function overlap(aFrom: string, aTo: string, bFrom: string, bTo: string): { from: string; to: string } | null {
  const from = maxDate(aFrom, bFrom);
  const to = minDate(aTo, bTo);
  return from <= to ? { from, to } : null;
}
