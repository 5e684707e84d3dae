// Use case: post the leaderboard of the previous complete week to the team channel (rank, score,
// movement, top N in public, reactions on the last post tallied) and, when the ritual's `dmRanks`
// option is on, send each ranked member their own rank privately. A week with nothing behind it (see
// leaderboard-evidence.ts) is recorded as skipped with its reason, and so are the rank DMs.
import type { Locale, Team, Workspace } from '../../domain/model.js';
import { type Period, previousPeriod } from '../../domain/periods.js';
import type { TeamReport } from '../../domain/report.js';
import { periodSettingsOf } from '../../domain/report-context.js';
import { t } from '../../i18n/index.js';
import { type Occurrence, postRefKey } from '../../ports/index.js';
import { DEFAULT_TOP, leaderboardView, myRankView } from '../../view-builders/leaderboard-view.js';
import { notice } from '../../view-builders/notice.js';
import type { LeaderboardView, NoticeView } from '../../view-models.js';
import { reportsOf } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { weekOf } from '../engine/checkin-window.js';
import {
  basePeriodKey,
  type Delivery,
  occurrenceKey,
  outboxItem,
  type PlannedOccurrence,
} from '../engine/occurrence-runner.js';
import type { Fire } from '../engine/schedule-fires.js';
import { type LeaderboardSkipReason, leaderboardSkip, weekEvidence } from '../queries/leaderboard-evidence.js';
import { localeOf, memberOf, scheduleOf } from '../queries/team-lookup.js';
import { resolvePeriod } from './team-report.js';

export function planLeaderboard(ctx: CoreContext, team: Team, fire: Fire): PlannedOccurrence[] {
  const ws = ctx.workspace();
  const period = previousPeriod(weekOf(ws, fire.at, fire.zone), periodSettingsOf(ws));
  const out: PlannedOccurrence[] = [{ ritual: 'leaderboard', periodKey: period.key, memberId: null, dueAt: fire.at }];
  if (scheduleOf(team, 'leaderboard')?.dmRanks) {
    for (const m of team.members) {
      if (m.role !== undefined)
        out.push({ ritual: 'leaderboard', periodKey: period.key, memberId: m.id, dueAt: fire.at });
    }
  }
  return out;
}

/** Reactions on the post of the period before this one. */
async function reactionsBefore(
  ctx: CoreContext,
  ws: Workspace,
  team: Team,
  period: Period,
): Promise<{ emoji: string; count: number }[]> {
  const before = previousPeriod(period, periodSettingsOf(ws));
  const ref = await ctx.outbox.deliveredRef(`occ:${occurrenceKey(team.id, 'leaderboard', before.key, null)}`);
  return ref ? ctx.repos.reactions.tally(ref.platform, postRefKey(ref)) : [];
}

export interface LeaderboardOfWeek {
  readonly view: LeaderboardView;
  /** Why the week gets no leaderboard (nobody could check in, or nobody did); undefined: it has one. */
  readonly skip?: LeaderboardSkipReason;
}

/** A week's report, why it has no leaderboard (if so), and whether the week before had one. */
async function weekAndBefore(
  ctx: CoreContext,
  team: Team,
  period: Period,
  now: Date,
): Promise<{ report: TeamReport; skip?: LeaderboardSkipReason; previousSkip?: LeaderboardSkipReason }> {
  const previous = previousPeriod(period, periodSettingsOf(ctx.workspace()));
  const [report, previousReport] = await reportsOf(ctx).reports(team, [period, previous], now.toISOString());
  const [skip, previousSkip] = await Promise.all([
    weekEvidence(ctx, team, period, report!).then(leaderboardSkip),
    weekEvidence(ctx, team, previous, previousReport!).then(leaderboardSkip),
  ]);
  return { report: report!, ...(skip ? { skip } : {}), ...(previousSkip ? { previousSkip } : {}) };
}

/** The leaderboard of a week and whether it has anything behind it (see leaderboard-evidence.ts). */
export async function leaderboardOfWeek(
  ctx: CoreContext,
  team: Team,
  period: Period,
  now: Date,
  locale: Locale,
): Promise<LeaderboardOfWeek> {
  const ws = ctx.workspace();
  const { report, skip, previousSkip } = await weekAndBefore(ctx, team, period, now);
  const top = scheduleOf(team, 'leaderboard')?.top ?? team.rituals.leaderboard?.top ?? DEFAULT_TOP;
  const view = leaderboardView({
    ws,
    team,
    report,
    period,
    locale,
    top,
    reactions: await reactionsBefore(ctx, ws, team, period),
    // Movement only against a week that had a leaderboard of its own.
    previousRanked: previousSkip === undefined,
  });
  return { view, ...(skip ? { skip } : {}) };
}

export async function buildLeaderboard(
  ctx: CoreContext,
  team: Team,
  period: Period,
  now: Date,
  locale: Locale,
): Promise<LeaderboardView> {
  return (await leaderboardOfWeek(ctx, team, period, now, locale)).view;
}

/** The `leaderboard` command: the last completed week, or why it has no leaderboard. */
export async function lastLeaderboard(
  ctx: CoreContext,
  team: Team,
  now: Date,
  locale: Locale,
): Promise<LeaderboardView | NoticeView> {
  const ws = ctx.workspace();
  const period = previousPeriod(weekOf(ws, now, team.timezone), periodSettingsOf(ws));
  const { view, skip } = await leaderboardOfWeek(ctx, team, period, now, locale);
  return skip
    ? notice(locale, 'info', t(locale, `leaderboard.skipped.${skip}`, { period: view.periodLabel }), view.title)
    : view;
}

export async function deliverLeaderboard(ctx: CoreContext, occ: Occurrence, team: Team, now: Date): Promise<Delivery> {
  const ws = ctx.workspace();
  const period = resolvePeriod(ws, basePeriodKey(occ.periodKey));
  if (occ.memberId === null) {
    const { view, skip } = await leaderboardOfWeek(ctx, team, period, now, team.locale);
    if (skip) return { items: [], outcome: { status: 'skipped', reason: skip } };
    const item = outboxItem(ctx, { kind: 'channel', teamId: team.id }, view, `occ:${occ.key}`);
    if (!item) return { items: [], outcome: { status: 'skipped', reason: 'no_channel' } };
    return { items: [item] };
  }
  const member = memberOf(team, occ.memberId);
  if (!member) return { items: [], outcome: { status: 'skipped', reason: 'left_team' } };
  const { report, skip, previousSkip } = await weekAndBefore(ctx, team, period, now);
  if (skip) return { items: [], outcome: { status: 'skipped', reason: skip } };
  const view = myRankView({
    ws,
    report,
    period,
    memberId: member.id,
    locale: localeOf(member, team),
    previousRanked: previousSkip === undefined,
  });
  if (!view) return { items: [], outcome: { status: 'skipped', reason: 'not_ranked' } };
  const item = outboxItem(ctx, { kind: 'dm', memberId: member.id }, view, `occ:${occ.key}`);
  if (!item) return { items: [], outcome: { status: 'skipped', reason: 'unreachable' } };
  return { items: [item] };
}
