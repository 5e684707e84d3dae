// Installation and conversation bookkeeping: every inbound activity refreshes the stored reference of its
// conversation (Teams may move a tenant to another serviceUrl); an install in a team also reads the
// channels (to find the config's channel) and the roster (so members can get a 1:1 chat without having
// installed the app themselves); an uninstall marks the references dead so sends stop at once. An
// install is followed by its welcome (welcome.ts).
import { type Activity, type ConversationReference, TeamsInfo, TurnContext } from 'botbuilder';
import type { Workspace } from '../core/domain/model.js';
import type { Clock } from '../core/ports/index.js';
import type { Logger } from '../logging/logger.js';
import { baseConversationId, type ConversationRefs, type TeamsRefEntry } from './conversation-refs.js';
import type { Identity, IdentityResolver } from './identity.js';
import type { Welcomes } from './welcome.js';

export interface InstallDeps {
  readonly refs: ConversationRefs;
  readonly identity: IdentityResolver;
  readonly workspace: () => Workspace;
  readonly clock: Clock;
  readonly log: Logger;
  readonly welcomes?: Welcomes;
}

interface TeamsChannelData {
  readonly team?: { readonly id?: string };
  readonly channel?: { readonly id?: string };
  readonly tenant?: { readonly id?: string };
  readonly eventType?: string;
}

const MAX_ROSTER_PAGES = 20;

export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

/** The reference to write to this conversation later (not as a reply to this activity). */
export function proactiveReference(activity: Activity, conversationId?: string): Partial<ConversationReference> {
  const ref = TurnContext.getConversationReference(activity);
  delete ref.activityId;
  if (conversationId && ref.conversation) ref.conversation = { ...ref.conversation, id: conversationId };
  return ref;
}

export function createInstallHandler(deps: InstallDeps) {
  const at = () => deps.clock.now().toISOString();

  /** The workspace team whose `channels.teams` is one of these ids. */
  function teamFor(ids: readonly (string | undefined)[]): string | undefined {
    const wanted = new Set(ids.filter((x): x is string => !!x).map(baseConversationId));
    return deps.workspace().teams.find((t) => t.channels.teams && wanted.has(baseConversationId(t.channels.teams)))?.id;
  }

  async function save(key: string, entry: TeamsRefEntry, link: { memberId?: string | null; teamId?: string | null }) {
    try {
      await deps.refs.save(key, entry, { ...link, at: at() });
    } catch (err) {
      deps.log.error({ key, err: (err as Error).message }, 'teams: could not store a conversation reference');
    }
  }

  /** Stores (or refreshes, reviving a dead one) the reference of the activity's conversation; returns the workspace team a channel is linked to. */
  async function remember(ctx: TurnContext, memberId?: string): Promise<string | undefined> {
    const a = ctx.activity;
    const cd = channelDataOf(a);
    const tenantId = a.conversation.tenantId ?? cd.tenant?.id;
    const type = a.conversation.conversationType ?? 'personal';
    if (type === 'personal') {
      const aad = a.from.aadObjectId;
      if (!aad) return;
      await save(
        aad,
        { kind: 'personal', ref: proactiveReference(a), userId: a.from.id, aadObjectId: aad, tenantId },
        memberId ? { memberId } : {},
      );
      return;
    }
    if (type === 'channel') {
      const channelId = baseConversationId(cd.channel?.id ?? a.conversation.id);
      const teamId = teamFor([channelId, cd.team?.id]);
      await save(
        channelId,
        { kind: 'channel', ref: proactiveReference(a, channelId), teamsTeamId: cd.team?.id, tenantId },
        teamId ? { teamId } : {},
      );
      return teamId;
    }
    const teamId = teamFor([a.conversation.id]);
    await save(
      a.conversation.id,
      { kind: 'groupChat', ref: proactiveReference(a), tenantId },
      teamId ? { teamId } : {},
    );
    return undefined;
  }

  /**
   * After an install in a team: the configured channel (if it is another channel of this team) and the
   * roster. Returns the workspace teams whose configured channel is in this team.
   */
  async function learnTeam(ctx: TurnContext): Promise<string[]> {
    const a = ctx.activity;
    const cd = channelDataOf(a);
    const teamsTeamId = cd.team?.id;
    const linked: string[] = [];
    if (!teamsTeamId) return linked;
    const tenantId = a.conversation.tenantId ?? cd.tenant?.id;
    try {
      const channels = await TeamsInfo.getTeamChannels(ctx, teamsTeamId);
      for (const team of deps.workspace().teams) {
        const wanted = team.channels.teams ? baseConversationId(team.channels.teams) : undefined;
        if (!wanted || !channels.some((c) => c.id === wanted)) continue;
        await save(
          wanted,
          { kind: 'channel', ref: proactiveReference(a, wanted), teamsTeamId, tenantId },
          { teamId: team.id },
        );
        linked.push(team.id);
        deps.log.info({ team: team.id }, 'teams: configured channel found in the installed team');
      }
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'teams: could not list the team channels');
    }
    let token: string | undefined;
    let mapped = 0;
    let seen = 0;
    try {
      for (let page = 0; page < MAX_ROSTER_PAGES; page++) {
        const res = await TeamsInfo.getPagedMembers(ctx, 100, token);
        for (const m of res.members ?? []) {
          seen += 1;
          if (
            await rememberRosterUser(
              a,
              {
                id: m.id,
                name: m.name,
                aadObjectId: m.aadObjectId,
                email: m.email ?? undefined,
                upn: m.userPrincipalName ?? undefined,
              },
              tenantId,
            )
          )
            mapped += 1;
        }
        token = res.continuationToken ?? undefined;
        if (!token) break;
      }
    } catch (err) {
      deps.log.warn({ err: (err as Error).message }, 'teams: could not read the team roster');
    }
    deps.log.info({ seen, mapped }, 'teams: team roster read');
    return linked;
  }

  /** The bot was added to a team: read it, then welcome each linked workspace team in its channel. */
  async function installedInTeam(ctx: TurnContext, who: Identity): Promise<void> {
    const here = await remember(ctx, who.member?.memberId);
    const linked = await learnTeam(ctx);
    if (here) linked.push(here);
    if (linked.length === 0)
      deps.log.info(
        { teamsTeam: channelDataOf(ctx.activity).team?.id },
        'teams: installed in a team whose channels the workspace config does not name; no welcome posted',
      );
    await deps.welcomes?.channel(linked);
  }

  /** A user of a team's roster: enough to open a 1:1 chat later. Returns true when mapped to a member. */
  async function rememberRosterUser(
    a: Activity,
    m: { id: string; name?: string; aadObjectId?: string; email?: string; upn?: string },
    tenantId: string | undefined,
    lookupIn?: TurnContext,
  ): Promise<boolean> {
    if (!m.aadObjectId) return false;
    const { member, profile } = await deps.identity.resolveRosterEntry(m, lookupIn);
    const existing = await deps.refs.get(m.aadObjectId);
    if (existing?.entry.kind === 'personal' && !existing.entry.dead) {
      if (member && !existing.memberId) await save(m.aadObjectId, existing.entry, { memberId: member.memberId });
      return member !== undefined;
    }
    // Someone the config does not know is kept reachable (a later config may name them by Teams id) but
    // without their name, email or UPN: nothing personal is stored about people who are not members.
    const ref: Partial<ConversationReference> = {
      channelId: a.channelId,
      serviceUrl: a.serviceUrl,
      bot: a.recipient,
      user: { id: m.id, name: member ? (m.name ?? '') : '', aadObjectId: m.aadObjectId },
    };
    await save(
      m.aadObjectId,
      member
        ? {
            kind: 'roster',
            ref,
            userId: m.id,
            aadObjectId: m.aadObjectId,
            email: profile.email,
            upn: profile.upn,
            tenantId,
          }
        : { kind: 'roster', ref, userId: m.id, aadObjectId: m.aadObjectId, tenantId },
      member ? { memberId: member.memberId } : {},
    );
    return member !== undefined;
  }

  /** Uninstalled or removed: no more sends to this conversation (or to any channel of this team). */
  async function forget(ctx: TurnContext, reason: string): Promise<void> {
    const a = ctx.activity;
    const cd = channelDataOf(a);
    const type = a.conversation.conversationType ?? 'personal';
    const keys: string[] = [];
    if (type === 'personal' && a.from.aadObjectId) keys.push(a.from.aadObjectId);
    else if (type === 'channel') {
      const teamsTeamId = cd.team?.id;
      for (const r of await deps.refs.list())
        if (r.entry.kind === 'channel' && teamsTeamId && r.entry.teamsTeamId === teamsTeamId) keys.push(r.key);
      keys.push(baseConversationId(cd.channel?.id ?? a.conversation.id));
    } else keys.push(a.conversation.id);
    let marked = 0;
    for (const key of new Set(keys)) if (await deps.refs.markDead(key, reason, at())) marked += 1;
    deps.log.warn(
      { conversationType: type, references: marked, reason },
      'teams: bot removed; references marked dead, sends there will be parked for the admins',
    );
  }

  return {
    remember,

    async onInstallationUpdate(ctx: TurnContext, who: Identity): Promise<void> {
      const action = String(ctx.activity.action ?? '');
      if (action.startsWith('remove')) return forget(ctx, 'uninstalled');
      const type = ctx.activity.conversation.conversationType ?? 'personal';
      if (type === 'channel') await installedInTeam(ctx, who);
      else {
        await remember(ctx, who.member?.memberId);
        // An upgrade of the app is no new arrival.
        if (type === 'personal' && action === 'add') await deps.welcomes?.personal(ctx, who, { stranger: true });
      }
      deps.log.info(
        { conversationType: ctx.activity.conversation.conversationType ?? 'personal', action },
        'teams: app installed',
      );
    },

    async onConversationUpdate(ctx: TurnContext, who: Identity): Promise<void> {
      const a = ctx.activity;
      const botId = a.recipient.id;
      if ((a.membersRemoved ?? []).some((m) => m.id === botId)) return forget(ctx, 'bot removed from the conversation');
      const added = a.membersAdded ?? [];
      if (added.some((m) => m.id === botId)) {
        const type = a.conversation.conversationType ?? 'personal';
        if (type === 'channel') return installedInTeam(ctx, who);
        await remember(ctx, who.member?.memberId);
        // The installationUpdate of the same install answers a stranger; a member's welcome is keyed.
        if (type === 'personal') await deps.welcomes?.personal(ctx, who, { stranger: false });
        return;
      }
      // New people in a team the bot is in: remember them for 1:1 chats. `teamMemberAdded` carries no
      // email or UPN, so each is looked up in the team's roster.
      if (a.conversation.conversationType === 'channel') {
        const tenantId = a.conversation.tenantId ?? channelDataOf(a).tenant?.id;
        for (const m of added)
          await rememberRosterUser(a, { id: m.id, name: m.name, aadObjectId: m.aadObjectId }, tenantId, ctx);
      }
    },
  };
}

export type InstallHandler = ReturnType<typeof createInstallHandler>;
