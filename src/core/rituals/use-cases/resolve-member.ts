// Use case: who is talking to the bot. Found by the config's platform ids (Slack user id, Teams AAD id,
// sandbox member id), then by email, then by identities learnt at runtime (a Teams UPN); the language is
// the member's own, else the platform's when it is English or French, else the team's.
import type { Member } from '../../domain/model.js';
import { pickLocale } from '../../i18n/index.js';
import type { IdentityQuery, MemberContext } from '../../service.js';
import type { CoreContext } from '../deps.js';
import { findMember, isManagerOf, memberByEmail, memberByPlatformId, teamsOf, zoneOf } from '../queries/team-lookup.js';

function byConfig(ctx: CoreContext, q: IdentityQuery): Member | undefined {
  const ws = ctx.workspace();
  if (q.userId !== undefined) {
    const hit = memberByPlatformId(ws, q.platform, q.userId);
    if (hit) return hit;
  }
  return q.email ? memberByEmail(ws, q.email) : undefined;
}

async function byStore(ctx: CoreContext, q: IdentityQuery): Promise<string | undefined> {
  const repo = ctx.repos.workspace;
  if (q.userId !== undefined && q.platform !== 'sandbox') {
    const hit = await repo.findMemberByIdentity(q.platform, q.userId);
    if (hit) return hit.id;
  }
  if (q.email) {
    const hit =
      (await repo.findMemberByIdentity('email', q.email)) ?? (await repo.findMemberByIdentity('upn', q.email));
    if (hit) return hit.id;
  }
  return undefined;
}

export async function resolveMember(ctx: CoreContext, q: IdentityQuery): Promise<MemberContext | undefined> {
  const ws = ctx.workspace();
  const memberId = byConfig(ctx, q)?.id ?? (await byStore(ctx, q));
  const found = memberId === undefined ? undefined : findMember(ws, memberId);
  if (!found) return undefined;
  const { member, team } = found;
  const teams = teamsOf(ws, member.id);
  return {
    memberId: member.id,
    name: member.name,
    teamIds: teams.map((t) => t.id),
    ...(member.role !== undefined ? { roleId: member.role } : {}),
    locale: member.locale ?? pickLocale(q.platformLocale, team.locale),
    timezone: zoneOf(member, team),
    isManager: teams.some((t) => isManagerOf(t, member.id)),
  };
}
