// Use case: the monthly review posted to the team channel: last month's results per collective
// objective and per member, its charts (when a chart catalog is wired), and a button to record decisions.
// What the channel shows of individuals, and the reviews sent by DM, follow review-audiences.ts.
import type { Locale, Team } from '../../domain/model.js';
import type { Period } from '../../domain/periods.js';
import { DomainError } from '../../errors.js';
import type { Occurrence } from '../../ports/index.js';
import { EVERYONE, monthlyReviewView, type ReviewAudience } from '../../view-builders/review-views.js';
import type { ChartRef, MonthlyReviewView } from '../../view-models.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { basePeriodKey, type Delivery } from '../engine/occurrence-runner.js';
import { chartsFor, deliverReview } from '../queries/review-audiences.js';
import { resolvePeriod } from './team-report.js';

/**
 * The charts of a review (burn-up per collective objective, then attainment), titled in `locale`, drawn
 * as of `now`. None without a catalog; a catalog failure is logged and the review goes out without them.
 */
export async function reviewCharts(
  ctx: CoreContext,
  team: Team,
  period: Period,
  now: Date,
  locale: Locale,
): Promise<ChartRef[]> {
  if (!ctx.charts) return [];
  try {
    return await ctx.charts.reviewCharts(team.id, period.key, now.toISOString(), locale);
  } catch (err) {
    const code = err instanceof DomainError ? err.code : err instanceof Error ? err.name : 'unknown';
    ctx.log.warn({ team: team.id, period: period.key, code }, 'review charts unavailable: sent without them');
    return [];
  }
}

export async function buildMonthlyReview(
  ctx: CoreContext,
  team: Team,
  period: Period,
  now: Date,
  locale: Locale,
  audience: ReviewAudience = EVERYONE,
): Promise<MonthlyReviewView> {
  const ws = ctx.workspace();
  const [[report], charts] = await Promise.all([
    reportsOf(ctx).reports(team, [period], now.toISOString()),
    audience.kind === 'member' ? Promise.resolve([]) : reviewCharts(ctx, team, period, now, locale),
  ]);
  return {
    ...monthlyReviewView({ ws, team, report: report!, period, locale, audience }),
    charts: chartsFor(audience, charts),
  };
}

export async function deliverMonthlyReview(
  ctx: CoreContext,
  occ: Occurrence,
  team: Team,
  now: Date,
): Promise<Delivery> {
  const period = resolvePeriod(ctx.workspace(), basePeriodKey(occ.periodKey));
  return deliverReview(ctx, occ, team, period, now, (audience, locale) =>
    buildMonthlyReview(ctx, team, period, now, locale, audience),
  );
}
