// Finding teams and members in the workspace config, and what follows from it: a member's language,
// zone, teams and rights. Look-ups by id go through an index built once per workspace object: every
// interaction resolves its member, and scanning 5,000 members each time showed in the ack latency.
import type { Locale, Member, RitualId, RitualSchedule, Team, Workspace } from '../../domain/model.js';
import type { Platform } from '../../ports/index.js';

export interface MemberInTeam {
  readonly member: Member;
  /** The first team that lists the member: their home for language and zone. */
  readonly team: Team;
}

interface WorkspaceIndex {
  readonly teams: ReadonlyMap<string, Team>;
  /** Member id -> the member (as the first team lists them) and every team that lists them, in order. */
  readonly members: ReadonlyMap<string, { readonly found: MemberInTeam; readonly teams: Team[] }>;
  /** A platform user id (Slack user id, Teams AAD id) or a lower-cased email -> the first member with it. */
  readonly slack: ReadonlyMap<string, Member>;
  readonly teamsAad: ReadonlyMap<string, Member>;
  readonly email: ReadonlyMap<string, Member>;
}

// A workspace is never changed in place (a reload makes a new object): the index lives as long as it does.
const indexes = new WeakMap<Workspace, WorkspaceIndex>();

function indexOf(ws: Workspace): WorkspaceIndex {
  let index = indexes.get(ws);
  if (!index) {
    const teams = new Map<string, Team>();
    const members = new Map<string, { found: MemberInTeam; teams: Team[] }>();
    const slack = new Map<string, Member>();
    const teamsAad = new Map<string, Member>();
    const email = new Map<string, Member>();
    // The first member listed wins, as a scan in config order would.
    const first = (map: Map<string, Member>, key: string | undefined, m: Member) => {
      if (key !== undefined && !map.has(key)) map.set(key, m);
    };
    for (const team of ws.teams) {
      if (!teams.has(team.id)) teams.set(team.id, team);
      for (const member of team.members) {
        const entry = members.get(member.id);
        if (!entry) members.set(member.id, { found: { member, team }, teams: [team] });
        else if (entry.teams[entry.teams.length - 1] !== team) entry.teams.push(team);
        first(slack, member.ids.slack, member);
        first(teamsAad, member.ids.teams, member);
        first(email, member.ids.email?.toLowerCase(), member);
      }
    }
    index = { teams, members, slack, teamsAad, email };
    indexes.set(ws, index);
  }
  return index;
}

export function findTeam(ws: Workspace, teamId: string): Team | undefined {
  return indexOf(ws).teams.get(teamId);
}

export function findMember(ws: Workspace, memberId: string): MemberInTeam | undefined {
  return indexOf(ws).members.get(memberId)?.found;
}

/** The member a platform's user id names in the config (for the sandbox, the member id itself). */
export function memberByPlatformId(ws: Workspace, platform: Platform, userId: string): Member | undefined {
  const index = indexOf(ws);
  if (platform === 'sandbox') return index.members.get(userId)?.found.member;
  return (platform === 'slack' ? index.slack : index.teamsAad).get(userId);
}

/** The member with this email in the config (case-insensitive). */
export function memberByEmail(ws: Workspace, email: string): Member | undefined {
  return indexOf(ws).email.get(email.trim().toLowerCase());
}

export function teamsOf(ws: Workspace, memberId: string): Team[] {
  return [...(indexOf(ws).members.get(memberId)?.teams ?? [])];
}

export function memberOf(team: Team, memberId: string): Member | undefined {
  return team.members.find((m) => m.id === memberId);
}

export function isManagerOf(team: Team, memberId: string): boolean {
  return team.managers.includes(memberId);
}

export function localeOf(member: Member | undefined, team: Team): Locale {
  return member?.locale ?? team.locale;
}

export function zoneOf(member: Member | undefined, team: Team): string {
  return member?.timezone ?? team.timezone;
}

/** How a recipient reads a message about `team`: their language and zone, else those of their own team, else `team`'s. */
export function readerOf(
  ws: Workspace,
  memberId: string,
  team: Team,
): { readonly locale: Locale; readonly zone: string } {
  const found = findMember(ws, memberId);
  return { locale: localeOf(found?.member, found?.team ?? team), zone: zoneOf(found?.member, found?.team ?? team) };
}

/** The team's schedule of a ritual, when configured and enabled. */
export function scheduleOf(team: Team, ritual: RitualId): RitualSchedule | undefined {
  const s = team.rituals[ritual];
  return s?.enabled ? s : undefined;
}

/** The zone a member's check-in fires in: their own with local time, else the schedule's. */
export function checkinZone(team: Team, member: Member, schedule: RitualSchedule): string {
  return schedule.localTime
    ? (member.timezone ?? schedule.timezone ?? team.timezone)
    : (schedule.timezone ?? team.timezone);
}

export function nameOf(ws: Workspace, memberId: string): string {
  return findMember(ws, memberId)?.member.name ?? memberId;
}

/** KPI ids a member is asked in the check-in (their role's, known KPIs only). */
export function checkinKpisOf(ws: Workspace, member: Member): string[] {
  const role = member.role === undefined ? undefined : ws.roles[member.role];
  return (role?.checkin ?? []).filter((k) => ws.kpis[k] !== undefined);
}
