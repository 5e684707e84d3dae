// Use case: the quarterly business review posted to the team channel: last quarter's results, proposed
// targets for the collective objectives (see qbr-proposals.ts) for the approver to accept or change, and
// the quarter's decision log, with the quarter's charts (see monthly-review.ts).
import { addDays } from '../../domain/calendar-days.js';
import { isSumKpi } from '../../domain/kpi-values.js';
import type { Locale, Team } from '../../domain/model.js';
import { type Period, periodOfDate, previousPeriod } from '../../domain/periods.js';
import { periodSettingsOf } from '../../domain/report-context.js';
import { collectiveTargetInForce } from '../../domain/targets.js';
import { formatValue } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import type { Occurrence } from '../../ports/index.js';
import { collectiveLabel } from '../../view-builders/progress-view.js';
import { EVERYONE, type ProposalWithTarget, qbrView, type ReviewAudience } from '../../view-builders/review-views.js';
import type { QbrView } from '../../view-models.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { basePeriodKey, type Delivery } from '../engine/occurrence-runner.js';
import { proposeTarget } from '../queries/qbr-proposals.js';
import { chartsFor, deliverReview } from '../queries/review-audiences.js';
import { nameOf } from '../queries/team-lookup.js';
import { reviewCharts } from './monthly-review.js';
import { resolvePeriod } from './team-report.js';

const STATUS_KEYS = {
  open: 'decision.status.open',
  accepted: 'decision.status.accepted',
  rejected: 'decision.status.rejected',
  done: 'decision.status.done',
} as const;

export function decisionStatusText(locale: Locale, status: string): string {
  const key = STATUS_KEYS[status as keyof typeof STATUS_KEYS];
  return key ? t(locale, key) : status;
}

/** The periods of an objective's kind whose results inform the proposal: the last four quarters' worth. */
function historyPeriods(
  quarter: Period,
  kind: 'month' | 'quarter',
  settings: ReturnType<typeof periodSettingsOf>,
): Period[] {
  const count = kind === 'quarter' ? 4 : 12;
  const out: Period[] = [periodOfDate(kind, quarter.end, settings)];
  while (out.length < count) out.unshift(previousPeriod(out[0]!, settings));
  return out;
}

export async function buildQbr(
  ctx: CoreContext,
  team: Team,
  quarter: Period,
  now: Date,
  locale: Locale,
  audience: ReviewAudience = EVERYONE,
): Promise<QbrView> {
  const ws = ctx.workspace();
  const settings = periodSettingsOf(ws);
  const asOf = now.toISOString();
  const reports = reportsOf(ctx);
  const [report] = await reports.reports(team, [quarter], asOf);
  const current = await reports.team(team);
  const from = addDays(quarter.end, 1);
  const proposals: ProposalWithTarget[] = [];
  // A rep's own review shows no proposals: none are computed for it.
  for (const c of audience.kind === 'member' ? [] : current.collective) {
    const kpi = ws.kpis[c.kpi];
    if (!kpi || (c.per !== 'quarter' && c.per !== 'month')) continue;
    const periods = historyPeriods(quarter, c.per, settings);
    const data = await reports.data(current, { from: periods[0]!.start, to: periods[periods.length - 1]!.end });
    // A sum with no value at all is 0 in a report; before the team recorded anything it means "no data".
    const recorded = (p: Period) =>
      !isSumKpi(kpi) || data.values.some((v) => v.kpi === kpi.id && v.date >= p.start && v.date <= p.end);
    const rows = await reports.collective(current, periods, asOf);
    const history = periods.map((p, i) =>
      recorded(p) ? (rows[i]!.find((row) => row.objective === c.id)?.actual ?? null) : null,
    );
    // The target the team was held to in the quarter reviewed (a change made at the last QBR counts).
    const target = collectiveTargetInForce(c, quarter.end);
    const p = proposeTarget(target, history, kpi.direction, kpi.unit);
    if (!p) continue;
    const value = (n: number) => formatValue(locale, n, kpi.unit);
    proposals.push({
      objectiveId: c.id,
      label: collectiveLabel(ws, c, locale),
      currentText: value(target),
      proposed: p.proposed,
      proposedText: value(p.proposed),
      rationale: t(locale, kpi.direction === 'higher' ? 'qbr.rationale.higher' : 'qbr.rationale.lower', {
        n: p.samples,
        value: value(p.basis),
      }),
      from,
    });
  }
  const decisions = (
    audience.kind === 'member' ? [] : await ctx.repos.decisions.list({ teamId: team.id, from: quarter.start, to: from })
  ).map((d) => ({
    text: d.text,
    statusText: decisionStatusText(locale, d.status),
    author: nameOf(ws, d.author),
  }));
  const charts = audience.kind === 'member' ? [] : await reviewCharts(ctx, team, quarter, now, locale);
  return {
    ...qbrView({ ws, team, report: report!, period: quarter, locale, proposals, decisions, audience }),
    charts: chartsFor(audience, charts),
  };
}

export async function deliverQbr(ctx: CoreContext, occ: Occurrence, team: Team, now: Date): Promise<Delivery> {
  const quarter = resolvePeriod(ctx.workspace(), basePeriodKey(occ.periodKey));
  return deliverReview(ctx, occ, team, quarter, now, (audience, locale) =>
    buildQbr(ctx, team, quarter, now, locale, audience),
  );
}
