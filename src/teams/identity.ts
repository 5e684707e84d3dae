// Who is talking to the bot: a Teams user (AAD object id, plus UPN / email when Teams tells them) mapped
// to a workspace member, by the config's Teams id first, then by UPN or email. A UPN that found a member
// is remembered in the store so the next look-up is direct.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Locale } from '../core/domain/model.js';
import type { WorkspaceRepo } from '../core/ports.js';
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

interface Profile {
  readonly email?: string;
  readonly upn?: string;
}

export function createIdentityResolver(deps: IdentityDeps) {
  // AAD id -> profile fetched from Teams (or learnt from a roster), so a stranger costs one roster call.
  const profiles = new Map<string, Profile>();

  async function profileOf(ctx: TurnContext, aad: string): Promise<Profile> {
    const known = profiles.get(aad);
    if (known) return known;
    const stored = (await deps.refs.get(aad))?.entry;
    if (stored?.email || stored?.upn) return remember(aad, { email: stored.email, upn: stored.upn });
    try {
      const m = await TeamsInfo.getMember(ctx, ctx.activity.from.id);
      return remember(aad, { email: m.email ?? undefined, upn: m.userPrincipalName ?? undefined });
    } catch (err) {
      deps.log.debug({ err: (err as Error).message }, 'teams: member profile not available');
      return remember(aad, {});
    }
  }

  function remember(aad: string, p: Profile): Profile {
    profiles.set(aad, p);
    return p;
  }

  /** A member by AAD id, else by UPN / email (learning the UPN on success). */
  async function lookup(aad: string | undefined, userId: string, platformLocale: string | undefined, profile: () => Promise<Profile>) {
    const direct = await deps.service.resolveMember({ platform: 'teams', userId: aad ?? userId, platformLocale });
    if (direct || !aad) return direct;
    const p = await profile();
    for (const email of [p.upn, p.email]) {
      if (!email) continue;
      const m = await deps.service.resolveMember({ platform: 'teams', userId: aad, email, platformLocale });
      if (m) {
        if (p.upn) await deps.workspace.setIdentity(m.memberId, 'upn', p.upn);
        deps.log.info({ member: m.memberId }, 'teams: user mapped to a member by UPN / email');
        return m;
      }
    }
    return undefined;
  }

  return {
    async resolve(ctx: TurnContext): Promise<Identity> {
      const from = ctx.activity.from;
      const aad = from.aadObjectId ?? undefined;
      const member = await lookup(aad, from.id, ctx.activity.locale, () => (aad ? profileOf(ctx, aad) : Promise.resolve({})));
      return {
        member,
        userId: aad ?? from.id,
        aadObjectId: aad,
        locale: member?.locale ?? deps.service.fallbackLocale(ctx.activity.locale),
      };
    },

    /** For roster entries seen at install: maps without a turn of that user. */
    async resolveRosterEntry(entry: { aadObjectId?: string; id: string; email?: string; upn?: string }) {
      if (entry.aadObjectId) remember(entry.aadObjectId, { email: entry.email, upn: entry.upn });
      return lookup(entry.aadObjectId, entry.id, undefined, async () => ({ email: entry.email, upn: entry.upn }));
    },
  };
}

export type IdentityResolver = ReturnType<typeof createIdentityResolver>;
