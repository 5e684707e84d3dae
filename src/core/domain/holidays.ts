// Public-holiday calendars computed for any year: France, US federal (with observed-on-weekday rules),
// UK (England & Wales bank holidays, with substitute days and the one-off days since 2011) and Germany
// (national holidays only; regional ones go in a calendar's extra dates). A team calendar is the union
// of its built-in rule set and its extra dates.

import { addDays, dateParts, isoWeekday, makeDate, nthWeekdayOfMonth } from './calendar-days.js';
import type { HolidayCalendar } from './model.js';

export type BuiltinCalendarId = 'FR' | 'US' | 'UK' | 'DE';
export const BUILTIN_CALENDARS: readonly BuiltinCalendarId[] = ['FR', 'US', 'UK', 'DE'];

const MON = 1;
const THU = 4;

export function isBuiltinCalendar(id: string): id is BuiltinCalendarId {
  return (BUILTIN_CALENDARS as readonly string[]).includes(id);
}

/** Easter Sunday (Gregorian), by the anonymous Meeus/Jones/Butcher algorithm. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDate(year, month, day);
}

function france(year: number): string[] {
  const easter = easterSunday(year);
  const d = (m: number, day: number) => makeDate(year, m, day);
  return [
    d(1, 1),
    addDays(easter, 1),
    d(5, 1),
    d(5, 8),
    addDays(easter, 39),
    addDays(easter, 50),
    d(7, 14),
    d(8, 15),
    d(11, 1),
    d(11, 11),
    d(12, 25),
  ];
}

// US federal rule: a holiday on Saturday is observed the Friday before, on Sunday the Monday after.
function usObserved(date: string): string {
  const wd = isoWeekday(date);
  return wd === 6 ? addDays(date, -1) : wd === 7 ? addDays(date, 1) : date;
}

function unitedStates(year: number): string[] {
  const fixed = (y: number, m: number, day: number) => usObserved(makeDate(y, m, day));
  const dates = [
    fixed(year, 1, 1),
    nthWeekdayOfMonth(year, 1, MON, 3),
    nthWeekdayOfMonth(year, 2, MON, 3),
    nthWeekdayOfMonth(year, 5, MON, -1),
    ...(year >= 2021 ? [fixed(year, 6, 19)] : []),
    fixed(year, 7, 4),
    nthWeekdayOfMonth(year, 9, MON, 1),
    nthWeekdayOfMonth(year, 10, MON, 2),
    fixed(year, 11, 11),
    nthWeekdayOfMonth(year, 11, THU, 4),
    fixed(year, 12, 25),
    // New Year's Day of the next year on a Saturday is observed on 31 December of this one.
    fixed(year + 1, 1, 1),
  ];
  return dates.filter((date) => dateParts(date).year === year);
}

// UK substitute days: a bank holiday on a weekend (or on a day already taken) moves to the next free weekday.
function ukSubstitutes(dates: string[]): string[] {
  const taken: string[] = [];
  for (const date of dates) {
    let day = date;
    while (isoWeekday(day) >= 6 || taken.includes(day)) day = addDays(day, 1);
    taken.push(day);
  }
  return taken;
}

// Royal proclamations that moved or added bank holidays in England & Wales.
const UK_MOVED: Readonly<Record<string, string>> = {
  '2012-05-28': '2012-06-04',
  '2020-05-04': '2020-05-08',
  '2022-05-30': '2022-06-02',
};
const UK_EXTRA: readonly string[] = ['2011-04-29', '2012-06-05', '2022-06-03', '2022-09-19', '2023-05-08'];

function unitedKingdom(year: number): string[] {
  const easter = easterSunday(year);
  const regular = [
    ...ukSubstitutes([makeDate(year, 1, 1)]),
    addDays(easter, -2),
    addDays(easter, 1),
    nthWeekdayOfMonth(year, 5, MON, 1),
    nthWeekdayOfMonth(year, 5, MON, -1),
    nthWeekdayOfMonth(year, 8, MON, -1),
    ...ukSubstitutes([makeDate(year, 12, 25), makeDate(year, 12, 26)]),
  ].map((date) => UK_MOVED[date] ?? date);
  return [...regular, ...UK_EXTRA.filter((date) => dateParts(date).year === year)];
}

function germany(year: number): string[] {
  const easter = easterSunday(year);
  const d = (m: number, day: number) => makeDate(year, m, day);
  // 2017: the 500th anniversary of the Reformation was a one-off national holiday.
  const oneOff = year === 2017 ? [d(10, 31)] : [];
  return [
    d(1, 1),
    addDays(easter, -2),
    addDays(easter, 1),
    d(5, 1),
    addDays(easter, 39),
    addDays(easter, 50),
    d(10, 3),
    ...oneOff,
    d(12, 25),
    d(12, 26),
  ];
}

const RULES: Readonly<Record<BuiltinCalendarId, (year: number) => string[]>> = {
  FR: france,
  US: unitedStates,
  UK: unitedKingdom,
  DE: germany,
};

/** The days off of a built-in calendar in a year, sorted, each once. */
export function builtinHolidays(id: BuiltinCalendarId, year: number): string[] {
  return [...new Set(RULES[id](year))].sort();
}

/** The days off of a calendar (built-in rules ∪ extra dates) in a year, sorted. */
export function calendarHolidays(calendar: HolidayCalendar, year: number): string[] {
  const builtin =
    calendar.builtin && isBuiltinCalendar(calendar.builtin) ? builtinHolidays(calendar.builtin, year) : [];
  const extra = calendar.dates.filter((date) => dateParts(date).year === year);
  return [...new Set([...builtin, ...extra])].sort();
}

// The rules of a built-in calendar give the same days for a year every time: computed once per process.
const builtinCache = new Map<string, readonly string[]>();

function cachedBuiltin(id: BuiltinCalendarId, year: number): readonly string[] {
  const key = `${id}:${year}`;
  let days = builtinCache.get(key);
  if (!days) {
    days = builtinHolidays(id, year);
    builtinCache.set(key, days);
  }
  return days;
}

/** A predicate "is this day a holiday" over the union of calendars, computed lazily per year. */
export function holidayChecker(calendars: readonly HolidayCalendar[]): (date: string) => boolean {
  const byYear = new Map<number, Set<string>>();
  return (date: string) => {
    // The year is the first four characters of an ISO date: no need to parse the rest.
    const year = Number(date.slice(0, 4));
    let set = byYear.get(year);
    if (!set) {
      set = new Set<string>();
      for (const c of calendars) {
        if (c.builtin && isBuiltinCalendar(c.builtin)) for (const d of cachedBuiltin(c.builtin, year)) set.add(d);
        for (const d of c.dates) if (dateParts(d).year === year) set.add(d);
      }
      byYear.set(year, set);
    }
    return set.has(date);
  };
}
