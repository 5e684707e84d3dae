// Wall-clock arithmetic for ritual delays: "65 hours after Friday 16:00" means Monday 09:00 in the
// member's zone, also across a DST change (an absolute 65 h would land at 08:00 or 10:00 that week).
import { DateTime } from 'luxon';

/** Adds minutes to the local date-time of `instant` in `zone`; a local time inside a DST gap moves forward. */
export function addWallClockMinutes(instant: Date, zone: string, minutes: number): Date {
  const local = DateTime.fromJSDate(instant, { zone });
  const naive = DateTime.fromObject(
    {
      year: local.year,
      month: local.month,
      day: local.day,
      hour: local.hour,
      minute: local.minute,
      second: local.second,
    },
    { zone: 'UTC' },
  ).plus({ minutes });
  const shifted = DateTime.fromObject(
    {
      year: naive.year,
      month: naive.month,
      day: naive.day,
      hour: naive.hour,
      minute: naive.minute,
      second: naive.second,
    },
    { zone },
  );
  return shifted.toJSDate();
}

/** The instant of a wall-clock date and time in a zone (`time` as HH:mm). */
export function atLocalTime(date: string, time: { hour: number; minute: number }, zone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return DateTime.fromObject({ year, month, day, hour: time.hour, minute: time.minute }, { zone }).toJSDate();
}

/** Hour and minute of an instant in a zone. */
export function localTimeOf(instant: Date, zone: string): { hour: number; minute: number } {
  const dt = DateTime.fromJSDate(instant, { zone });
  return { hour: dt.hour, minute: dt.minute };
}

export function minutesBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 60_000;
}
