// Finding teams and members in the workspace config, and what follows from it: a member's language,
// zone, teams and rights. Look-ups by id go through an index built once per workspace object: every
// interaction resolves its member, and scanning 5,000 members each time showed in the ack latency.
import type { Locale, Member, RitualId, RitualSchedule, Team, Workspace } from '../domain/model.js';

export interface MemberInTeam {
  readonly member: Member;
  /** The first team that lists the member: their home for language and zone. */
  readonly team: Team;
}

interface WorkspaceIndex {
  readonly teams: ReadonlyMap<string, Team>;
  /** Member id -> the member (as the first team lists them) and every team that lists them, in order. */
  readonly members: ReadonlyMap<string, { readonly found: MemberInTeam; readonly teams: Team[] }>;
}

// A workspace is never changed in place (a reload makes a new object): the index lives as long as it does.
const indexes = new WeakMap<Workspace, WorkspaceIndex>();

function indexOf(ws: Workspace): WorkspaceIndex {
  let index = indexes.get(ws);
  if (!index) {
    const teams = new Map<string, Team>();
    const members = new Map<string, { found: MemberInTeam; teams: Team[] }>();
    for (const team of ws.teams) {
      if (!teams.has(team.id)) teams.set(team.id, team);
      for (const member of team.members) {
        const entry = members.get(member.id);
        if (!entry) members.set(member.id, { found: { member, team }, teams: [team] });
        else if (entry.teams[entry.teams.length - 1] !== team) entry.teams.push(team);
      }
    }
    index = { teams, members };
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

/** The team's schedule of a ritual, when configured and enabled. */
export function scheduleOf(team: Team, ritual: RitualId): RitualSchedule | undefined {
  const s = team.rituals[ritual];
  return s && s.enabled ? s : undefined;
}

/** The zone a member's check-in fires in: their own with local time, else the schedule's. */
export function checkinZone(team: Team, member: Member, schedule: RitualSchedule): string {
  return schedule.localTime ? (member.timezone ?? schedule.timezone ?? team.timezone) : (schedule.timezone ?? team.timezone);
}

export function nameOf(ws: Workspace, memberId: string): string {
  return findMember(ws, memberId)?.member.name ?? memberId;
}

/** KPI ids a member is asked in the check-in (their role's, known KPIs only). */
export function checkinKpisOf(ws: Workspace, member: Member): string[] {
  const role = member.role === undefined ? undefined : ws.roles[member.role];
  return (role?.checkin ?? []).filter((k) => ws.kpis[k] !== undefined);
}
