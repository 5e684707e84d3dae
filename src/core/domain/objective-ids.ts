// The ids under which the store keeps the objectives of a workspace config (role objectives, member
// overrides, collective objectives), shared by the store's config sync and the core's effective
// workspace so both name the same row the same way. Two config entries with the same base id (the same
// KPI, period and segment twice in a role) get `#2`, `#3`... in config order.
import type { Member, Objective, PeriodKind, TargetOverride, Workspace } from './model.js';

export function segmentKey(segment: Objective['segment']): string {
  return segment
    ? `:${Object.entries(segment)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}`
    : '';
}

export function roleObjectiveBaseId(roleId: string, o: Objective): string {
  return `role:${roleId}:${o.kpi}:${o.per}${segmentKey(o.segment)}`;
}

/** The role objective an override refines: same KPI (and period when given), unsegmented first. */
export function overriddenObjective(ws: Workspace, member: Member, ov: TargetOverride): Objective | undefined {
  const roleObjectives = (member.role ? ws.roles[member.role]?.objectives : undefined) ?? [];
  const candidates = roleObjectives.filter((o) => o.kpi === ov.kpi && (ov.per === undefined || o.per === ov.per));
  return candidates.find((o) => !o.segment) ?? candidates[0];
}

/** The period an override is stated for: its own, else its objective's, else a month. */
export function overridePer(ws: Workspace, member: Member, ov: TargetOverride): PeriodKind {
  return ov.per ?? overriddenObjective(ws, member, ov)?.per ?? 'month';
}

export function memberObjectiveBaseId(memberId: string, ov: TargetOverride, per: PeriodKind): string {
  return `member:${memberId}:${ov.kpi}:${per}${ov.from ? `@${ov.from}` : ''}`;
}

export function teamObjectiveId(teamId: string, collectiveId: string): string {
  return `team:${teamId}:${collectiveId}`;
}

/** Gives each base id once: a repeated base gets `#2`, `#3`... */
export function idDeduper(): (base: string) => string {
  const seen = new Set<string>();
  return (base) => {
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}#${n}`;
    seen.add(id);
    return id;
  };
}

/** Config members by id (a member listed in two teams is defined by its first entry). */
export function uniqueMembers(ws: Workspace): Map<string, Member> {
  const out = new Map<string, Member>();
  for (const t of ws.teams) for (const m of t.members) if (!out.has(m.id)) out.set(m.id, m);
  return out;
}

export interface WorkspaceObjectiveIds {
  /** Role id -> the id of each of its objectives, in config order. */
  readonly roles: ReadonlyMap<string, readonly string[]>;
  /** Member id -> the id of each of their overrides, in config order. */
  readonly members: ReadonlyMap<string, readonly string[]>;
}

/** The store ids of every role objective and member override, in the order the config sync gives them. */
export function workspaceObjectiveIds(ws: Workspace): WorkspaceObjectiveIds {
  const unique = idDeduper();
  const roles = new Map<string, string[]>();
  for (const [roleId, role] of Object.entries(ws.roles))
    roles.set(
      roleId,
      role.objectives.map((o) => unique(roleObjectiveBaseId(roleId, o))),
    );
  const members = new Map<string, string[]>();
  for (const m of uniqueMembers(ws).values())
    members.set(
      m.id,
      m.overrides.map((ov) => unique(memberObjectiveBaseId(m.id, ov, overridePer(ws, m, ov)))),
    );
  return { roles, members };
}
