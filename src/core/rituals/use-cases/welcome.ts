// Use case: the welcome when the app is installed. A member learns what the bot will do for them and
// when (their next check-in in their own zone, their team's next leaderboard); a team's channel learns
// what it will see there (leaderboard, collective progress, reviews, each with its next date); someone
// the config does not know learns how to be added. Dates come from the same cron arithmetic the
// scheduler uses, so the welcome never promises a time the engine will not keep.
import type { Locale, RitualId, Team } from '../../domain/model.js';
import { formatWeekdayTime } from '../../i18n/format.js';
import { t } from '../../i18n/index.js';
import type { WelcomeTarget } from '../../service.js';
import { notice } from '../../view-builders/notice.js';
import type { NoticeView } from '../../view-models.js';
import type { CoreContext } from '../deps.js';
import { memberCheckinZone } from '../engine/checkin-window.js';
import { planReview } from '../engine/review-schedule.js';
import { checkinKpisOf, findMember, findTeam, isManagerOf, nameOf, scheduleOf } from '../queries/team-lookup.js';

/** The next time `ritual` runs for `team` (a review moved off a holiday as the engine moves it), with its zone. */
function nextRun(ctx: CoreContext, team: Team, ritual: RitualId): { at: Date; zone: string } | undefined {
  const schedule = scheduleOf(team, ritual);
  if (!schedule) return undefined;
  const zone = schedule.timezone ?? team.timezone;
  const at = ctx.cron.nextFire(schedule.cron, zone, ctx.clock.now());
  if (!at) return undefined;
  if (ritual !== 'monthly_review' && ritual !== 'qbr') return { at, zone };
  const [planned] = planReview(ctx, team, { ritual, at, zone }, ritual, ritual === 'qbr' ? 'quarter' : 'month');
  return { at: planned?.dueAt ?? at, zone };
}

const when = (locale: Locale, run: { at: Date; zone: string }) =>
  formatWeekdayTime(locale, run.at.toISOString(), run.zone);

function memberWelcome(ctx: CoreContext, memberId: string, platformLocale: Locale | undefined): NoticeView | undefined {
  const ws = ctx.workspace();
  const found = findMember(ws, memberId);
  if (!found) return undefined;
  const { member, team } = found;
  const locale = member.locale ?? platformLocale ?? team.locale;
  const lines = [t(locale, 'welcome.intro', { team: team.name })];
  const kpis = checkinKpisOf(ws, member);
  const checkin = scheduleOf(team, 'checkin');
  if (kpis.length > 0 && checkin) {
    const zone = memberCheckinZone(team, member);
    const at = ctx.cron.nextFire(checkin.cron, zone, ctx.clock.now());
    const labels = kpis.map((k) => ws.kpis[k]!.label[locale]).join(', ');
    if (at) lines.push(t(locale, 'welcome.checkin', { kpis: labels, when: when(locale, { at, zone }), zone }));
  }
  const board = nextRun(ctx, team, 'leaderboard');
  if (board)
    lines.push(t(locale, 'welcome.leaderboard', { team: team.name, when: when(locale, board), zone: board.zone }));
  if (isManagerOf(team, member.id)) lines.push(t(locale, 'welcome.manager', { team: team.name }));
  lines.push(t(locale, 'welcome.commands'));
  return notice(locale, 'info', lines.join('\n'), t(locale, 'welcome.title', { name: member.name }));
}

function channelWelcome(ctx: CoreContext, teamId: string): NoticeView | undefined {
  const ws = ctx.workspace();
  const team = findTeam(ws, teamId);
  if (!team) return undefined;
  const locale = team.locale;
  const lines = [t(locale, 'welcome.channelIntro')];
  const posts = [
    ['leaderboard', 'welcome.channelLeaderboard'],
    ['progress', 'welcome.channelProgress'],
    ['monthly_review', 'welcome.channelReview'],
    ['qbr', 'welcome.channelQbr'],
  ] as const;
  for (const [ritual, key] of posts) {
    const run = nextRun(ctx, team, ritual);
    if (run) lines.push(t(locale, key, { when: when(locale, run) }));
  }
  const managers = team.managers.map((id) => nameOf(ws, id)).join(', ');
  lines.push(t(locale, 'welcome.channelDms'));
  if (managers) lines.push(t(locale, 'welcome.channelJoin', { managers }));
  return notice(locale, 'info', lines.join('\n'), t(locale, 'welcome.channelTitle', { team: team.name }));
}

function strangerWelcome(locale: Locale, id: string | undefined): NoticeView {
  const body = [
    t(locale, 'error.notAMember'),
    id ? t(locale, 'welcome.strangerId', { id }) : t(locale, 'welcome.strangerEmail'),
  ].join('\n');
  return notice(locale, 'info', body, t(locale, 'welcome.strangerTitle'));
}

/** The welcome for `target`; undefined for a member or team the config no longer has. */
export function welcome(ctx: CoreContext, target: WelcomeTarget): NoticeView | undefined {
  switch (target.kind) {
    case 'member':
      return memberWelcome(ctx, target.memberId, target.locale);
    case 'channel':
      return channelWelcome(ctx, target.teamId);
    case 'stranger':
      return strangerWelcome(target.locale, target.platformId);
  }
}
