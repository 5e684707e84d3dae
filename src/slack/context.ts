// What every Slack listener shares: the core service, the directory, the logger, and what was already
// handled (view submissions, see dedupe.ts). Also who the Slack user is for the core (member and locale).
import type { Locale } from '../core/domain/model.js';
import type { MemberContext, RitualsService } from '../core/service.js';
import type { NoticeView } from '../core/view-models.js';
import type { CheckInFollowUp } from './check-in-follow-up.js';
import type { SlackDedupe } from './dedupe.js';
import type { SlackDirectory } from './directory.js';
import type { SlackLog } from './log.js';

export interface SlackContext {
  readonly service: RitualsService;
  readonly directory: SlackDirectory;
  readonly log: SlackLog;
  /** Submissions already applied (view id + hash), here or by another replica: a replay is acknowledged and changes nothing. */
  readonly dedupe: SlackDedupe;
  /**
   * Where the work after a check-in's ack goes (the confirmation and the Home tab): the background
   * thread in platform mode; absent, it runs right after the ack (check-in-follow-up.ts).
   */
  readonly followUps?: (job: CheckInFollowUp) => void;
}

export interface SlackUser {
  readonly userId: string;
  readonly member?: MemberContext;
  /** The language to answer in: the member's, else the Slack profile's if we speak it, else the default. */
  readonly locale: Locale;
}

/** For someone the config does not know: how to be added, with the Slack member id an admin writes. */
export function strangerNotice(ctx: SlackContext, who: SlackUser): NoticeView {
  return (
    ctx.service.welcome({ kind: 'stranger', locale: who.locale, platformId: who.userId }) ??
    ctx.service.notAMember(who.locale)
  );
}

/**
 * Maps a Slack user to a member: by the config's Slack id first, with no call to Slack (the config
 * already says who they are, their language and time zone); only a user the config does not map by id
 * costs a users.info (email to match the config's, Slack locale, bot flag).
 */
export async function identify(ctx: SlackContext, userId: string): Promise<SlackUser> {
  const mapped = await ctx.service.resolveMember({ platform: 'slack', userId });
  if (mapped) return { userId, member: mapped, locale: mapped.locale };
  const profile = await ctx.directory.profile(userId);
  const member = profile?.isBot
    ? undefined
    : await ctx.service.resolveMember({
        platform: 'slack',
        userId,
        email: profile?.email,
        platformLocale: profile?.locale,
      });
  if (member && profile?.email) ctx.directory.remember(profile.email, userId);
  return { userId, member, locale: member?.locale ?? ctx.service.fallbackLocale(profile?.locale) };
}
