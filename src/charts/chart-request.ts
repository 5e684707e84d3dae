// What chart to draw, as a small value that also travels as a string id: the id goes into a view's
// ChartRef, and whoever renders the view (Slack upload, Teams image link, sandbox) turns it back into
// the request to draw the PNG. Ids are URL-query strings: `kind=burnup&team=sales-fr&period=2026-Q4&objective=icp-cycle`.
export type ChartKind = 'burnup' | 'attainment' | 'trend';
export const CHART_KINDS: readonly ChartKind[] = ['burnup', 'attainment', 'trend'];

export interface ChartRequest {
  readonly kind: ChartKind;
  readonly teamId: string;
  readonly periodKey: string;
  /** burnup: the collective objective (default: the team's first one). */
  readonly objectiveId?: string;
  /** trend: the member (required). */
  readonly memberId?: string;
  /** trend: the KPI (required); attainment: one KPI's attainment instead of the weighted score. */
  readonly kpiId?: string;
  /** As-of instant fixed in the request, so a message re-sent later shows the same figures. */
  readonly asOf?: string;
}

const FIELDS = [
  ['team', 'teamId'],
  ['period', 'periodKey'],
  ['objective', 'objectiveId'],
  ['member', 'memberId'],
  ['kpi', 'kpiId'],
  ['at', 'asOf'],
] as const;

export function chartId(req: ChartRequest): string {
  const params = new URLSearchParams({ kind: req.kind });
  for (const [param, field] of FIELDS) {
    const value = req[field];
    if (value !== undefined) params.set(param, value);
  }
  return params.toString();
}

/** The request of a chart id, or undefined when the id is not one. */
export function parseChartId(id: string): ChartRequest | undefined {
  const params = new URLSearchParams(id);
  const kind = params.get('kind') as ChartKind | null;
  const teamId = params.get('team');
  const periodKey = params.get('period');
  if (!kind || !CHART_KINDS.includes(kind) || !teamId || !periodKey) return undefined;
  const optional = (name: string) => params.get(name) ?? undefined;
  return {
    kind,
    teamId,
    periodKey,
    ...(optional('objective') !== undefined ? { objectiveId: optional('objective') } : {}),
    ...(optional('member') !== undefined ? { memberId: optional('member') } : {}),
    ...(optional('kpi') !== undefined ? { kpiId: optional('kpi') } : {}),
    ...(optional('at') !== undefined ? { asOf: optional('at') } : {}),
  };
}

/**
 * The charts of a monthly review or a QBR for a team and period: the burn-up of each collective
 * objective, then the members' attainment. Put their ids in the view's ChartRefs.
 */
export function reviewChartRequests(
  team: { readonly id: string; readonly collective: readonly { readonly id: string }[] },
  periodKey: string,
  asOf?: string,
): ChartRequest[] {
  const at = asOf === undefined ? {} : { asOf };
  return [
    ...team.collective.map(
      (o): ChartRequest => ({ kind: 'burnup', teamId: team.id, periodKey, objectiveId: o.id, ...at }),
    ),
    { kind: 'attainment', teamId: team.id, periodKey, ...at },
  ];
}
