// Use case: the monthly review posted to the team channel: last month's results per collective
// objective and per member, with a button to record decisions.
import type { Locale, Team } from '../domain/model.js';
import type { Period } from '../domain/periods.js';
import type { Occurrence } from '../ports.js';
import type { MonthlyReviewView } from '../views.js';
import { monthlyReviewView } from '../views/review-views.js';
import type { CoreContext } from './deps.js';
import { basePeriodKey, outboxItem, type Delivery } from './occurrence-runner.js';
import { teamReports } from './team-data.js';
import { resolvePeriod } from './team-report.js';

export async function buildMonthlyReview(ctx: CoreContext, team: Team, period: Period, now: Date, locale: Locale): Promise<MonthlyReviewView> {
  const ws = ctx.workspace();
  const [report] = await teamReports(ctx.repos, ws, team, [period], now.toISOString());
  return monthlyReviewView({ ws, team, report: report!, period, locale });
}

export async function deliverMonthlyReview(ctx: CoreContext, occ: Occurrence, team: Team, now: Date): Promise<Delivery> {
  const view = await buildMonthlyReview(ctx, team, resolvePeriod(ctx.workspace(), basePeriodKey(occ.periodKey)), now, team.locale);
  const item = outboxItem(ctx, { kind: 'channel', teamId: team.id }, view, `occ:${occ.key}`);
  if (!item) return { items: [], outcome: { status: 'skipped', reason: 'no_channel' } };
  return { items: [item] };
}
