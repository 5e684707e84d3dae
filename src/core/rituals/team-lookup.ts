// Finding teams and members in the workspace config, and what follows from it: a member's language,
// zone, teams and rights.
import type { Locale, Member, RitualId, RitualSchedule, Team, Workspace } from '../domain/model.js';

export interface MemberInTeam {
  readonly member: Member;
  /** The first team that lists the member: their home for language and zone. */
  readonly team: Team;
}

export function findTeam(ws: Workspace, teamId: string): Team | undefined {
  return ws.teams.find((t) => t.id === teamId);
}

export function findMember(ws: Workspace, memberId: string): MemberInTeam | undefined {
  for (const team of ws.teams) {
    const member = team.members.find((m) => m.id === memberId);
    if (member) return { member, team };
  }
  return undefined;
}

export function teamsOf(ws: Workspace, memberId: string): Team[] {
  return ws.teams.filter((t) => t.members.some((m) => m.id === memberId));
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
