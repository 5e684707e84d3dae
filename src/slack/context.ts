// What every Slack listener shares: the core service, the directory, the logger, and the memory of
// handled view submissions. Also who the Slack user is for the core (member and locale).
import type { Locale } from '../core/domain/model.js';
import type { MemberContext, RitualsService } from '../core/service.js';
import type { BoundedCache } from './bounded-cache.js';
import type { SlackDirectory } from './directory.js';
import type { SlackLog } from './log.js';

export interface SlackContext {
  readonly service: RitualsService;
  readonly directory: SlackDirectory;
  readonly log: SlackLog;
  /** view.id + hash of submissions already applied: a replay is acknowledged and changes nothing. */
  readonly handledSubmissions: BoundedCache<string, true>;
}

export interface SlackUser {
  readonly userId: string;
  readonly member?: MemberContext;
  /** The language to answer in: the member's, else the Slack profile's if we speak it, else the default. */
  readonly locale: Locale;
}

/**
 * Maps a Slack user to a member by the config's Slack id, or by the email of their Slack profile.
 * A user known by id is answered without users.info (a slow Slack would hold a modal's answer past its
 * 3 s): the language is then the member's own, else the team's, as in the messages the bot sends them.
 * Only a user the config does not know by id needs the profile (its email, and its language).
 */
export async function identify(ctx: SlackContext, userId: string): Promise<SlackUser> {
  const known = await ctx.service.resolveMember({ platform: 'slack', userId });
  if (known) return { userId, member: known, locale: known.locale };
  const profile = await ctx.directory.profile(userId);
  const member = profile?.isBot
    ? undefined
    : await ctx.service.resolveMember({ platform: 'slack', userId, email: profile?.email, platformLocale: profile?.locale });
  if (member && profile?.email) ctx.directory.remember(profile.email, userId);
  return { userId, member, locale: member?.locale ?? ctx.service.fallbackLocale(profile?.locale) };
}
