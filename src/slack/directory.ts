// Who is who on Slack: a member's Slack user id (the config's id, else users.lookupByEmail on the
// config's email), the DM channel with a user (conversations.open), a team's channel, and a user's
// profile (email, locale, time zone from users.info). Lookups are cached in bounded memory. Each call
// carries the bot token of the workspace concerned (workspace-tokens.ts); without one the app is not
// installed there and a NoInstallationError says so.
import type { webApi } from '@slack/bolt';
import type { Member, Team, Workspace } from '../core/domain/model.js';
import type { Destination } from '../core/ports/index.js';
import { findMember, findTeam } from '../core/rituals/queries/team-lookup.js';
import { BoundedCache } from './bounded-cache.js';
import type { WorkspaceTokens } from './workspace-tokens.js';

export interface SlackProfile {
  readonly email?: string;
  /** e.g. `fr-FR`, from users.info with include_locale. */
  readonly locale?: string;
  /** IANA zone, e.g. `Europe/Paris`. */
  readonly timezone?: string;
  readonly isBot: boolean;
}

/** The app is not installed in the Slack workspace of this member or channel (multi-workspace install). */
export class NoInstallationError extends Error {
  readonly code = 'rituals_no_installation';
  constructor() {
    super('the app is not installed in this Slack workspace');
    this.name = 'NoInstallationError';
  }
}

export type UserIdLookup =
  | { readonly ok: true; readonly userId: string }
  | { readonly ok: false; readonly code: 'unknown_member' | 'no_slack_identity' };

const HOUR = 3_600_000;

export class SlackDirectory {
  private readonly byEmail = new BoundedCache<string, string>(5_000, 24 * HOUR);
  // The DM channel between the bot and a user never changes: kept for a month, for up to 20,000 users,
  // so a weekly fan-out opens each DM once (conversations.open is Tier 3, about 50 calls a minute; its
  // 429s are honoured by the outbox like any other).
  private readonly dms = new BoundedCache<string, string>(20_000, 30 * 24 * HOUR);
  private readonly profiles = new BoundedCache<string, SlackProfile>(5_000, HOUR);

  constructor(
    private readonly client: webApi.WebClient,
    private readonly workspace: () => Workspace,
    private readonly tokens: WorkspaceTokens,
  ) {}

  /** The `token` argument of a call for the workspace `slackTeam`; throws NoInstallationError. */
  async auth(slackTeam: string | undefined): Promise<{ token: string }> {
    const token = await this.tokens.tokenFor(slackTeam);
    if (!token) throw new NoInstallationError();
    return { token };
  }

  /** The Slack workspace a destination lives in, when the config says (member's own, else its team's). */
  slackTeamOf(destination: Destination): string | undefined {
    if (destination.kind === 'channel') return this.team(destination.teamId)?.channels.slackTeam;
    const found = this.member(destination.memberId);
    return found?.member.ids.slackTeam ?? found?.team.channels.slackTeam;
  }

  // Indexed look-ups: every send of a fan-out asks for its member.
  member(memberId: string): { member: Member; team: Team } | undefined {
    return findMember(this.workspace(), memberId);
  }

  team(teamId: string): Team | undefined {
    return findTeam(this.workspace(), teamId);
  }

  /** The team's Slack channel id from the config. */
  channelOf(teamId: string): string | undefined {
    return this.team(teamId)?.channels.slack;
  }

  /** Throws the Web API error when Slack fails (the caller maps it); users_not_found included. */
  async userIdOf(memberId: string): Promise<UserIdLookup> {
    const found = this.member(memberId);
    if (!found) return { ok: false, code: 'unknown_member' };
    const { ids } = found.member;
    if (ids.slack) return { ok: true, userId: ids.slack };
    if (!ids.email) return { ok: false, code: 'no_slack_identity' };
    const email = ids.email.toLowerCase();
    const cached = this.byEmail.get(email);
    if (cached) return { ok: true, userId: cached };
    const res = await this.client.users.lookupByEmail({
      email: ids.email,
      ...(await this.auth(ids.slackTeam ?? found.team.channels.slackTeam)),
    });
    const userId = res.user?.id;
    if (!userId) return { ok: false, code: 'no_slack_identity' };
    this.byEmail.set(email, userId);
    return { ok: true, userId };
  }

  /** The DM channel (D...) between the bot and a user; throws the Web API error when Slack fails. */
  async dmChannelOf(userId: string, slackTeam?: string): Promise<string> {
    const cached = this.dms.get(userId);
    if (cached) return cached;
    const res = await this.client.conversations.open({ users: userId, ...(await this.auth(slackTeam)) });
    const channel = res.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    this.dms.set(userId, channel);
    return channel;
  }

  /** users.info, cached for an hour; undefined when Slack cannot tell (the member is then matched by id only). */
  async profile(userId: string): Promise<SlackProfile | undefined> {
    const cached = this.profiles.get(userId);
    if (cached) return cached;
    try {
      const res = await this.client.users.info({ user: userId, include_locale: true, ...(await this.auth(undefined)) });
      const u = res.user;
      if (!u) return undefined;
      const profile: SlackProfile = {
        email: u.profile?.email || undefined,
        locale: u.locale || undefined,
        timezone: u.tz || undefined,
        isBot: u.is_bot === true,
      };
      this.profiles.set(userId, profile);
      return profile;
    } catch {
      return undefined;
    }
  }

  /** The user's Slack id is known for this member (learnt from an email lookup or an interaction). */
  remember(email: string, userId: string): void {
    this.byEmail.set(email.toLowerCase(), userId);
  }
}

/**
 * Whether Slack can reach a destination with this config: a member with a Slack id or an email, a team
 * with a Slack channel. The composition root uses it for the core's `platformFor`.
 */
export function slackCanReach(workspace: Workspace, destination: Destination): boolean {
  // Indexed look-ups: a fan-out asks this once per member.
  if (destination.kind === 'channel') return !!findTeam(workspace, destination.teamId)?.channels.slack;
  const member = findMember(workspace, destination.memberId)?.member;
  return !!(member?.ids.slack || member?.ids.email);
}
