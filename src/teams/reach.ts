// Whether Teams can reach a destination with this config: a member with a Teams (AAD) id or an email
// (matched to their UPN once they install the app or the team roster is read), a team with a Teams
// channel. The composition root uses it for the core's `platformFor`.
import type { Workspace } from '../core/domain/model.js';
import type { Destination } from '../core/ports/index.js';
import { findMember, findTeam } from '../core/rituals/queries/team-lookup.js';

export function teamsCanReach(workspace: Workspace, destination: Destination): boolean {
  // Indexed look-ups: a fan-out asks this once per member.
  if (destination.kind === 'channel') return !!findTeam(workspace, destination.teamId)?.channels.teams;
  const member = findMember(workspace, destination.memberId)?.member;
  return !!(member?.ids.teams || member?.ids.email);
}
