// Who is acting in a service call, and which team they may act on: a member acts on their own teams
// only; manager-only actions need them to manage that team.
import type { Locale, Member, Team, Workspace } from '../domain/model.js';
import { DomainError } from '../errors.js';
import { findMember, isManagerOf, localeOf, teamsOf, zoneOf } from './queries/team-lookup.js';

export interface Actor {
  readonly member: Member;
  /** Home team (the first that lists them). */
  readonly team: Team;
  readonly teams: readonly Team[];
  readonly locale: Locale;
  readonly zone: string;
}

export function actorOf(ws: Workspace, memberId: string): Actor | undefined {
  const found = findMember(ws, memberId);
  if (!found) return undefined;
  return {
    member: found.member,
    team: found.team,
    teams: teamsOf(ws, memberId),
    locale: localeOf(found.member, found.team),
    zone: zoneOf(found.member, found.team),
  };
}

/**
 * The team an actor names (or their home team; for manager-only actions the first team they manage).
 * Throws AUTH.NOT_IN_TEAM for another team and AUTH.NOT_MANAGER when they do not manage it.
 */
export function teamFor(
  ws: Workspace,
  actor: Actor,
  teamId: string | undefined,
  opts: { managerOnly?: boolean } = {},
): Team {
  let team: Team | undefined;
  if (teamId !== undefined) {
    team = ws.teams.find((t) => t.id === teamId);
    if (!team)
      throw new DomainError('REPORT.UNKNOWN_TEAM', `unknown team "${teamId}"`, {
        team: teamId,
        teams: actor.teams.map((t) => t.id).join(', '),
      });
    if (!actor.teams.includes(team) && !isManagerOf(team, actor.member.id)) {
      throw new DomainError('AUTH.NOT_IN_TEAM', `${actor.member.id} is not in team ${teamId}`, { team: team.name });
    }
  } else {
    team = (opts.managerOnly ? actor.teams.find((t) => isManagerOf(t, actor.member.id)) : undefined) ?? actor.team;
  }
  if (opts.managerOnly && !isManagerOf(team, actor.member.id)) {
    throw new DomainError('AUTH.NOT_MANAGER', `${actor.member.id} does not manage team ${team.id}`, {
      team: team.name,
    });
  }
  return team;
}
