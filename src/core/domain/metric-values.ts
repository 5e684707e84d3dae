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

function inScope(v: MetricValue, scope: ValueScope): boolean {
  // A member value tagged with another team belongs to that team's figures, not this one's.
  if (v.teamId !== undefined && v.teamId !== scope.teamId) return false;
  if (scope.kind === 'member') return v.memberId === scope.memberId;
  return v.memberId === undefined ? v.teamId === scope.teamId : scope.memberIds.includes(v.memberId);
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
  for (const v of values) {
    if (v.date < from || v.date > last || !inScope(v, scope)) continue;
    const list = out.get(v.kpi);
    if (list) list.push(v);
    else out.set(v.kpi, [v]);
  }
  return out;
}
