// Calendar-day arithmetic on ISO `YYYY-MM-DD` strings. Days carry no zone, so this is plain integer
// maths on "days since 1970-01-01" and can never be skewed by a daylight-saving change.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when the string is a real calendar date in `YYYY-MM-DD` form (no 2026-02-30). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function makeDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Year, month (1-12) and day of an ISO date; the input is trusted to be well-formed. */
export function dateParts(date: string): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Days since 1970-01-01. */
export function toDayNumber(date: string): number {
  const { year, month, day } = dateParts(date);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function fromDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  return makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** Adds calendar months, clamping the day to the target month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return makeDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Every day from `from` to `to`, both inclusive; empty when `to` is before `from`. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  const last = toDayNumber(to);
  for (let n = toDayNumber(from); n <= last; n++) out.push(fromDayNumber(n));
  return out;
}

/** The n-th (1-based) given ISO weekday of a month; n = -1 is the last one. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = makeDate(year, month, 1);
    const offset = (weekday - isoWeekday(first) + 7) % 7;
    return addDays(first, offset + 7 * (n - 1));
  }
  const last = makeDate(year, month, daysInMonth(year, month));
  const back = (isoWeekday(last) - weekday + 7) % 7;
  return addDays(last, -back - 7 * (-n - 1));
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}
