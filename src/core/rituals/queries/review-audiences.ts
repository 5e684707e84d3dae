// Who gets which review. The team channel's post follows `individuals_in_channel` (none: team totals; top:
// totals and the leaderboard's top N; all: every member's figures). Unless it is `all`, each rep also gets
// their own full review by DM and each manager the full table by DM, so nobody loses a figure they may see.
import type { Locale, Team } from '../../domain/model.js';
import type { Period } from '../../domain/periods.js';
import type { Occurrence, OutboxItemInput } from '../../ports/index.js';
import { DEFAULT_TOP } from '../../view-builders/leaderboard-view.js';
import { individualsInChannelOf, type ReviewAudience } from '../../view-builders/review-views.js';
import type { ChartRef, MonthlyReviewView, QbrView } from '../../view-models.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { type Delivery, outboxItem } from '../engine/occurrence-runner.js';
import { findMember, localeOf, scheduleOf } from './team-lookup.js';

export type ReviewBuilder = (audience: ReviewAudience, locale: Locale) => Promise<MonthlyReviewView | QbrView>;

/** The channel's audience for a team: its setting and the leaderboard's public top N. */
export function channelAudience(ctx: CoreContext, team: Team): ReviewAudience {
  const top = scheduleOf(team, 'leaderboard')?.top ?? team.rituals.leaderboard?.top ?? DEFAULT_TOP;
  return { kind: 'channel', individuals: individualsInChannelOf(ctx.workspace(), team), top };
}

/**
 * The charts an audience sees: a rep's own review none (they show the team), a channel that keeps
 * individuals private no attainment chart (it names every member), everyone else all of them.
 */
export function chartsFor(audience: ReviewAudience, charts: readonly ChartRef[]): ChartRef[] {
  if (audience.kind === 'member') return [];
  if (audience.kind === 'channel' && audience.individuals !== 'all')
    return charts.filter((c) => new URLSearchParams(c.id).get('kind') !== 'attainment');
  return [...charts];
}

export async function deliverReview(
  ctx: CoreContext,
  occ: Occurrence,
  team: Team,
  period: Period,
  now: Date,
  build: ReviewBuilder,
): Promise<Delivery> {
  const audience = channelAudience(ctx, team);
  const channel = outboxItem(
    ctx,
    { kind: 'channel', teamId: team.id },
    await build(audience, team.locale),
    `occ:${occ.key}`,
  );
  if (!channel) return { items: [], outcome: { status: 'skipped', reason: 'no_channel' } };
  if (audience.kind === 'channel' && audience.individuals === 'all') return { items: [channel] };
  const ws = ctx.workspace();
  const items: OutboxItemInput[] = [channel];
  let unreachable = 0;
  const dm = async (memberId: string, who: ReviewAudience, key: string) => {
    const found = findMember(ws, memberId);
    const view = await build(who, localeOf(found?.member, found?.team ?? team));
    const item = outboxItem(ctx, { kind: 'dm', memberId }, view, `occ:${occ.key}:${key}`);
    if (item) items.push(item);
    else unreachable++;
  };
  for (const managerId of team.managers) await dm(managerId, { kind: 'manager' }, `manager:${managerId}`);
  // The reps of the report (with a role, started by the period's end), each with their own figures.
  const [report] = await reportsOf(ctx).reports(team, [period], now.toISOString());
  for (const m of report!.members)
    if (!team.managers.includes(m.id)) await dm(m.id, { kind: 'member', memberId: m.id }, `member:${m.id}`);
  return { items, unreachable };
}
