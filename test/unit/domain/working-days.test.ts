import { describe, expect, it } from 'vitest';
import { holidayChecker } from '../../../src/core/domain/holidays.js';
import {
  countWorkingDays,
  isWorkingDay,
  oooChecker,
  teamCalendar,
  type WorkingCalendar,
  workingDayProgress,
} from '../../../src/core/domain/working-days.js';
import { team, workspace } from './seed-workspace.js';

const MON_FRI = [1, 2, 3, 4, 5];
const FR: WorkingCalendar = {
  workingWeekdays: MON_FRI,
  isHoliday: holidayChecker([{ id: 'fr', builtin: 'FR', dates: [] }]),
};
const US: WorkingCalendar = {
  workingWeekdays: MON_FRI,
  isHoliday: holidayChecker([{ id: 'us', builtin: 'US', dates: [] }]),
};
const NONE: WorkingCalendar = { workingWeekdays: MON_FRI, isHoliday: () => false };
const SUN_THU: WorkingCalendar = { workingWeekdays: [7, 1, 2, 3, 4], isHoliday: FR.isHoliday };

describe('countWorkingDays', () => {
  it.each([
    // November 2026: 21 weekdays; 11 Nov (Wed) is a French holiday, 1 Nov falls on a Sunday.
    ['Nov 2026, FR', '2026-11-01', '2026-11-30', FR, 20],
    ['Nov 2026, no holidays', '2026-11-01', '2026-11-30', NONE, 21],
    ['Nov 1-18 2026, FR', '2026-11-01', '2026-11-18', FR, 12],
    // Veterans Day (Wed 11) and Thanksgiving (Thu 26).
    ['Nov 2026, US', '2026-11-01', '2026-11-30', US, 19],
    // May 2026: 21 weekdays minus 1 May, 8 May, Ascension (14) and Whit Monday (25), all weekdays.
    ['May 2026, FR', '2026-05-01', '2026-05-31', FR, 17],
    // February 2028 (leap): 4 full weeks plus Tuesday 29.
    ['Feb 2028, FR', '2028-02-01', '2028-02-29', FR, 21],
    ['Feb 2027, FR', '2027-02-01', '2027-02-28', FR, 20],
    // Sunday-to-Thursday weeks: 22 such days in Nov 2026, minus Sunday 1 Nov and Wednesday 11 Nov.
    ['Nov 2026, Sun-Thu, FR', '2026-11-01', '2026-11-30', SUN_THU, 20],
    // DST weeks are ordinary 5-day weeks.
    ['2026-W13', '2026-03-23', '2026-03-29', FR, 5],
    ['2026-W43', '2026-10-19', '2026-10-25', FR, 5],
    // Week 53 of 2026 holds Christmas week's tail and 1 Jan 2027 (Fri): Mon 28 - Thu 31.
    ['2026-W53, FR', '2026-12-28', '2027-01-03', FR, 4],
    ['empty range', '2026-11-02', '2026-11-01', FR, 0],
  ] as const)('%s -> %i', (_label, from, to, cal, expected) => {
    expect(countWorkingDays(from, to, cal)).toBe(expected);
  });

  it("removes a member's out-of-office days, and only that member's", () => {
    const ooo = [
      { memberId: 'alice', from: '2026-11-23', to: '2026-11-27' },
      { memberId: 'alice', from: '2026-11-11', to: '2026-11-11' },
      { memberId: 'bob', from: '2026-11-02', to: '2026-11-30' },
    ];
    // 20 working days minus Mon 23 - Fri 27; the OOO day on the holiday 11 Nov changes nothing.
    expect(countWorkingDays('2026-11-01', '2026-11-30', FR, oooChecker(ooo, 'alice'))).toBe(15);
    expect(countWorkingDays('2026-11-01', '2026-11-30', FR, oooChecker(ooo, 'bob'))).toBe(0);
    expect(countWorkingDays('2026-11-01', '2026-11-30', FR, oooChecker(ooo, 'chloe'))).toBe(20);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-11-18', FR, true],
    ['2026-11-11', FR, false],
    ['2026-11-14', FR, false],
    ['2026-11-15', SUN_THU, true],
    ['2026-11-20', SUN_THU, false],
    ['2026-07-03', US, false],
    ['2026-07-03', FR, true],
  ] as const)('%s', (date, cal, expected) => {
    expect(isWorkingDay(date, cal)).toBe(expected);
  });
});

describe('workingDayProgress', () => {
  it.each([
    // The as-of day counts as elapsed.
    ['2026-11-18', 20, 12, 8],
    // A Sunday as-of: Mon 2 - Fri 13 minus the 11th.
    ['2026-11-15', 20, 9, 11],
    ['2026-10-31', 20, 0, 20],
    ['2026-12-05', 20, 20, 0],
  ])('November 2026 as of %s', (asOf, workingDays, elapsed, remaining) => {
    expect(workingDayProgress('2026-11-01', '2026-11-30', asOf, FR)).toEqual({ workingDays, elapsed, remaining });
  });
});

describe('teamCalendar', () => {
  it("takes working weekdays from the workspace and unions the team's holiday calendars", () => {
    const t = team('t', [], { holidays: ['fr', 'us'] });
    const cal = teamCalendar(workspace([t]), t);
    expect(cal.workingWeekdays).toEqual(MON_FRI);
    // FR: 11 Nov; US: 11 Nov and 26 Nov.
    expect(countWorkingDays('2026-11-01', '2026-11-30', cal)).toBe(19);
    expect(cal.isHoliday('2026-07-14') && cal.isHoliday('2026-07-03')).toBe(true);
  });
});
