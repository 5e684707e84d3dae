// Recorded metric values and how to pick the ones that count for a member or a team in a range of
// days. Values dated after the as-of day are left out, so a report rebuilt later shows what was known.

/** One recorded value of a base KPI on a day, at member level (memberId) or team level (teamId only). */
export interface MetricValue {
  readonly memberId?: string;
  readonly teamId?: string;
  readonly kpi: string;
  /** The day the value is about (YYYY-MM-DD, team zone). */
  readonly date: string;
  readonly value: number;
  /** When it was recorded (ISO instant): orders same-day values for `last`. */
  readonly recordedAt: string;
}

/** Who a value belongs to: a member of a team, or the team as a whole (all members plus team-level). */
export type ValueScope =
  | { readonly kind: 'member'; readonly memberId: string; readonly teamId: string }
  | { readonly kind: 'team'; readonly teamId: string; readonly memberIds: readonly string[] };

function inScope(v: MetricValue, scope: ValueScope, memberIds?: ReadonlySet<string>): boolean {
  // A member value tagged with another team belongs to that team's figures, not this one's.
  if (v.teamId !== undefined && v.teamId !== scope.teamId) return false;
  if (scope.kind === 'member') return v.memberId === scope.memberId;
  return v.memberId === undefined ? v.teamId === scope.teamId : (memberIds ?? new Set(scope.memberIds)).has(v.memberId);
}

/** A member's values of one KPI, in input order; `sorted` when that order is also by date. */
interface Bucket {
  readonly list: MetricValue[];
  sorted: boolean;
}

// A report looks up each member's values for several ranges: the values are grouped by member and KPI
// once per array (arrays of values are never mutated once handed to the report maths).
const memberIndexCache = new WeakMap<readonly MetricValue[], Map<string, Map<string, Bucket>>>();

function memberIndex(values: readonly MetricValue[]): Map<string, Map<string, Bucket>> {
  let index = memberIndexCache.get(values);
  if (index) return index;
  index = new Map();
  for (const v of values) {
    if (v.memberId === undefined) continue;
    let byKpi = index.get(v.memberId);
    if (!byKpi) {
      byKpi = new Map();
      index.set(v.memberId, byKpi);
    }
    const bucket = byKpi.get(v.kpi);
    if (!bucket) byKpi.set(v.kpi, { list: [v], sorted: true });
    else {
      if (bucket.sorted && v.date < bucket.list[bucket.list.length - 1]!.date) bucket.sorted = false;
      bucket.list.push(v);
    }
  }
  memberIndexCache.set(values, index);
  return index;
}

/** First index whose date is at or after `date` (`after`: strictly after), in a list sorted by date. */
function bound(list: readonly MetricValue[], date: string, after: boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const d = list[mid]!.date;
    if (d < date || (after && d === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The values of a scope dated within [from, to] and not after `asOfDate`, grouped by KPI. */
export function valuesByKpi(
  values: readonly MetricValue[],
  scope: ValueScope,
  from: string,
  to: string,
  asOfDate: string,
): Map<string, MetricValue[]> {
  const last = to < asOfDate ? to : asOfDate;
  const out = new Map<string, MetricValue[]>();
  if (scope.kind === 'member') {
    // The same values in the same order as a scan of the whole array would pick: sums add up identically.
    const byKpi = memberIndex(values).get(scope.memberId);
    if (!byKpi || from > last) return out;
    for (const [kpi, bucket] of byKpi) {
      const candidates = bucket.sorted
        ? bucket.list.slice(bound(bucket.list, from, false), bound(bucket.list, last, true))
        : bucket.list;
      const picked = candidates.filter((v) => v.date >= from && v.date <= last && inScope(v, scope));
      if (picked.length > 0) out.set(kpi, picked);
    }
    return out;
  }
  const memberIds = new Set(scope.memberIds);
  for (const v of values) {
    if (v.date < from || v.date > last || !inScope(v, scope, memberIds)) continue;
    const list = out.get(v.kpi);
    if (list) list.push(v);
    else out.set(v.kpi, [v]);
  }
  return out;
}
