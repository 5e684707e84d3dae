// A second look at implausible check-ins: a value more than 5 times the rep's own median for that KPI
// over their last 8 weekly check-ins (when at least 4 of them have it and the median is above 0) is not
// stored at once; the form asks to confirm it, and the same value submitted again is stored. The maths
// is pure (`median`, `outlierOf`); `pastWeeklyValues` reads the rep's history.
import { type Period, previousPeriod } from '../../domain/periods.js';
import { periodSettingsOf } from '../../domain/report-context.js';
import type { CoreContext } from '../deps.js';

export const OUTLIER_FACTOR = 5;
export const HISTORY_WEEKS = 8;
export const MIN_HISTORY_WEEKS = 4;

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface Outlier {
  readonly median: number;
  /** How many past weeks the median is taken over. */
  readonly weeks: number;
}

/** Whether a value is far above the rep's own history (one value per past week that has it). */
export function outlierOf(value: number, history: readonly number[]): Outlier | undefined {
  if (history.length < MIN_HISTORY_WEEKS) return undefined;
  const m = median(history);
  if (!(m > 0) || !(value > OUTLIER_FACTOR * m)) return undefined;
  return { median: m, weeks: history.length };
}

/** The member's latest answers of the 8 weeks before `period`, as values per KPI (weeks without it left out). */
export async function pastWeeklyValues(
  ctx: CoreContext,
  memberId: string,
  period: Period,
): Promise<Record<string, number[]>> {
  const settings = periodSettingsOf(ctx.workspace());
  const keys: string[] = [];
  for (let p = previousPeriod(period, settings); keys.length < HISTORY_WEEKS; p = previousPeriod(p, settings))
    keys.push(p.key);
  const answers = await ctx.repos.checkIns.list({ memberIds: [memberId], periodKeys: keys, latestOnly: true });
  const out: Record<string, number[]> = {};
  for (const a of answers)
    for (const [kpi, v] of Object.entries(a.values)) {
      out[kpi] ??= [];
      out[kpi].push(v);
    }
  return out;
}
