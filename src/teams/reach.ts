// Whether Teams can reach a destination with this config: a member with a Teams (AAD) id or an email
// (matched to their UPN once they install the app or the team roster is read), a team with a Teams
// channel. The composition root uses it for the core's `platformFor`.
import type { Workspace } from '../core/domain/model.js';
import type { Destination } from '../core/ports.js';

export function teamsCanReach(workspace: Workspace, destination: Destination): boolean {
  if (destination.kind === 'channel') return !!workspace.teams.find((t) => t.id === destination.teamId)?.channels.teams;
  const member = workspace.teams.flatMap((t) => t.members).find((m) => m.id === destination.memberId);
  return !!(member?.ids.teams || member?.ids.email);
}
