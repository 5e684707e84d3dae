// Use case: who is talking to the bot. Found by the config's platform ids (Slack user id, Teams AAD id,
// sandbox member id), then by email, then by identities learnt at runtime (a Teams UPN); the language is
// the member's own, else the platform's when it is English or French, else the team's.
import type { Member, Workspace } from '../domain/model.js';
import { pickLocale } from '../i18n/index.js';
import type { IdentityQuery, MemberContext } from '../service.js';
import type { CoreContext } from './deps.js';
import { findMember, isManagerOf, teamsOf, zoneOf } from './team-lookup.js';

interface IdentityIndex {
  readonly slack: ReadonlyMap<string, Member>;
  readonly teams: ReadonlyMap<string, Member>;
  readonly sandbox: ReadonlyMap<string, Member>;
  /** Lower-cased email -> member. */
  readonly email: ReadonlyMap<string, Member>;
}

// Every interaction resolves its user: an index per workspace object (never changed in place) instead of
// a scan of every member per request. The first member listed wins, as a scan in config order would.
const indexes = new WeakMap<Workspace, IdentityIndex>();

function identityIndex(ws: Workspace): IdentityIndex {
  let index = indexes.get(ws);
  if (!index) {
    const slack = new Map<string, Member>();
    const teams = new Map<string, Member>();
    const sandbox = new Map<string, Member>();
    const email = new Map<string, Member>();
    const first = (map: Map<string, Member>, key: string | undefined, m: Member) => {
      if (key !== undefined && !map.has(key)) map.set(key, m);
    };
    for (const team of ws.teams) {
      for (const m of team.members) {
        first(sandbox, m.id, m);
        first(slack, m.ids.slack, m);
        first(teams, m.ids.teams, m);
        first(email, m.ids.email?.toLowerCase(), m);
      }
    }
    index = { slack, teams, sandbox, email };
    indexes.set(ws, index);
  }
  return index;
}

function byConfig(ctx: CoreContext, q: IdentityQuery): Member | undefined {
  const index = identityIndex(ctx.workspace());
  if (q.userId !== undefined) {
    const hit = index[q.platform].get(q.userId);
    if (hit) return hit;
  }
  if (q.email) return index.email.get(q.email.trim().toLowerCase());
  return undefined;
}

async function byStore(ctx: CoreContext, q: IdentityQuery): Promise<string | undefined> {
  const repo = ctx.repos.workspace;
  if (q.userId !== undefined && q.platform !== 'sandbox') {
    const hit = await repo.findMemberByIdentity(q.platform, q.userId);
    if (hit) return hit.id;
  }
  if (q.email) {
    const hit = (await repo.findMemberByIdentity('email', q.email)) ?? (await repo.findMemberByIdentity('upn', q.email));
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
