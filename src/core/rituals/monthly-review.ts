// Use case: the monthly review posted to the team channel: last month's results per collective
// objective and per member, its charts (when a chart catalog is wired), and a button to record decisions.
import type { Locale, Team } from '../domain/model.js';
import type { Period } from '../domain/periods.js';
import { DomainError } from '../errors.js';
import type { Occurrence } from '../ports.js';
import type { ChartRef, MonthlyReviewView } from '../views.js';
import { monthlyReviewView } from '../views/review-views.js';
import type { CoreContext } from './deps.js';
import { basePeriodKey, outboxItem, type Delivery } from './occurrence-runner.js';
import { reportsOf } from './call-scope.js';
import { resolvePeriod } from './team-report.js';

/**
 * The charts of a review (burn-up per collective objective, then attainment), titled in `locale`, drawn
 * as of `now`. None without a catalog; a catalog failure is logged and the review goes out without them.
 */
export async function reviewCharts(ctx: CoreContext, team: Team, period: Period, now: Date, locale: Locale): Promise<ChartRef[]> {
  if (!ctx.charts) return [];
  try {
    return await ctx.charts.reviewCharts(team.id, period.key, now.toISOString(), locale);
  } catch (err) {
    const code = err instanceof DomainError ? err.code : err instanceof Error ? err.name : 'unknown';
    ctx.log.warn({ team: team.id, period: period.key, code }, 'review charts unavailable: sent without them');
    return [];
  }
}

export async function buildMonthlyReview(ctx: CoreContext, team: Team, period: Period, now: Date, locale: Locale): Promise<MonthlyReviewView> {
  const ws = ctx.workspace();
  const [[report], charts] = await Promise.all([reportsOf(ctx).reports(team, [period], now.toISOString()), reviewCharts(ctx, team, period, now, locale)]);
  return { ...monthlyReviewView({ ws, team, report: report!, period, locale }), charts };
}

export async function deliverMonthlyReview(ctx: CoreContext, occ: Occurrence, team: Team, now: Date): Promise<Delivery> {
  const view = await buildMonthlyReview(ctx, team, resolvePeriod(ctx.workspace(), basePeriodKey(occ.periodKey)), now, team.locale);
  const item = outboxItem(ctx, { kind: 'channel', teamId: team.id }, view, `occ:${occ.key}`);
  if (!item) return { items: [], outcome: { status: 'skipped', reason: 'no_channel' } };
  return { items: [item] };
}
