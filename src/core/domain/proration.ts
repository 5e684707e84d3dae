// Prorating a sum KPI's target, stated per week, month, quarter or year, to any report period by
// working days: each period of the target's kind that overlaps the report period contributes its target
// times (its working days inside the report period / its working days). So a quarter of a monthly
// target is the sum of its three months, a week spanning two months takes each month's share of its
// days, a month of a quarterly target takes its share of the quarter's working days. A target period
// with no working day at all shares by calendar days instead. Ratios, averages and `last` KPIs are
// never prorated (callers do not call this for them).

import { daysBetween, eachDay } from './calendar-days.js';
import type { PeriodKind } from './model.js';
import { nextPeriod, type Period, type PeriodSettings, periodOfDate } from './periods.js';
import { countWorkingDays, overlap, type WorkingCalendar, workingDaysBetween } from './working-days.js';

export interface ProrationSegment {
  /** The period of the target's kind. */
  readonly targetPeriod: Period;
  /** The part of it inside the report period. */
  readonly from: string;
  readonly to: string;
  /** Share of the target period's target that falls in the report period (0..1). */
  readonly share: number;
}

// Every member of a team shares the team's calendar, so the split of a period is computed once per
// calendar, target kind, period and period settings.
const segmentCache = new WeakMap<WorkingCalendar, Map<string, readonly ProrationSegment[]>>();

function cachedSegments(
  per: PeriodKind,
  period: Period,
  settings: PeriodSettings,
  calendar: WorkingCalendar,
): readonly ProrationSegment[] {
  let byKey = segmentCache.get(calendar);
  if (!byKey) {
    byKey = new Map();
    segmentCache.set(calendar, byKey);
  }
  const key = `${per}|${period.start}|${period.end}|${settings.weekStart}|${settings.fiscalYearStart}`;
  let segments = byKey.get(key);
  if (!segments) {
    if (byKey.size >= 10_000) byKey.clear();
    segments = computeSegments(per, period, settings, calendar);
    byKey.set(key, segments);
  }
  return segments;
}

function computeSegments(
  per: PeriodKind,
  period: Period,
  settings: PeriodSettings,
  calendar: WorkingCalendar,
): ProrationSegment[] {
  const out: ProrationSegment[] = [];
  for (let p = periodOfDate(per, period.start, settings); p.start <= period.end; p = nextPeriod(p, settings)) {
    const seg = overlap(p.start, p.end, period.start, period.end);
    if (!seg) continue;
    const total = countWorkingDays(p.start, p.end, calendar);
    const share =
      total > 0
        ? countWorkingDays(seg.from, seg.to, calendar) / total
        : (daysBetween(seg.from, seg.to) + 1) / (daysBetween(p.start, p.end) + 1);
    out.push({ targetPeriod: p, from: seg.from, to: seg.to, share });
  }
  return out;
}

/** How the report period splits over the periods of the target's kind. */
export function prorationSegments(
  per: PeriodKind,
  period: Period,
  settings: PeriodSettings,
  calendar: WorkingCalendar,
): ProrationSegment[] {
  return [...cachedSegments(per, period, settings, calendar)];
}

/**
 * The target for the report period. `targetFor` gives the target of one period of the target's kind
 * (a computed target depends on that period's values); `dayShare`, when given, weighs each working day
 * of the report period (the ramp-up share of that day's tenure month): a segment then brings target ×
 * (sum of its days' shares ÷ the target period's working days), so the weeks of a month still add up
 * to the month. Any segment without a target makes the whole target missing.
 */
export function prorateTarget(
  per: PeriodKind,
  period: Period,
  settings: PeriodSettings,
  calendar: WorkingCalendar,
  targetFor: (targetPeriod: Period) => number | null,
  dayShare?: (date: string) => number,
): number | null {
  let total = 0;
  for (const seg of cachedSegments(per, period, settings, calendar)) {
    const t = targetFor(seg.targetPeriod);
    if (t === null) return null;
    total += t * (dayShare ? weightedShare(seg, calendar, dayShare) : seg.share);
  }
  return total;
}

/** A segment's share with each of its days weighed (by working days, or calendar days as a fallback). */
function weightedShare(seg: ProrationSegment, calendar: WorkingCalendar, dayShare: (date: string) => number): number {
  const p = seg.targetPeriod;
  const total = countWorkingDays(p.start, p.end, calendar);
  const days = total > 0 ? workingDaysBetween(seg.from, seg.to, calendar) : eachDay(seg.from, seg.to);
  let sum = 0;
  for (const d of days) sum += dayShare(d);
  return sum / (total > 0 ? total : daysBetween(p.start, p.end) + 1);
}
