// Who is talking to the bot: a Teams user (AAD object id, plus UPN / email when Teams tells them) mapped
// to a workspace member, by the config's Teams id first, then by UPN or email. A UPN that found a member
// is remembered in the store so the next look-up is direct.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Locale } from '../core/domain/model.js';
import type { WorkspaceRepo } from '../core/ports/index.js';
import type { MemberContext, RitualsService } from '../core/service.js';
import type { Logger } from '../logging/logger.js';
import type { ConversationRefs } from './conversation-refs.js';

export interface Identity {
  readonly member?: MemberContext;
  /** The AAD object id, or the channel user id when Teams sent none. */
  readonly userId: string;
  readonly aadObjectId?: string;
  /** The member's locale, else what Teams reports, else the service's fallback. */
  readonly locale: Locale;
}

export interface IdentityDeps {
  readonly service: RitualsService;
  readonly refs: ConversationRefs;
  readonly workspace: WorkspaceRepo;
  readonly log: Logger;
}

export interface Profile {
  readonly email?: string;
  readonly upn?: string;
}

/** A user as a roster or a `membersAdded` list gives them (the latter carries no email or UPN). */
export interface RosterEntry extends Profile {
  readonly id: string;
  readonly aadObjectId?: string;
}

const known = (p: Profile | undefined): p is Profile => !!(p?.email || p?.upn);

export function createIdentityResolver(deps: IdentityDeps) {
  // AAD id -> profile fetched from Teams (or learnt from a roster), so a stranger costs one roster call.
  // Only a profile with an email or UPN is kept: an empty one (a `teamMemberAdded` entry, a failed
  // look-up) would hide the member until a restart.
  const profiles = new Map<string, Profile>();

  function remember(aad: string, p: Profile): Profile {
    if (known(p)) profiles.set(aad, { email: p.email, upn: p.upn });
    return p;
  }

  /** The user's email / UPN: given, cached, stored with their reference, else asked of the Bot Connector. */
  async function profileOf(
    ctx: TurnContext | undefined,
    aad: string,
    userId: string,
    given?: Profile,
  ): Promise<Profile> {
    if (known(given)) return remember(aad, given);
    const cached = profiles.get(aad);
    if (cached) return cached;
    const stored = (await deps.refs.get(aad))?.entry;
    if (known(stored)) return remember(aad, { email: stored.email, upn: stored.upn });
    if (!ctx) return {};
    try {
      // In a team this asks the team's roster, elsewhere the conversation's (GET .../members/{userId}).
      const m = await TeamsInfo.getMember(ctx, userId);
      return remember(aad, { email: m.email ?? undefined, upn: m.userPrincipalName ?? undefined });
    } catch (err) {
      deps.log.debug({ err: (err as Error).message }, 'teams: member profile not available');
      return {};
    }
  }

  /** A member by AAD id, else by UPN / email (learning the UPN on success). */
  async function lookup(
    aad: string | undefined,
    userId: string,
    platformLocale: string | undefined,
    profile: () => Promise<Profile>,
  ) {
    const direct = await deps.service.resolveMember({ platform: 'teams', userId: aad ?? userId, platformLocale });
    if (direct || !aad) return direct;
    const p = await profile();
    for (const email of [p.upn, p.email]) {
      if (!email) continue;
      const m = await deps.service.resolveMember({ platform: 'teams', userId: aad, email, platformLocale });
      if (!m) continue;
      // Matched on every turn of a member known by email: one quiet line, and the UPN written once.
      deps.log.debug({ member: m.memberId }, 'teams: user mapped to a member by UPN / email');
      if (p.upn && (await deps.workspace.findMemberByIdentity('upn', p.upn))?.id !== m.memberId) {
        await deps.workspace.setIdentity(m.memberId, 'upn', p.upn);
        deps.log.info({ member: m.memberId }, 'teams: UPN learnt for a member known by email');
      }
      return m;
    }
    return undefined;
  }

  return {
    async resolve(ctx: TurnContext): Promise<Identity> {
      const from = ctx.activity.from;
      const aad = from.aadObjectId ?? undefined;
      const member = await lookup(aad, from.id, ctx.activity.locale, () =>
        aad ? profileOf(ctx, aad, from.id) : Promise.resolve({}),
      );
      return {
        member,
        userId: aad ?? from.id,
        aadObjectId: aad,
        locale: member?.locale ?? deps.service.fallbackLocale(ctx.activity.locale),
      };
    },

    /**
     * For roster entries (a team's roster at install, or people added to a team): maps without a turn of
     * that user. An entry without email / UPN is looked up in the conversation of `ctx` when given.
     * Returns the member found and the profile learnt (to store with the entry).
     */
    async resolveRosterEntry(
      entry: RosterEntry,
      ctx?: TurnContext,
    ): Promise<{ member?: MemberContext; profile: Profile }> {
      const aad = entry.aadObjectId;
      let profile: Profile = { email: entry.email, upn: entry.upn };
      // Asked only when the AAD id alone finds nobody.
      const member = await lookup(
        aad,
        entry.id,
        undefined,
        async () => (profile = aad ? await profileOf(ctx, aad, entry.id, entry) : profile),
      );
      return { ...(member ? { member } : {}), profile };
    },
  };
}

export type IdentityResolver = ReturnType<typeof createIdentityResolver>;
