// The one bridge between instants (ISO strings with an offset) and calendar days in a team's time
// zone. Everything else in the domain works on zone-less days, so DST is handled here only.
import { DateTime } from 'luxon';
import { BoundedMemo } from './bounded-memo.js';

function inZone(instant: string, zone: string): DateTime {
  const dt = DateTime.fromISO(instant, { setZone: true });
  if (!dt.isValid) throw new RangeError(`not an ISO instant: "${instant}"`);
  const zoned = dt.setZone(zone);
  if (!zoned.isValid) throw new RangeError(`unknown time zone: "${zone}"`);
  return zoned;
}

// A tick or a report asks for the same few (instant, zone) days thousands of times, and each answer
// costs a time-zone conversion: answers are kept.
const localDates = new BoundedMemo<string>(4096);

/**
 * The memo's key: an instant as the code writes them (toISOString, `2026-11-20T16:05:09.123Z`) stands for
 * its whole minute, since zones (in the tz database since the 1970s) change their offset on whole minutes only, so every request of the same
 * minute shares one answer; any other spelling is its own key.
 */
const dayKey = (instant: string, zone: string): string =>
  instant.length === 24 && instant.endsWith('Z') ? `${zone}|${instant.slice(0, 16)}` : `${zone}|${instant}`;

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a zone. */
export function localDateOf(instant: string, zone: string): string {
  return localDates.get(dayKey(instant, zone), () => inZone(instant, zone).toISODate()!);
}

/** The instant rendered with the zone's offset at that moment, without milliseconds. */
export function instantInZone(instant: string, zone: string): string {
  return inZone(instant, zone).toISO({ suppressMilliseconds: true })!;
}

const dayStarts = new BoundedMemo<string>(4096);

/** The instant a calendar day starts in a zone (local midnight, or the first valid time after a gap). */
export function startOfDayInZone(date: string, zone: string): string {
  return dayStarts.get(`${zone}|${date}`, () => {
    const dt = DateTime.fromISO(date, { zone });
    if (!dt.isValid) throw new RangeError(`not a date or unknown zone: "${date}" in "${zone}"`);
    return dt.startOf('day').toISO({ suppressMilliseconds: true })!;
  });
}

/** Whole hours between two instants (a DST week has 167 or 169). */
export function hoursBetween(from: string, to: string): number {
  return DateTime.fromISO(to).diff(DateTime.fromISO(from), 'hours').hours;
}

/**
 * Reads a user-given ISO date or date-time; without an offset it is a wall-clock time in `zone`
 * (a bare date is that day's start). Returns the instant with its offset, or null when malformed.
 */
export function parseInstantInZone(text: string, zone: string): string | null {
  const s = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/.test(s))
    return null;
  const hasOffset = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(s) && s.length > 10;
  const dt = hasOffset
    ? DateTime.fromISO(s.replace(' ', 'T'), { setZone: true })
    : DateTime.fromISO(s.replace(' ', 'T'), { zone });
  if (!dt.isValid) return null;
  return dt.toISO({ suppressMilliseconds: true });
}
