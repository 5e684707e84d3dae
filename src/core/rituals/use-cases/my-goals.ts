// Use case: "where do I stand?" — the member's objectives now (each in its own period), their rank, when
// the next check-in comes, and for managers their team's stand-up summary.

import { localDateOf } from '../../domain/zoned-time.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import { openButton } from '../../view-builders/checkin-views.js';
import { periodLabel } from '../../view-builders/labels.js';
import type { MyGoalsView } from '../../view-models.js';
import type { Actor } from '../actor.js';
import { reportsOf, scoped } from '../call-scope.js';
import type { CoreContext } from '../deps.js';
import { defaultCheckInPeriod, memberCheckinZone } from '../engine/checkin-window.js';
import { memberStanding } from '../queries/member-objectives.js';
import { checkinKpisOf, isManagerOf, scheduleOf } from '../queries/team-lookup.js';
import { buildStandup } from './standup-summary.js';

export async function myGoals(base: CoreContext, actor: Actor): Promise<MyGoalsView> {
  // The member's standing and a manager's stand-up share one set of team reports.
  const ctx = base.memo ? base : scoped(base);
  const ws = ctx.workspace();
  const now = ctx.clock.now();
  const { member, team, locale } = actor;
  const standing = await memberStanding(reportsOf(ctx), team, member, now, locale);
  const title = t(locale, 'goals.title', { name: member.name });
  const asOfLabel = t(locale, 'report.asOf', { date: formatDate(locale, localDateOf(now.toISOString(), actor.zone)) });
  // The same ranking as the `leaderboard` command: the last completed week.
  const rankText =
    standing.rank !== null && standing.rankPeriod
      ? t(locale, 'goals.rank', {
          rank: standing.rank,
          total: standing.ranked,
          period: periodLabel(locale, standing.rankPeriod),
        })
      : undefined;
  const asksCheckIn = checkinKpisOf(ws, member).length > 0;
  const schedule = scheduleOf(team, 'checkin');
  const zone = memberCheckinZone(team, member);
  const next = asksCheckIn && schedule ? ctx.cron.nextFire(schedule.cron, zone, now) : null;
  const nextRitualText = next
    ? t(locale, 'goals.nextCheckin', { when: formatDateTime(locale, next.toISOString(), zone) })
    : undefined;
  const managed = actor.teams.find((x) => isManagerOf(x, member.id));
  const teamView = managed ? await buildStandup(ctx, managed, now, locale) : undefined;
  // Once this week's check-in is answered, the button edits it instead of asking for it.
  const checkinKey = asksCheckIn ? defaultCheckInPeriod(ws, ctx.cron, team, member, now).key : undefined;
  const answered = checkinKey ? await ctx.repos.checkIns.latestFor(member.id, checkinKey) : undefined;
  const summary = standing.lines.length
    ? standing.lines.map((l) => `${l.label}: ${l.actualText} / ${l.targetText}`).join(' · ')
    : t(locale, 'goals.none');
  return {
    type: 'my_goals',
    locale,
    text: `${title} — ${summary}`,
    title,
    periodLabel: asOfLabel,
    lines: standing.lines,
    ...(rankText ? { rankText } : {}),
    ...(nextRitualText ? { nextRitualText } : {}),
    ...(teamView ? { team: teamView } : {}),
    actions: checkinKey
      ? [openButton(locale, checkinKey, answered ? 'checkin.action.edit' : 'checkin.action.open')]
      : [],
  };
}
