// Advice on a valid workspace file: things the seed recommends but that do not stop the bot. Today one:
// a team with fewer than 3 collective objectives (the seed's 3-to-5 rule; more than 5 is an error, see
// validate-teams.ts). `rituals config check` prints them and still exits 0.
import type { RawWorkspace } from './workspace-schema.js';
import type { ConfigIssue } from './yaml-positions.js';

export const MIN_COLLECTIVE_OBJECTIVES = 3;

export function workspaceWarnings(ws: RawWorkspace): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  ws.teams.forEach((team, i) => {
    const count = team.collective?.length ?? 0;
    if (count >= MIN_COLLECTIVE_OBJECTIVES) return;
    issues.push({
      path: team.collective ? ['teams', i, 'collective'] : ['teams', i],
      message: `team "${team.id}" has ${count} collective objective${count === 1 ? '' : 's'}: the seed's rule is 3 to 5 per team (allowed, but fewer than 3 gives the team little to rally around)`,
    });
  });
  return issues;
}
